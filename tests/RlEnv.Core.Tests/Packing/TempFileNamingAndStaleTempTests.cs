using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Packing;

public class TempFileNamingAndStaleTempTests
{
    private const string Out = "/out";

    [Theory]
    [InlineData(1)]
    [InlineData(4_194_304)] // Linux's largest pid_max
    public void Temp_names_are_at_most_eight_bytes_longer_than_the_final_name(int processId)
    {
        const string final = "my-env-1.0.0.manifest.json";

        var temp = TempFiles.Name(final, processId);

        Assert.True(Encoding.UTF8.GetByteCount(temp) <= final.Length + 8, temp);
        Assert.Equal(processId, TempFiles.Owner(temp, final));
    }

    [Theory]
    [InlineData(".env-1.0.0.tar.gz.", "env-1.0.0.tar.gz")]
    [InlineData(".env-1.0.0.tar.gz.ZZ", "env-1.0.0.tar.gz")]
    [InlineData(".env-1.0.0.tar.gz.1.tmp", "env-1.0.0.tar.gz")]
    [InlineData(".env-1.0.0.tar.gz.12", "other-1.0.0.tar.gz")]
    public void Names_that_are_not_temps_of_this_artifact_have_no_owner(string fileName, string final) =>
        Assert.Null(TempFiles.Owner(fileName, final));

    [Fact]
    public void Stale_temps_of_the_same_artifact_are_removed_and_live_ones_and_other_names_are_kept()
    {
        var env = new MockEnvironment();
        var fs = env.FileSystem;
        const int dead = 1_000_001, alive = 4242;
        string[] stale = [TempFiles.Name("env-1.0.0.tar.gz", dead), TempFiles.Name("env-1.0.0.manifest.json", dead), TempFiles.Name("env-1.0.0.tar.gz", Environment.ProcessId)];
        string[] kept = [TempFiles.Name("env-1.0.0.tar.gz", alive), TempFiles.Name("env-2.0.0.tar.gz", dead), ".env-1.0.0.tar.gz.old-copy"];
        fs.Directory.CreateDirectory(Out);
        foreach (var name in stale.Concat(kept))
        {
            fs.File.WriteAllText(Out + "/" + name, "partial");
        }

        var result = new PackEngine(fs) { IsProcessAlive = pid => pid == alive }
            .Pack(new PackRequest { EnvironmentDirectory = MockEnvironment.Root, OutputDirectory = Out, Name = "env", Version = "1.0.0" });

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(
            kept.Concat(["env-1.0.0.manifest.json", "env-1.0.0.tar.gz"]).Order(StringComparer.Ordinal),
            fs.Directory.EnumerateFiles(Out).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_name_whose_final_file_names_fit_255_bytes_packs_on_the_real_file_system()
    {
        using var env = new RealEnvironment();
        // The manifest's name is the longer one: 228 + "-1.0.0.manifest.json" = 248 bytes.
        var name = new string('n', 228);

        var result = env.Pack(r => r with { Name = name });

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(248, Path.GetFileName(result.ManifestPath!).Length);
        Assert.Equal([name + "-1.0.0.manifest.json", name + "-1.0.0.tar.gz"], Directory.EnumerateFiles(env.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_cancelled_pack_reports_RLENV0010_and_leaves_no_temp_and_the_earlier_artifact_intact()
    {
        using var env = new RealEnvironment();
        env.Write("dataset/train.jsonl", string.Concat(Enumerable.Repeat("{\"input\":\"a\"}\n", 300_000)));
        Assert.DoesNotContain(env.Pack().Diagnostics, d => d.Severity == Severity.Error);
        var before = env.OutputListing();
        env.Write("dataset/train.jsonl", string.Concat(Enumerable.Repeat("{\"input\":\"b\"}\n", 300_000)));
        using var cancellation = new CancellationTokenSource();

        var result = env.Pack(r => r with
        {
            CancellationToken = cancellation.Token,
            Progress = new CallbackProgress(_ => cancellation.Cancel()),
        });

        Assert.Equal(DiagnosticCatalog.Cancelled.Code, RealEnvironment.SingleError(result).Code);
        Assert.Null(result.ArtifactPath);
        Assert.Equal(before, env.OutputListing());
    }
}

internal sealed class CallbackProgress(Action<PackProgress> onReport) : IProgress<PackProgress>
{
    public void Report(PackProgress value) => onReport(value);
}

public class StaleTempOnRealFileSystemTests
{
    [Fact]
    public void A_hidden_temp_left_by_a_dead_process_is_removed_by_the_next_pack_on_the_real_file_system()
    {
        using var env = new RealEnvironment();
        Directory.CreateDirectory(env.Output);
        var stale = Path.Combine(env.Output, TempFiles.Name("env-1.0.0.tar.gz", 999_999));
        File.WriteAllText(stale, "partial");

        var result = new PackEngine(new System.IO.Abstractions.FileSystem()) { IsProcessAlive = _ => false }
            .Pack(new PackRequest { EnvironmentDirectory = env.Root, OutputDirectory = env.Output, Name = "env", Version = "1.0.0" });

        Assert.NotNull(result.ArtifactPath);
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void The_process_liveness_check_knows_this_process_and_a_pid_above_pid_max() =>
        Assert.Equal((true, false), (TempFiles.IsProcessAlive(Environment.ProcessId), TempFiles.IsProcessAlive(int.MaxValue)));
}
