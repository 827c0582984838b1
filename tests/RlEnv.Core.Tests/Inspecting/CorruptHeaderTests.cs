using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Inspecting;

/// <summary>GNU tar exits 2 on these; TarReader used to stop silently and report a short, "clean" artifact.</summary>
public class CorruptHeaderTests
{
    private static byte[] Packed()
    {
        using var env = new RealEnvironment();
        env.Write("dataset/train.jsonl", "{\"input\":\"a\"}\n");
        var result = env.Pack();
        Assert.True(result.Succeeded);
        return File.ReadAllBytes(result.ArtifactPath!);
    }

    [Fact]
    public void Bad_checksum_in_a_later_header_is_reported_corrupt_not_a_short_listing()
    {
        var tar = RawTar.Decompress(Packed());

        // The first member is the stub README.md (under 512 bytes: one data block), so the second header starts at 1024.
        tar[1024 + 1] ^= 0x01;

        var result = Hostile.Inspect(RawTar.Compress(tar));

        var d = Hostile.Single(result, DiagnosticCatalog.ArtifactUnreadable.Code);
        Assert.Contains("bad checksum", d.Message, StringComparison.Ordinal);
        Assert.Single(result.Members);
    }

    [Fact]
    public void Non_octal_size_field_is_corrupt()
    {
        var gz = new RawTar().Block(RawTar.Header("a.py", '0', 1, h => RawTar.Ascii("0000000009x\0", h, 124))).Data([1]).End().Gzip();

        var result = Hostile.Inspect(gz);

        Assert.Contains("malformed numeric field", Hostile.Single(result, DiagnosticCatalog.ArtifactUnreadable.Code).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Base_256_size_past_a_long_is_corrupt_not_an_overflow()
    {
        var gz = new RawTar().Block(RawTar.Header("a.py", '0', 0, h =>
        {
            h[124] = 0x80;
            Array.Fill(h, (byte)0xFF, 125, 11);
        })).End().Gzip();

        var result = Hostile.Inspect(gz);

        Hostile.Single(result, DiagnosticCatalog.ArtifactUnreadable.Code);
    }

    [Fact]
    public void Base_256_size_within_range_is_read()
    {
        var gz = new RawTar().Block(RawTar.Header("a.py", '0', 0, h =>
        {
            Array.Clear(h, 124, 12);
            h[124] = 0x80;
            h[135] = 3;
        })).Data([7, 8, 9]).End().Gzip();

        var result = Hostile.Inspect(gz);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, Assert.Single(result.Members).Size);
    }

    [Fact]
    public void Truncated_gzip_is_unreadable()
    {
        var gz = Packed();

        var result = Hostile.Inspect(gz[..(gz.Length / 2)]);

        Hostile.Single(result, DiagnosticCatalog.ArtifactUnreadable.Code);
    }

    [Fact]
    public void Tar_cut_at_a_block_boundary_without_an_end_marker_is_truncated()
    {
        var tar = RawTar.Decompress(Packed());
        var cut = tar.AsSpan().LastIndexOfAnyExcept((byte)0) / 512 * 512 + 512;

        var result = Hostile.Inspect(RawTar.Compress(tar[..cut]));

        Assert.Contains("truncated", Hostile.Single(result, DiagnosticCatalog.ArtifactUnreadable.Code).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_that_is_not_gzip_is_unreadable()
    {
        var result = Hostile.Inspect(Encoding.UTF8.GetBytes("def load_environment(**params):\n    pass\n"));

        Hostile.Single(result, DiagnosticCatalog.ArtifactUnreadable.Code);
    }
}
