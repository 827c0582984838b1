using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

public class ValidateCommandTests
{
    [Fact]
    public void Json_validate_prints_diagnostics_and_split_stats_and_exits_0()
    {
        using var env = new TempEnvironment();
        env.Write("dataset/eval.jsonl", "{\"input\":\"What is 3 + 3?\"}\n{\"input\":\"q\",\"board\":[1]}\n");

        var run = CliRun.Of("validate", env.Root, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        var warning = json.GetProperty("diagnostics")[0];
        Assert.Equal(("RLENV2020", "dataset/eval.jsonl", 2), (warning.GetProperty("code").GetString(), warning.GetProperty("file").GetString(), warning.GetProperty("line").GetInt32()));
        var splits = json.GetProperty("splits").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("path").GetString(), s.GetProperty("rows").GetInt64())).ToList();
        Assert.Equal([("eval", "dataset/eval.jsonl", 2L), ("train", "dataset/train.jsonl", 1L)], splits);
    }

    [Fact]
    public void Dataset_errors_exit_1_in_canonical_form_and_pack_refuses_them()
    {
        using var env = new TempEnvironment();
        env.Write("dataset/train.jsonl", "{\"input\":\"ok\"}\n{\"input\":\"a\",\"score\":NaN}\n");

        var validate = CliRun.Of("validate", env.Root);
        var pack = CliRun.Of("pack", env.Root, "-o", env.Output);

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("dataset/train.jsonl(2,22): error RLENV2002: ", validate.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, pack.ExitCode);
        Assert.Contains("dataset/train.jsonl(2,22): error RLENV2002: ", pack.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(env.Output) && Directory.EnumerateFileSystemEntries(env.Output).Any());
    }

    [Fact]
    public void Config_naming_a_missing_split_fails_validate_at_the_config_line()
    {
        using var env = new TempEnvironment();
        env.Write("configs/rl.toml", "model = \"Qwen/Qwen3.5-4B\"\nproject = \"00000000-0000-4000-8000-000000000000\"\nalgorithm = \"grpo\"\n[environment]\nid = \"org/project/my-env\"\n\n[environment.params]\nsplit = \"eval\"\n");

        var run = CliRun.Of("validate", env.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("configs/rl.toml(8,1): error RLENV2203: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_line_bytes_option_is_honoured()
    {
        using var env = new TempEnvironment();
        env.Write("dataset/train.jsonl", "{\"input\":\"" + new string('x', 5000) + "\"}\n");

        var run = CliRun.Of("validate", env.Root, "--max-line-bytes", "1024", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.Json().GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "RLENV2006");
    }

    [Fact]
    public void Human_validate_prints_a_split_table()
    {
        using var env = new TempEnvironment();

        var run = CliRun.Of("validate", env.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("dataset/train.jsonl", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("with output", run.Stdout, StringComparison.Ordinal);
    }
}
