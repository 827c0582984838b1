using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Publishing;

/// <summary>Every crafted archive ends in one RLENV2607 diagnostic and an absent target folder, never an exception.</summary>
public class ExtractorHostileArchiveTests
{
    private static void AssertRefused(byte[] gz, string expected, PackLimits? limits = null)
    {
        var (files, diagnostics, fs) = Hostile.Extract(gz, limits);

        Assert.Null(files);
        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCatalog.PulledArtifactUnsafe.Code, d.Code);
        Assert.Contains(expected, d.Message, StringComparison.Ordinal);
        Assert.False(fs.Directory.Exists(Hostile.Target), "a refused extraction left its target folder behind");
    }

    [Fact]
    public void Pax_bomb_is_refused_and_nothing_is_left()
    {
        AssertRefused(
            new RawTar().File("environment.py", [1]).Pax("big", RawTar.PaxRecord("path", new byte[1 << 20])).File("big", [1]).End().Gzip(),
            "longer than 4 KiB");
    }

    [Fact]
    public void Nul_in_a_pax_path_is_refused()
    {
        AssertRefused(new RawTar().Pax("a.py", RawTar.PaxRecord("path", Encoding.ASCII.GetBytes("a.py\0b"))).File("a.py", [1]).End().Gzip(), "NUL");
    }

    [Fact]
    public void File_then_folder_of_the_same_name_is_refused_not_an_io_exception()
    {
        AssertRefused(new RawTar().File("data", [1]).File("data/train.jsonl", [2]).End().Gzip(), "which is a file");
    }

    [Fact]
    public void Truncated_gzip_is_refused()
    {
        var gz = new RawTar().File("environment.py", new byte[20000]).End().Gzip();

        AssertRefused(gz[..(gz.Length / 2)], "truncated");
    }

    [Fact]
    public void Input_that_is_not_gzip_is_refused()
    {
        AssertRefused(Encoding.UTF8.GetBytes("not a gzip stream at all"), "cannot be read");
    }

    [Fact]
    public void Bad_checksum_is_refused()
    {
        var tar = new RawTar().File("environment.py", [1]).File("b.py", [2]).End().Tar();
        tar[1024] ^= 1;

        AssertRefused(RawTar.Compress(tar), "bad checksum");
    }

    [Fact]
    public void Member_over_the_cap_is_refused_at_its_header()
    {
        AssertRefused(new RawTar().Block(RawTar.Header("huge.bin", '0', 1L << 40)).Gzip(), "'huge.bin' declares");
    }

    [Fact]
    public void Members_past_the_cap_are_refused()
    {
        var tar = new RawTar();
        for (var i = 0; i < 5; i++)
        {
            tar.File($"f{i}.py", [1]);
        }

        AssertRefused(tar.End().Gzip(), "more than 4 members", PackLimits.Hub with { MaxMembers = 4 });
    }
}
