using RlEnv.Core.Archive;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Packing;

public class CapBoundaryTests
{
    private const string Record = "{\"input\":\"a\"}\n";

    /// <summary>What the artifact holds besides the test's own files: environment.py with its bootstrap, and the stub README of "env".</summary>
    private static readonly long Overhead = MockEnvironment.ValidEntryPoint.Length + FreesoloPackageShape.SysPathBootstrapBytes
        + FreesoloPackageShape.ReadmeStub("env").Length;

    /// <summary>Sparse files under dataset/ that add up to <paramref name="total"/>, none over the hub's 100 MiB per file.</summary>
    private static void SparseTotal(RealEnvironment env, long total)
    {
        for (var i = 0; total > 0; i++)
        {
            var size = Math.Min(total, PackLimits.HubFileBytes);
            env.Sparse($"dataset/big{i}.bin", size);
            total -= size;
        }
    }

    [Fact]
    public void Uncompressed_total_exactly_at_the_hub_cap_packs()
    {
        using var env = new RealEnvironment();
        SparseTotal(env, PackLimits.HubUncompressedBytes - Overhead);

        var result = env.Pack();

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(PackLimits.HubUncompressedBytes, result.Manifest!.UncompressedBytes);
    }

    [Fact]
    public void Uncompressed_total_one_byte_over_the_hub_cap_fails_before_reading_and_leaves_the_output_as_it_was()
    {
        using var env = new RealEnvironment();
        SparseTotal(env, PackLimits.HubUncompressedBytes - Overhead + 1);
        File.WriteAllText(Path.Combine(env.Output, "unrelated.txt"), "keep");
        var before = env.OutputListing();

        var result = env.Pack();

        var error = RealEnvironment.SingleError(result);
        Assert.Equal(DiagnosticCatalog.UncompressedCapExceeded.Code, error.Code);
        Assert.Contains("dataset/big0.bin", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, env.OutputListing());
    }

    [Fact]
    public void Member_count_exactly_at_the_hub_cap_packs_and_one_more_fails()
    {
        var env = new MockEnvironment();
        // environment.py + README.md + 4997 files = 4999 files, and dataset/ holds them: 5000 members as the hub counts a download.
        for (var i = 0; i < PackLimits.HubMembers - 3; i++)
        {
            env.File($"dataset/{i:D5}.txt", "r");
        }

        var engine = new PackEngine(env.FileSystem);
        var request = new PackRequest { EnvironmentDirectory = MockEnvironment.Root, OutputDirectory = "/out", Version = "1.0.0" };

        var atCap = engine.Pack(request);
        Assert.True(atCap.Succeeded, string.Join('\n', atCap.Diagnostics));
        Assert.Equal(PackLimits.HubMembers - 1, atCap.Manifest!.Files.Count);

        env.File("dataset/one-more.txt", "r");
        var overCap = engine.Pack(request with { OutputDirectory = "/out2" });
        Assert.Equal(DiagnosticCatalog.MemberCapExceeded.Code, RealEnvironment.SingleError(overCap).Code);
        Assert.False(env.FileSystem.Directory.Exists("/out2") && env.FileSystem.Directory.EnumerateFileSystemEntries("/out2").Any());
    }

    [Fact]
    public void Tar_stream_over_the_hub_bound_fails_from_sizes_alone_though_every_other_cap_passes()
    {
        using var env = new RealEnvironment();
        // 4994 long names (each a PAX header) + three sparse files of at most 100 MiB: 4999 files in dataset/ (5000
        // members as the hub counts them) and exactly 256 MiB of content, but the headers push the decompressed stream
        // past 256 MiB + 5000 KiB + 1 MiB.
        var longName = new string('n', 150);
        for (var i = 0; i < 4994; i++)
        {
            env.Write($"dataset/{longName}{i:D4}", "r");
        }

        SparseTotal(env, PackLimits.HubUncompressedBytes - Overhead - 4994);

        var result = env.Pack();

        Assert.Equal(DiagnosticCatalog.TarStreamCapExceeded.Code, RealEnvironment.SingleError(result).Code);
    }

