using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Inspecting;

public class UnsafeNameTests
{
    [Fact]
    public void Nul_in_a_pax_path_is_an_unsafe_member()
    {
        var gz = new RawTar().Pax("a.py", RawTar.PaxRecord("path", Encoding.ASCII.GetBytes("a.py\0../../etc/passwd"))).File("a.py", [1]).End().Gzip();

        var result = Hostile.Inspect(gz);

        Assert.Contains("NUL", Hostile.Single(result, DiagnosticCatalog.ArtifactUnsafeMember.Code).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_then_folder_of_the_same_name_is_an_unsafe_member()
    {
        var gz = new RawTar().File("data", [1]).File("data/train.jsonl", [2]).End().Gzip();

        var result = Hostile.Inspect(gz);

        Assert.Contains("is inside 'data', which is a file", Hostile.Single(result, DiagnosticCatalog.ArtifactUnsafeMember.Code).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_then_file_of_the_same_name_in_another_case_is_a_twin_warning_not_an_unsafe_member()
    {
        var gz = new RawTar().File("Data/train.jsonl", [2]).File("data", [1]).End().Gzip();

        var result = Hostile.Inspect(gz);

        var twin = Hostile.Single(result, DiagnosticCatalog.PathCollision.Code);
        Assert.Equal(Severity.Warning, twin.Severity);
        Assert.Contains("inside a folder of that name", twin.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
    }

    // The hub extracts both on Linux; only a macOS or Windows checkout folds them into one.
    [Theory]
    [InlineData("a.py", "A.py")]
    [InlineData("caf\u00e9.md", "cafe\u0301.md")]
    public void Case_and_normalization_twins_are_a_warning_and_an_exact_duplicate_an_error(string first, string twin)
    {
        var twins = Hostile.Inspect(new RawTar().File(first, [1]).File(twin, [2]).End().Gzip());
        var duplicates = Hostile.Inspect(new RawTar().File(first, [1]).File(first, [2]).End().Gzip());

        Assert.Equal(Severity.Warning, Hostile.Single(twins, DiagnosticCatalog.PathCollision.Code).Severity);
        Assert.DoesNotContain(twins.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains("duplicates an earlier member", Hostile.Single(duplicates, DiagnosticCatalog.ArtifactUnsafeMember.Code).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_member_type_is_an_unsafe_member_named_in_the_message()
    {
        var gz = new RawTar().File("sparse.bin", [1], type: 'S').End().Gzip();

        var result = Hostile.Inspect(gz);

        Assert.Contains("'sparse.bin' has the tar member type 'S'", Hostile.Single(result, DiagnosticCatalog.ArtifactUnsafeMember.Code).Message, StringComparison.Ordinal);
    }
}
