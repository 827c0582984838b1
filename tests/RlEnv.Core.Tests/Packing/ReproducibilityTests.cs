using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Packing;

public class ReproducibilityTests
{
    private static readonly (string Path, string Content)[] Files =
    [
        ("environment.py", MockEnvironment.ValidEntryPoint),
        ("helpers.py", "def score():\n    return 1\n"),
        ("dataset/train.jsonl", "{\"input\":\"a\",\"output\":\"b\"}\n"),
        ("dataset/eval.jsonl", "{\"input\":\"c\"}\n"),
        ("dataset/deep/nested/" + new string('l', 130) + ".json", "[]"),
        ("dataset/notes/naïve café.txt", "unicode name"),
        ("README.md", "# env\n"),
    ];

    private static void Build(RealEnvironment env, IEnumerable<(string Path, string Content)> files, DateTime mtime, UnixFileMode mode)
    {
        foreach (var (path, content) in files)
        {
            var full = env.Write(path, content);
            File.SetUnixFileMode(full, mode);
            File.SetLastWriteTimeUtc(full, mtime);
        }
    }

    [Fact]
    public void Same_tree_with_other_mtimes_creation_order_and_umask_gives_identical_bytes()
    {
        using var first = new RealEnvironment(withEntryPoint: false);
        using var second = new RealEnvironment(withEntryPoint: false);
        Build(first, Files, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Build(second, Files.Reverse(), new DateTime(2025, 6, 30, 12, 0, 0, DateTimeKind.Utc),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead);

        var a = first.Pack();
        var b = second.Pack();

        Assert.True(a.Succeeded, string.Join('\n', a.Diagnostics));
        Assert.Equal(File.ReadAllBytes(a.ArtifactPath!), File.ReadAllBytes(b.ArtifactPath!));
        Assert.Equal(File.ReadAllBytes(a.ManifestPath!), File.ReadAllBytes(b.ManifestPath!));
    }

    [Fact]
    public void Content_digest_equals_an_independent_recomputation_from_the_extracted_archive()
    {
        using var env = new RealEnvironment(withEntryPoint: false);
        Build(env, Files, DateTime.UtcNow, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = env.Pack();

        var lines = new List<string>();
        using (var reader = new TarReader(new GZipStream(File.OpenRead(result.ArtifactPath!), CompressionMode.Decompress)))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType == TarEntryType.RegularFile)
                {
                    lines.Add($"{Convert.ToHexStringLower(SHA256.HashData(entry.DataStream!))}  {entry.Name}\n");
                }
            }
        }

        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(lines.Order(StringComparer.Ordinal).Select(l => l)))));
        // sha256sum sorts by path: order the lines by their path part.
        var byPath = string.Concat(lines.OrderBy(l => l[66..], StringComparer.Ordinal));
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(byPath))), result.Manifest!.ContentDigest);
        Assert.NotEqual(string.Empty, digest);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(result.ArtifactPath!))), result.Manifest.ArchiveSha256);
    }

    [Fact]
    public void Source_date_epoch_sets_every_mtime_and_is_the_only_difference()
    {
        using var env = new RealEnvironment(withEntryPoint: false);
        Build(env, Files, DateTime.UtcNow, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var stamped = env.Pack(r => r with { SourceDateEpoch = "1700000000", Name = "stamped" });

        using var reader = new TarReader(new GZipStream(File.OpenRead(stamped.ArtifactPath!), CompressionMode.Decompress));
        while (reader.GetNextEntry() is { } entry)
        {
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), entry.ModificationTime);
        }
    }
}
