using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

public class LsAndInspectCommandTests
{
    [Fact]
    public void Ls_json_lists_every_path_with_included_and_reason()
    {
        using var env = new TempEnvironment();
        env.Write(".env", "SECRET=1");
        env.Write("__pycache__/x.pyc", "");
        env.Write("run.sh", "");

        var run = CliRun.Of("ls", env.Root, "--json");

        Assert.Equal(0, run.ExitCode);
        var entries = run.Json().GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("path").GetString(), e.GetProperty("included").GetBoolean(), e.GetProperty("reason").GetString(),
                e.TryGetProperty("generated", out var generated) ? generated.GetString() : null))
            .ToList();
        // README.md is the stub RlEnv writes, as flash env push does; environment.py is packed with Flash's sys.path bootstrap.
        Assert.Equal(
        [
            (".env", false, "secret", null),
            ("README.md", true, "synthesized", "readme-stub"),
            ("__pycache__/", false, "cache", null),
            ("dataset/", true, "dataset", null),
            ("dataset/train.jsonl", true, "dataset", null),
            ("environment.py", true, "entrypoint", "syspath-bootstrap"),
            ("run.sh", false, "not-in-upload-set", null),
        ], entries);
    }

    [Fact]
    public void Ls_human_marks_each_path_in_or_out_with_its_rule()
    {
        using var env = new TempEnvironment();
        env.Write("venv/pyvenv.cfg", "");

        var run = CliRun.Of("ls", env.Root, "--rules", "flash-tree");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("+ entrypoint          environment.py (syspath-bootstrap)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("+ synthesized         README.md", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("- virtualenv          venv/", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_json_lists_members_and_verifies_the_manifest()
    {
        using var env = new TempEnvironment();
        var pack = CliRun.Of("pack", env.Root, "-o", env.Output, "--json").Json();

        var run = CliRun.Of("inspect", pack.GetProperty("artifact").GetString()!, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.True(json.GetProperty("verified").GetBoolean());
        Assert.Equal(pack.GetProperty("sha256").GetString(), json.GetProperty("sha256").GetString());
        Assert.Equal(["README.md", "dataset/train.jsonl", "environment.py"], json.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("path").GetString()));
        Assert.All(json.GetProperty("members").EnumerateArray(), m => Assert.Equal(0, m.GetProperty("mtime").GetInt64()));
    }

    [Fact]
    public void Inspect_of_a_tampered_artifact_exits_1()
    {
        using var env = new TempEnvironment();
        var artifact = CliRun.Of("pack", env.Root, "-o", env.Output, "--json").Json().GetProperty("artifact").GetString()!;
        File.AppendAllText(artifact, "x");

        var run = CliRun.Of("inspect", artifact);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error RLENV1802", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Does NOT match its manifest.", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_of_a_missing_file_exits_2()
    {
        var run = CliRun.Of("inspect", "/nonexistent/a.tar.gz");

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void Help_exits_0_and_names_every_command()
    {
        var run = CliRun.Of("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "pack", "ls", "inspect" })
        {
            Assert.Contains(command, run.Stdout, StringComparison.Ordinal);
        }
    }
}
