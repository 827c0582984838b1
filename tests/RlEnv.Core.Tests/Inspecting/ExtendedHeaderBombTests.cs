using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Inspecting;

/// <summary>TarReader holds PAX and GNU long-name data whole: a 1 MiB name costs a 1 MiB string, a 1 GiB one gigabytes.</summary>
public class ExtendedHeaderBombTests
{
    private static byte[] LongName(int length) => Encoding.ASCII.GetBytes(new string('a', length));

    [Fact]
    public void Pax_path_of_one_MiB_is_refused_as_an_extended_header_too_large()
    {
        var gz = new RawTar().Pax("big", RawTar.PaxRecord("path", LongName(1 << 20))).File("big", [1]).End().Gzip();

        var result = Hostile.Inspect(gz);

        var d = Hostile.Single(result, DiagnosticCatalog.ArtifactExtendedHeaderTooLarge.Code);
        Assert.Contains("longer than 4 KiB", d.Message, StringComparison.Ordinal);
        Assert.Empty(result.Members);
    }

    [Fact]
    public void Pax_header_declaring_a_gigabyte_is_refused_before_any_of_it_is_read()
    {
        // Only the header is present: a reader that trusted the size would wait for (or allocate) 1 GiB.
        var gz = new RawTar().Block(RawTar.Header("PaxHeaders/x", 'x', 1L << 30)).Gzip();

        var result = Hostile.Inspect(gz);

        Hostile.Single(result, DiagnosticCatalog.ArtifactExtendedHeaderTooLarge.Code);
    }

    [Fact]
    public void Gnu_long_name_of_one_MiB_is_refused()
    {
        var name = LongName(1 << 20);
        var gz = new RawTar().Block(RawTar.Header("././@LongLink", 'L', name.Length + 1)).Data([.. name, 0]).File("x", [1]).End().Gzip();

        var result = Hostile.Inspect(gz);

        Hostile.Single(result, DiagnosticCatalog.ArtifactExtendedHeaderTooLarge.Code);
    }

    [Fact]
    public void Gnu_long_link_of_one_MiB_is_refused_by_pull()
    {
        var name = LongName(1 << 20);
        var gz = new RawTar().Block(RawTar.Header("././@LongLink", 'K', name.Length)).Data(name).File("x", [1]).End().Gzip();

        var (files, diagnostics, fs) = Hostile.Extract(gz);

        Assert.Null(files);
        Assert.Contains("longer than 4 KiB", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
        Assert.False(fs.Directory.Exists(Hostile.Target));
    }

    [Fact]
    public void Pax_path_of_a_few_hundred_bytes_is_read_normally()
    {
        var name = "dataset/" + new string('d', 300) + ".jsonl";
        var gz = new RawTar().Pax("n", RawTar.PaxRecord("path", Encoding.UTF8.GetBytes(name))).File("n", [1, 2]).End().Gzip();

        var result = Hostile.Inspect(gz);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(name, Assert.Single(result.Members).Path);
    }
}
