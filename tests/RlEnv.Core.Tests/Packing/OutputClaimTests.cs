using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Packing;

public class OutputClaimTests
{
    private const string Out = "/out";
    private const string Alpha = "/src/alpha/alpha.rlenvproj";
    private const string Beta = "/src/beta/beta.rlenvproj";

    [Fact]
    public void A_second_project_packing_the_same_name_into_the_same_folder_is_refused_naming_the_first()
    {
        var fs = Projects();
        Assert.True(Take(fs, Alpha, new DiagnosticBag()));

        var diagnostics = new DiagnosticBag();
        Assert.False(Take(fs, Beta, diagnostics));

        var error = Assert.Single(diagnostics.ToSortedList());
        Assert.Equal("RLENV1809", error.Code);
        Assert.Contains(Alpha, error.Message, StringComparison.Ordinal);
        Assert.Contains(Beta, error.Message, StringComparison.Ordinal);
        Assert.Contains(".math-1.0.0.rlenv-project", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_owner_packs_again_and_another_version_or_name_is_free()
    {
        var fs = Projects();
        Assert.True(Take(fs, Alpha, new DiagnosticBag()));

        Assert.True(Take(fs, Alpha, new DiagnosticBag()));
        Assert.True(OutputClaim.Take(fs, Out, "math", "2.0.0", Beta, new DiagnosticBag()));
        Assert.True(OutputClaim.Take(fs, Out, "algebra", "1.0.0", Beta, new DiagnosticBag()));
    }

    [Fact]
    public void A_claim_whose_project_was_deleted_or_edited_since_is_taken_over()
    {
        var fs = Projects();
        Assert.True(Take(fs, Alpha, new DiagnosticBag()));
        fs.File.SetLastWriteTimeUtc(Out + "/.math-1.0.0.rlenv-project", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        fs.File.SetLastWriteTimeUtc(Alpha, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));

        Assert.True(Take(fs, Beta, new DiagnosticBag()));

        fs.File.Delete(Beta);
        Assert.True(Take(fs, Alpha, new DiagnosticBag()));
        Assert.Equal(Alpha, fs.File.ReadAllText(Out + "/.math-1.0.0.rlenv-project"));
    }

    [Fact]
    public void Clean_releases_only_its_own_claim()
    {
        var fs = Projects();
        Assert.True(Take(fs, Alpha, new DiagnosticBag()));

        OutputClaim.Release(fs, Out, "math", "1.0.0", Beta);
        Assert.True(fs.File.Exists(Out + "/.math-1.0.0.rlenv-project"));

        OutputClaim.Release(fs, Out, "math", "1.0.0", Alpha);
        Assert.False(fs.File.Exists(Out + "/.math-1.0.0.rlenv-project"));
    }

    private static System.IO.Abstractions.TestingHelpers.MockFileSystem Projects()
    {
        var fs = new MockEnvironment().FileSystem;
        fs.AddFile(Alpha, new("<Project />") { LastWriteTime = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        fs.AddFile(Beta, new("<Project />") { LastWriteTime = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        return fs;
    }

    private static bool Take(System.IO.Abstractions.TestingHelpers.MockFileSystem fs, string project, DiagnosticBag diagnostics) =>
        OutputClaim.Take(fs, Out, "math", "1.0.0", project, diagnostics);
}
