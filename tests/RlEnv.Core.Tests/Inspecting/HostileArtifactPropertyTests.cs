using System.IO.Abstractions.TestingHelpers;
using CsCheck;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Inspecting;

/// <summary>
/// Random and mutated artifacts, from a real packed one, never make the inspector or the extractor throw,
/// and the extractor never writes outside its target (checked on a MockFileSystem, which shows every file).
/// </summary>
public class HostileArtifactPropertyTests
{
    // Small caps so that mutated sizes hit them often instead of waiting on absent data.
    private static readonly PackLimits Limits = PackLimits.Hub with { MaxUncompressedBytes = 1 << 20, MaxMembers = 50 };

    private static readonly Lazy<byte[]> Packed = new(() =>
    {
        using var env = new RealEnvironment();
        env.Write("dataset/train.jsonl", "{\"input\":\"a\"}\n{\"input\":\"b\"}\n");
        env.Write("helpers.py", "X = 1\n");
        env.Write("notes/" + new string('n', 120) + ".md", "long name\n");
        var result = env.Pack(r => r with { Rules = RlEnv.Core.Rules.RuleSet.FlashTree });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => d.ToCanonicalString())));
        return File.ReadAllBytes(result.ArtifactPath!);
    });

    private static Gen<byte[]> Mutated(byte[] valid) =>
        Gen.Select(Gen.Int[0, valid.Length - 1].Array[1, 6], Gen.Byte.Array[1, 6], Gen.Int[0, 3], (positions, values, kind) =>
        {
            if (kind == 3)
            {
                return valid[..positions[0]];
            }

            var bytes = valid.ToList();
            for (var i = 0; i < positions.Length; i++)
            {
                var at = Math.Min(positions[i], bytes.Count - 1);
                switch (kind)
                {
                    case 0: bytes[at] = values[i % values.Length]; break;
                    case 1: bytes.Insert(at, values[i % values.Length]); break;
                    default: if (bytes.Count > 1) { bytes.RemoveAt(at); } break;
                }
            }

            return bytes.ToArray();
        });

    /// <summary>Mutates the tar, then (half the time) fixes every header's checksum so the mutation reaches past it.</summary>
    private static Gen<byte[]> MutatedTar() =>
        Gen.Select(Mutated(RawTar.Decompress(Packed.Value)), Gen.Bool, (tar, fix) =>
        {
            if (fix)
            {
                for (var at = 0; at + 512 <= tar.Length; at += 512)
                {
                    if (tar.AsSpan(at + 257, 5).SequenceEqual("ustar"u8))
                    {
                        var header = tar[at..(at + 512)];
                        RawTar.FixChecksum(header);
                        header.CopyTo(tar, at);
                    }
                }
            }

            return RawTar.Compress(tar);
        });

    private static void AssertHandled(byte[] gz)
    {
        var inspected = Hostile.Inspect(gz, Limits);
        Assert.All(inspected.Diagnostics, d => Assert.StartsWith("RLENV18", d.Code, StringComparison.Ordinal));

        var (files, diagnostics, fs) = Hostile.Extract(gz, Limits);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticCatalog.PulledArtifactUnsafe.Code, d.Code));
        Assert.Equal(files is null, diagnostics.Count > 0);
        AssertNothingOutsideTarget(fs, refused: files is null);
    }

    private static void AssertNothingOutsideTarget(MockFileSystem fs, bool refused)
    {
        var before = Hostile.Extract([], Limits).FileSystem.AllPaths.ToHashSet(StringComparer.Ordinal);
        foreach (var path in fs.AllPaths.Where(p => !before.Contains(p)))
        {
            var inside = path.StartsWith(Hostile.Target + "/", StringComparison.Ordinal) || path == Hostile.Target;
            Assert.True(inside && !refused, $"'{path}' was written ({(refused ? "refused" : "extracted")})");
        }
    }

    [Fact]
    public void Packed_artifact_passes_both_readers_unchanged()
    {
        var inspected = Hostile.Inspect(Packed.Value, Limits);
        Assert.Empty(inspected.Diagnostics);
        Assert.Equal(5, Hostile.Extract(Packed.Value, Limits).Files); // the four files and the stub README.md
    }

    [Fact]
    public void Random_bytes_are_diagnosed_never_thrown()
    {
        Gen.Byte.Array[0, 2000].Sample(AssertHandled, iter: 100);
    }

    [Fact]
    public void Mutated_compressed_artifacts_are_diagnosed_never_thrown_or_written_outside()
    {
        Mutated(Packed.Value).Sample(AssertHandled, iter: 300);
    }

    [Fact]
    public void Mutated_tar_regzipped_is_diagnosed_never_thrown_or_written_outside()
    {
        MutatedTar().Sample(AssertHandled, iter: 400);
    }
}
