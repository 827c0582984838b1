using System.Security.Cryptography;
using System.Text.Json;
using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

public class PackCommandTests
{
    private const string Token = "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567";

    [Fact]
    public void Json_pack_prints_one_object_with_the_contract_fields_and_exits_0()
    {
        using var env = new TempEnvironment();

        var run = CliRun.Of("pack", env.Root, "-o", env.Output, "--version", "1.2", "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        var artifact = json.GetProperty("artifact").GetString()!;
        Assert.Equal(Path.Combine(env.Output, "my-env-1.2.0.tar.gz"), artifact);
        Assert.Equal(Path.Combine(env.Output, "my-env-1.2.0.manifest.json"), json.GetProperty("manifest").GetString());
        Assert.Equal(("my-env", "1.2.0"), (json.GetProperty("name").GetString(), json.GetProperty("version").GetString()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(artifact))), json.GetProperty("sha256").GetString());
        Assert.Equal(new FileInfo(artifact).Length, json.GetProperty("compressedBytes").GetInt64());
        Assert.True(json.GetProperty("uncompressedBytes").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Array, json.GetProperty("diagnostics").ValueKind);
        var files = json.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["README.md", "dataset/train.jsonl", "environment.py"], files.Select(f => f.GetProperty("path").GetString()));
        Assert.Equal(["readme-stub", null, "syspath-bootstrap"], files.Select(f => f.TryGetProperty("generated", out var g) ? g.GetString() : null));
        Assert.All(files, f => Assert.Equal(64, f.GetProperty("sha256").GetString()!.Length));
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Environment_errors_exit_1_with_diagnostics_carrying_file_line_and_column()
    {
        using var env = new TempEnvironment();
        env.Write("notes.txt", $"first line\nkey={Token}\n");

        var run = CliRun.Of("pack", env.Root, "-o", env.Output, "--json");

        Assert.Equal(1, run.ExitCode);
        var json = run.Json();
        var diagnostic = Assert.Single(json.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("RLENV1501", diagnostic.GetProperty("code").GetString());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal(("notes.txt", 2, 5), (diagnostic.GetProperty("file").GetString(), diagnostic.GetProperty("line").GetInt32(), diagnostic.GetProperty("column").GetInt32()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("artifact").ValueKind);
        Assert.DoesNotContain(Token[3..], run.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(env.Output) && Directory.EnumerateFileSystemEntries(env.Output).Any());
    }

    [Fact]
    public void A_pack_into_a_name_another_pack_is_writing_exits_2_with_one_json_object_and_leaves_the_folder_alone()
    {
        using var env = new TempEnvironment();
        Directory.CreateDirectory(env.Output);
        // Process 1 (init) always runs, so this is a live writer's lock, not a stale one.
        var lockFile = Path.Combine(env.Output, ".my-env-1.0.0.rlenv-lock");
        File.WriteAllText(lockFile, $"pid=1\nhost={Environment.MachineName}\nwriter=/ci/job-2/my-env\nsince=2026-11-23T09:00:00Z\n");

        var run = CliRun.Of("pack", env.Root, "-o", env.Output, "--json");

        Assert.Equal(2, run.ExitCode);
        var diagnostic = Assert.Single(run.Json().GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("RLENV1808", diagnostic.GetProperty("code").GetString());
        Assert.Contains("/ci/job-2/my-env", diagnostic.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal([lockFile], Directory.EnumerateFileSystemEntries(env.Output));
    }

    [Fact]
    public void Human_output_prints_diagnostics_in_msbuild_canonical_form()
    {
        using var env = new TempEnvironment();
        env.Write("notes.txt", $"first line\nkey={Token}\n");

        var run = CliRun.Of("pack", env.Root, "-o", env.Output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("notes.txt(2,5): error RLENV1501: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 error(s), 0 warning(s)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Human_output_summarizes_files_sizes_ratio_path_and_sha256()
    {
        using var env = new TempEnvironment();

        var run = CliRun.Of("pack", env.Root, "-o", env.Output);

        Assert.Equal(0, run.ExitCode);
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(env.Output, "my-env-1.0.0.tar.gz"))));
        foreach (var expected in new[] { "files", "uncompressed", "compressed", "ratio", "my-env-1.0.0.tar.gz", sha })
        {
            Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Warnings_alone_still_exit_0_and_write_the_artifact()
    {
        using var env = new TempEnvironment();
        // The import closure ships what environment.py imports; a sibling helper nothing imports is not followed.
        env.Write("environment.py", "def load_environment(**params):\n    return None\n");
        env.Write("scorer.py", "from utils import helpers\n");
        env.Write("utils/helpers.py", "");

        var run = CliRun.Of("pack", env.Root, "-o", env.Output, "--json");

        Assert.Equal(0, run.ExitCode);
        var warning = Assert.Single(run.Json().GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(("RLENV1003", "warning", 1), (warning.GetProperty("code").GetString(), warning.GetProperty("severity").GetString(), warning.GetProperty("line").GetInt32()));
        Assert.True(File.Exists(Path.Combine(env.Output, "my-env-1.0.0.tar.gz")));
    }

    [Theory]
    [InlineData("--version", "not-a-version")]
    [InlineData("--name", "!!!")]
    [InlineData("--rules", "everything")]
    [InlineData("--compression-level", "12")]
    [InlineData("--no-such-option", "x")]
    public void Usage_errors_exit_2(string option, string value)
    {
        using var env = new TempEnvironment();

        var run = CliRun.Of("pack", env.Root, "-o", env.Output, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(env.Output));
    }

    [Fact]
    public void Missing_environment_folder_exits_2_with_a_json_diagnostic()
    {
        var run = CliRun.Of("pack", "/nonexistent/env", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("RLENV1000", run.Json().GetProperty("diagnostics")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void Name_and_rules_options_reach_the_engine()
    {
        using var env = new TempEnvironment();
        env.Write("utils/helpers.py", "");

        var run = CliRun.Of("pack", env.Root, "-o", env.Output, "--name", "Math Env", "--rules", "flash-tree", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("math-env", run.Json().GetProperty("name").GetString());
        Assert.Contains(run.Json().GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString() == "utils/helpers.py");
    }

    [Fact]
    public void Cap_override_options_are_honoured()
    {
        using var env = new TempEnvironment();

        var run = CliRun.Of("pack", env.Root, "-o", env.Output, "--max-members", "2", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("RLENV1602", run.Json().GetProperty("diagnostics")[0].GetProperty("code").GetString());
    }
}
