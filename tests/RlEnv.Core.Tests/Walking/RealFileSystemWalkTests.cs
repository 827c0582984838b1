using System.Formats.Tar;
using System.IO.Compression;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Walking;

public class RealFileSystemWalkTests
{
    private const string SecretMarker = "OUTSIDE-SECRET-CONTENT";

    private static List<(string Name, string Content)> ReadArchive(string path)
    {
        using var reader = new TarReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var members = new List<(string, string)>();
        while (reader.GetNextEntry() is { } entry)
        {
            members.Add((entry.Name, entry.DataStream is null ? string.Empty : new StreamReader(entry.DataStream).ReadToEnd()));
        }

        return members;
    }

    [Fact]
    public void Symlinked_file_and_folder_pointing_outside_are_left_out_and_never_read()
    {
        using var env = new RealEnvironment();
        Directory.CreateDirectory(env.Outside);
        File.WriteAllText(Path.Combine(env.Outside, "secret.jsonl"), SecretMarker);
        env.Write("dataset/train.jsonl", "{\"input\":\"a\"}\n");
        File.CreateSymbolicLink(Path.Combine(env.Root, "dataset", "linked.jsonl"), Path.Combine(env.Outside, "secret.jsonl"));
        Directory.CreateSymbolicLink(Path.Combine(env.Root, "dataset", "linked-dir"), env.Outside);
        File.CreateSymbolicLink(Path.Combine(env.Root, "notes.md"), Path.Combine(env.Outside, "secret.jsonl"));

        var result = env.Pack();

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var members = ReadArchive(result.ArtifactPath!);
        Assert.DoesNotContain(members, m => m.Content.Contains(SecretMarker, StringComparison.Ordinal));
        Assert.DoesNotContain(members, m => m.Name.Contains("linked", StringComparison.Ordinal) || m.Name == "notes.md");
        Assert.Equal(3, result.Diagnostics.Count(d => d.Code == DiagnosticCatalog.SymlinkSkipped.Code));
    }

    [Fact]
    public void Symlink_loop_is_left_out_and_the_walk_ends()
    {
        using var env = new RealEnvironment();
        env.Write("dataset/train.jsonl", "{\"input\":\"a\"}\n");
        Directory.CreateSymbolicLink(Path.Combine(env.Root, "dataset", "loop"), Path.Combine(env.Root, "dataset"));
        File.CreateSymbolicLink(Path.Combine(env.Root, "dataset", "self.jsonl"), Path.Combine(env.Root, "dataset", "self.jsonl"));

        var (plan, diagnostics) = Analysis.Run(new System.IO.Abstractions.FileSystem(), env.Root, RuleSet.FlashTree);

        Assert.Equal((false, Reasons.Symlink), (plan.DecisionFor("dataset/loop").Included, plan.DecisionFor("dataset/loop").Reason));
        Assert.Equal((false, Reasons.Symlink), (plan.DecisionFor("dataset/self.jsonl").Included, plan.DecisionFor("dataset/self.jsonl").Reason));
        Assert.Equal(2, diagnostics.Count(d => d.Code == DiagnosticCatalog.SymlinkSkipped.Code));
    }

    [Fact]
    public async Task Fifo_with_an_allowed_extension_is_skipped_with_info_and_never_opened()
    {
        using var env = new RealEnvironment();
        env.Write("dataset/train.jsonl", "{\"input\":\"a\"}\n");
        TempDirectory.Shell($"mkfifo '{Path.Combine(env.Root, "dataset", "pipe.jsonl")}' '{Path.Combine(env.Root, "stream.jsonl")}'");

        // Opening a FIFO with no writer blocks forever: a hang here is the failure.
        var result = await Task.Run(() => env.Pack()).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var infos = result.Diagnostics.Where(d => d.Code == DiagnosticCatalog.SpecialFileSkipped.Code).ToList();
        Assert.Equal(["dataset/pipe.jsonl", "stream.jsonl"], infos.Select(d => d.File).Order(StringComparer.Ordinal));
        Assert.All(infos, d => Assert.Equal(Severity.Info, d.Severity));
        Assert.DoesNotContain(ReadArchive(result.ArtifactPath!), m => m.Name.Contains("pipe", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_names_that_differ_only_in_case_are_a_warning_and_both_are_packed()
    {
        using var env = new RealEnvironment();
        env.Write("dataset/train.jsonl", "{\"input\":\"a\"}\n");
        env.Write("dataset/Train.jsonl", "{\"input\":\"b\"}\n");

        var result = env.Pack();

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(Severity.Warning, Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.PathCollision.Code).Severity);
        Assert.Contains(result.Manifest!.Files, f => f.Path == "dataset/Train.jsonl");
        Assert.Contains(result.Manifest!.Files, f => f.Path == "dataset/train.jsonl");
    }

    [Fact]
    public void File_name_with_invalid_utf8_bytes_is_an_error()
    {
        using var env = new RealEnvironment();
        TempDirectory.Shell("mkdir -p dataset && touch $'dataset/bad\\xff.bin'", env.Root);

        var result = env.Pack();

        Assert.Equal(DiagnosticCatalog.PathInvalidUtf8.Code, RealEnvironment.SingleError(result).Code);
    }

    [Fact]
    public void Executable_bit_becomes_mode_0755_and_everything_else_0644()
    {
        using var env = new RealEnvironment(withEntryPoint: false);
        env.Write("environment.py", MockEnvironment.ValidEntryPoint);
        var script = env.Write("run.py", "print(1)\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(Path.Combine(env.Root, "environment.py"), UnixFileMode.UserRead);

        var result = env.Pack();

        Assert.Equal([("README.md", "0644"), ("environment.py", "0644"), ("run.py", "0755")], result.Manifest!.Files.Select(f => (f.Path, f.Mode)));
    }
}
