using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Inspecting;
using RlEnv.Core.Packing;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Packing;

public class OutputLockTests
{
    private const string LockName = ".env-1.0.0.rlenv-lock";

    [Fact]
    public async Task Two_packs_of_one_name_into_one_folder_always_leave_a_verified_pair()
    {
        using var first = new RealEnvironment();
        first.Write("dataset/train.jsonl", "{\"input\":\"first\",\"output\":\"1\"}\n");
        var secondRoot = first.Outside;
        Directory.CreateDirectory(Path.Combine(secondRoot, "dataset"));
        File.WriteAllText(Path.Combine(secondRoot, "environment.py"), MockEnvironment.ValidEntryPoint);
        File.WriteAllText(Path.Combine(secondRoot, "dataset", "train.jsonl"), "{\"input\":\"second\",\"output\":\"2\"}\n");
        var fileSystem = new FileSystem();

        for (var round = 0; round < 25; round++)
        {
            using var paused = new ManualResetEventSlim();
            using var resume = new ManualResetEventSlim();
            var firstEngine = new PackEngine(fileSystem) { BetweenRenames = () => { paused.Set(); resume.Wait(TimeSpan.FromMinutes(1)); } };
            var firstPack = Task.Run(() => firstEngine.Pack(Request(first.Root, first.Output)));
            Assert.True(paused.Wait(TimeSpan.FromMinutes(1)), "the first pack never reached its second rename");

            // The second pack runs whole while the first holds the artifact's new bytes beside the old manifest.
            var second = new PackEngine(fileSystem).Pack(Request(secondRoot, first.Output));
            resume.Set();
            var firstResult = await firstPack;

            Assert.DoesNotContain(firstResult.Diagnostics, d => d.Severity == Severity.Error);
            var refused = RealEnvironment.SingleError(second);
            Assert.Equal("RLENV1808", refused.Code);
            Assert.Contains(first.Root, refused.Message, StringComparison.Ordinal);
            Assert.Null(second.ArtifactPath);
            var inspected = new ArtifactInspector(fileSystem).Inspect(firstResult.ArtifactPath!);
            Assert.True(inspected.VerifiedAgainstManifest, $"round {round}: the pair in the folder does not verify");
            Assert.Equal(["env-1.0.0.manifest.json", "env-1.0.0.tar.gz"], Directory.EnumerateFileSystemEntries(first.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void A_lock_left_by_a_process_that_no_longer_runs_is_taken_over()
    {
        var env = new MockEnvironment();
        var fs = env.FileSystem;
        fs.Directory.CreateDirectory("/out");
        fs.File.WriteAllText("/out/" + LockName, $"pid=1000001\nhost={Environment.MachineName}\nwriter=/gone/env\nsince=2026-01-01T00:00:00Z\n");

        var result = new PackEngine(fs) { IsProcessAlive = pid => pid != 1_000_001 }.Pack(Request(MockEnvironment.Root, "/out"));

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.False(fs.File.Exists("/out/" + LockName));
        Assert.True(fs.File.Exists("/out/env-1.0.0.tar.gz"));
    }

    [Theory]
    [InlineData("pid=4242\nhost={host}\nwriter=/other/env\nsince=2026-11-23T09:00:00Z\n", "process 4242 on {host}, packing /other/env")]
    [InlineData("pid=4242\nhost=build-agent-7\nwriter=/other/env\nsince=2026-11-23T09:00:00Z\n", "process 4242 on build-agent-7")]
    [InlineData("", "a writer whose lock file cannot be read")]
    public void A_lock_held_by_a_live_process_another_host_or_an_unknown_writer_refuses_the_pack_and_names_it(string content, string named)
    {
        var env = new MockEnvironment();
        var fs = env.FileSystem;
        fs.Directory.CreateDirectory("/out");
        fs.File.WriteAllText("/out/env-1.0.0.tar.gz", "earlier artifact");
        fs.File.WriteAllText("/out/" + LockName, content.Replace("{host}", Environment.MachineName, StringComparison.Ordinal));

        // Only pid 4242 on this host is alive; the lock on another host cannot be judged from here, so it is kept.
        var result = new PackEngine(fs) { IsProcessAlive = pid => pid == 4242 }.Pack(Request(MockEnvironment.Root, "/out"));

        var error = RealEnvironment.SingleError(result);
        Assert.Equal("RLENV1808", error.Code);
        Assert.Equal(DiagnosticKind.Usage, error.Kind);
        Assert.Contains(named.Replace("{host}", Environment.MachineName, StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
        Assert.Contains(LockName, error.Message, StringComparison.Ordinal);
        Assert.Equal("earlier artifact", fs.File.ReadAllText("/out/env-1.0.0.tar.gz"));
        Assert.True(fs.File.Exists("/out/" + LockName));
    }

    [Fact]
    public void The_lock_is_removed_after_a_pack_that_fails_on_its_content()
    {
        using var env = new RealEnvironment();
        env.Write("dataset/train.jsonl", "{\"input\": \n");

        var result = env.Pack();

        Assert.Contains(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(env.Output));
    }

    [Fact]
    public void The_lock_is_removed_after_a_pack_that_fails_while_writing()
    {
        using var env = new RealEnvironment();
        env.Write("dataset/train.jsonl", string.Concat(Enumerable.Repeat("{\"input\":\"a\",\"output\":\"b\"}\n", 50_000)));

        var result = env.Pack(r => r with { Limits = r.Limits with { MaxCompressedBytes = 1024 } });

        Assert.Equal("RLENV1604", RealEnvironment.SingleError(result).Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(env.Output));
    }

    private static PackRequest Request(string root, string output) =>
        new() { EnvironmentDirectory = root, OutputDirectory = output, Name = "env", Version = "1.0.0" };
}