    [Fact]
    public void Tar_stream_exactly_at_an_overridden_bound_packs_and_one_byte_less_fails()
    {
        var env = new MockEnvironment().File("dataset/" + new string('x', 120) + ".jsonl", Record).File("dataset/a.jsonl", Record);
        var tarBytes = TarLayout.EndOfArchiveBytes + TarLayout.EntryBytes("dataset/" + new string('x', 120) + ".jsonl", Record.Length)
            + TarLayout.EntryBytes("dataset/a.jsonl", Record.Length) + TarLayout.EntryBytes("environment.py", MockEnvironment.ValidEntryPoint.Length + FreesoloPackageShape.SysPathBootstrapBytes)
            + TarLayout.EntryBytes("README.md", FreesoloPackageShape.ReadmeStub("env").Length);
        var engine = new PackEngine(env.FileSystem);
        var request = new PackRequest { EnvironmentDirectory = MockEnvironment.Root, OutputDirectory = "/out" };

        var atBound = engine.Pack(request with { Limits = new PackLimits { MaxTarStreamBytesOverride = tarBytes } });
        var underBound = engine.Pack(request with { Limits = new PackLimits { MaxTarStreamBytesOverride = tarBytes - 1 } });

        Assert.True(atBound.Succeeded, string.Join('\n', atBound.Diagnostics));
        Assert.Equal(DiagnosticCatalog.TarStreamCapExceeded.Code, RealEnvironment.SingleError(underBound).Code);
    }

    [Fact]
    public void Compressed_size_exactly_at_the_cap_packs_and_one_byte_less_fails_naming_the_largest_contributors()
    {
        using var env = new RealEnvironment();
        var random = new Random(7);
        foreach (var (name, size) in new[] { ("dataset/a.bin", 300_000), ("dataset/b.bin", 200_000), ("dataset/c.bin", 100_000) })
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            WriteAll(env, name, bytes);
        }

        var free = env.Pack();
        var exact = free.Manifest!.ArchiveBytes;
        File.Delete(free.ArtifactPath!);
        File.Delete(free.ManifestPath!);

        var atCap = env.Pack(r => r with { Limits = new PackLimits { MaxCompressedBytes = exact } });
        Assert.True(atCap.Succeeded, string.Join('\n', atCap.Diagnostics));
        var bytesAtCap = File.ReadAllBytes(atCap.ArtifactPath!);

        var underCap = env.Pack(r => r with { Limits = new PackLimits { MaxCompressedBytes = exact - 1 } });
        var error = RealEnvironment.SingleError(underCap);
        Assert.Equal(DiagnosticCatalog.CompressedCapExceeded.Code, error.Code);
        Assert.Matches("dataset/a\\.bin.*dataset/b\\.bin.*dataset/c\\.bin", error.Message);
        Assert.Equal(bytesAtCap, File.ReadAllBytes(atCap.ArtifactPath!));
        Assert.Equal(2, Directory.EnumerateFiles(env.Output).Count());
    }

    [Fact]
    public void Incompressible_content_over_the_hub_compressed_cap_stops_early_and_writes_nothing()
    {
        using var env = new RealEnvironment();
        var bytes = new byte[(int)PackLimits.HubCompressedBytes + (4 * 1024 * 1024)];
        new Random(11).NextBytes(bytes);
        WriteAll(env, "dataset/noise.bin", bytes);

        var result = env.Pack();

        var error = RealEnvironment.SingleError(result);
        Assert.Equal(DiagnosticCatalog.CompressedCapExceeded.Code, error.Code);
        Assert.Contains("67,108,864", error.Message, StringComparison.Ordinal);
        Assert.Contains("dataset/noise.bin", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(env.Output));
    }

    private static string WriteAll(RealEnvironment env, string relative, byte[] bytes)
    {
        var full = Path.Combine(env.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }
}
