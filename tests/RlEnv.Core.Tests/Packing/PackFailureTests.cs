using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Packing;

public class PackFailureTests
{
    [Fact]
    public void File_that_grows_while_being_packed_fails_and_leaves_no_artifact()
    {
        using var env = new RealEnvironment();
        var growing = env.Write("dataset/train.jsonl", new string('a', 3 * 1024 * 1024));
        var grown = false;

        var result = env.Pack(r => r with
        {
            Progress = new SyncProgress(p =>
            {
                if (!grown && p.CurrentFile == "dataset/train.jsonl")
                {
                    grown = true;
                    File.AppendAllText(growing, "more");
                }
            }),
        });

        var error = RealEnvironment.SingleError(result);
        Assert.Equal((DiagnosticCatalog.FileChangedWhilePacking.Code, "dataset/train.jsonl"), (error.Code, error.File));
        Assert.Contains("grew", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(env.Output));
    }

    [Fact]
    public void File_that_shrinks_while_being_packed_fails_and_leaves_no_artifact()
    {
        using var env = new RealEnvironment();
        var shrinking = env.Write("dataset/train.jsonl", new string('a', 3 * 1024 * 1024));
        var shrunk = false;

        var result = env.Pack(r => r with
        {
            Progress = new SyncProgress(p =>
            {
                if (!shrunk && p.CurrentFile == "dataset/train.jsonl")
                {
                    shrunk = true;
                    TempDirectory.Shell($"truncate -s 1024 '{shrinking}'");
                }
            }),
        });

        Assert.Contains("shrank", RealEnvironment.SingleError(result).Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(env.Output));
    }

    [Fact]
    public void Failed_repack_leaves_the_earlier_artifact_and_manifest_byte_for_byte()
    {
        using var env = new RealEnvironment();
        env.Write("dataset/train.jsonl", "{\"input\":\"a\"}\n");
        var first = env.Pack();
        Assert.True(first.Succeeded);
        var artifact = File.ReadAllBytes(first.ArtifactPath!);
        var manifest = File.ReadAllBytes(first.ManifestPath!);
        var listing = env.OutputListing();

        env.Write("dataset/leak.txt", "token=hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567\n");
        var second = env.Pack();

        var error = RealEnvironment.SingleError(second);
        Assert.Equal((DiagnosticCatalog.AccessToken.Code, "dataset/leak.txt", 1, 7), (error.Code, error.File, error.Line, error.Column));
        Assert.Equal(listing, env.OutputListing());
        Assert.Equal(artifact, File.ReadAllBytes(first.ArtifactPath!));
        Assert.Equal(manifest, File.ReadAllBytes(first.ManifestPath!));
    }

    [Fact]
    public void Invalid_source_date_epoch_is_an_error_before_anything_is_written()
    {
        using var env = new RealEnvironment();

        var result = env.Pack(r => r with { SourceDateEpoch = "yesterday" });

        Assert.Equal(DiagnosticCatalog.InvalidSourceDateEpoch.Code, RealEnvironment.SingleError(result).Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(env.Output));
    }

    private sealed class SyncProgress(Action<Core.Packing.PackProgress> onReport) : IProgress<Core.Packing.PackProgress>
    {
        public void Report(Core.Packing.PackProgress value) => onReport(value);
    }
}
