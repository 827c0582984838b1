using System.Text;
using RlEnv.Core.Archive;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Inspecting;

/// <summary>inspect applies the hub's caps, and stops at the header that crosses one, before reading on.</summary>
public class InspectCapTests
{
    [Fact]
    public void Member_declaring_4_GiB_is_refused_at_its_header_and_named()
    {
        // The data is absent: a reader that went on would report truncation, not the cap.
        var gz = new RawTar().File("a.py", [1]).Block(RawTar.Header("dataset/huge.bin", '0', 4L << 30)).Gzip();

        var result = Hostile.Inspect(gz);

        var d = Hostile.Single(result, DiagnosticCatalog.ArtifactOverCap.Code);
        Assert.Contains("'dataset/huge.bin' declares 4,294,967,296 bytes", d.Message, StringComparison.Ordinal);
        Assert.Equal(["a.py"], result.Members.Select(m => m.Path));
    }

    [Fact]
    public void Member_size_from_a_pax_record_counts_toward_the_cap()
    {
        var gz = new RawTar().Pax("big", RawTar.PaxRecord("size", Encoding.ASCII.GetBytes((300L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Block(RawTar.Header("big.bin", '0', 1)).Gzip();

        var result = Hostile.Inspect(gz);

        Assert.Contains("'big.bin' declares", Hostile.Single(result, DiagnosticCatalog.ArtifactOverCap.Code).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sizes_summing_past_the_cap_are_refused_at_the_member_that_crosses_it()
    {
        var limits = PackLimits.Hub with { MaxUncompressedBytes = 2048 };
        var gz = new RawTar().File("a.bin", new byte[1500]).File("b.bin", new byte[1500]).End().Gzip();

        var result = Hostile.Inspect(gz, limits);

        Assert.Contains("add up past the cap", Hostile.Single(result, DiagnosticCatalog.ArtifactOverCap.Code).Message, StringComparison.Ordinal);
        Assert.Equal(["a.bin"], result.Members.Select(m => m.Path));
    }

    [Fact]
    public void Members_past_the_cap_stop_the_reader_at_the_cap()
    {
        var limits = PackLimits.Hub with { MaxMembers = 3 };
        var tar = new RawTar();
        for (var i = 0; i < 10; i++)
        {
            tar.File($"f{i}.py", [1]);
        }

        var result = Hostile.Inspect(tar.End().Gzip(), limits);

        Assert.Contains("more than 3 members", Hostile.Single(result, DiagnosticCatalog.ArtifactOverCap.Code).Message, StringComparison.Ordinal);
        Assert.Equal(3, result.Members.Count);
    }

    [Fact]
    public void Hub_member_cap_applies_by_default()
    {
        var tar = new RawTar();
        for (var i = 0; i <= PackLimits.HubMembers; i++)
        {
            tar.Block(RawTar.Header($"d{i}/", '5', 0));
        }

        var result = Hostile.Inspect(tar.End().Gzip());

        Hostile.Single(result, DiagnosticCatalog.ArtifactOverCap.Code);
        Assert.Equal(PackLimits.HubMembers, result.Members.Count);
    }

    [Fact]
    public void Tar_stream_past_its_bound_is_refused_counting_header_bytes()
    {
        // 20 empty folders are 20 header blocks and no member bytes: only the header bytes cross the bound.
        var limits = PackLimits.Hub with { MaxTarStreamBytesOverride = 10 * TarGuardStream.BlockSize };
        var tar = new RawTar();
        for (var i = 0; i < 20; i++)
        {
            tar.Block(RawTar.Header($"d{i}/", '5', 0));
        }

        var result = Hostile.Inspect(tar.End().Gzip(), limits);

        Assert.Contains("tar stream", Hostile.Single(result, DiagnosticCatalog.ArtifactOverCap.Code).Message, StringComparison.Ordinal);
        Assert.Equal(10, result.Members.Count);
    }

    [Fact]
    public void Artifact_over_the_compressed_cap_is_not_read()
    {
        var gz = new RawTar().File("a.py", new byte[4096]).End().Gzip();

        var result = Hostile.Inspect(gz, PackLimits.Hub with { MaxCompressedBytes = 10 });

        Assert.Contains("compressed", Hostile.Single(result, DiagnosticCatalog.ArtifactOverCap.Code).Message, StringComparison.Ordinal);
        Assert.Empty(result.Members);
    }
}
