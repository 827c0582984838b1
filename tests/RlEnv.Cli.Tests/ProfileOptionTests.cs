using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

public class ProfileOptionTests
{
    private static void ReinforceNowProject(TempEnvironment env)
    {
        // Declared as rnow requires (rnow/core/reward.py:72-134); an unannotated reward is refused since issue 12.
        env.Write("rewards.py", "from rnow.core import RewardArgs, reward\n\n@reward\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    return 1.0\n");
        env.Write("train.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}],\"rewards\":[\"accuracy\"]}\n");

        // `rnow run` needs a config (rnow/cli/commands.py C:1907-1908), checked as rnow's ProjectConfig.
        env.Write("config.yml", "project_id: p1\ndataset_type: rl\ndata:\n  batch_size: 1\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer:\n  num_epochs: 1\n");
    }

    [Fact]
    public void Detected_profile_is_reported_in_json_and_in_human_output()
    {
        using var env = new TempEnvironment(withEntryPoint: false);
        ReinforceNowProject(env);

        var json = CliRun.Of("validate", env.Root, "--json");
        var human = CliRun.Of("validate", env.Root);

        Assert.Equal(0, json.ExitCode);
        Assert.Equal("reinforcenow", json.Json().GetProperty("profile").GetString());
        Assert.Equal("train.jsonl with rewards.py", json.Json().GetProperty("profileReason").GetString());
        Assert.Contains("profile: reinforcenow (detected: train.jsonl with rewards.py)", human.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_profile_overrides_detection_and_applies_its_rules()
    {
        using var env = new TempEnvironment(withEntryPoint: false);
        ReinforceNowProject(env);

        var run = CliRun.Of("validate", env.Root, "--profile", "freesolo", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("freesolo", run.Json().GetProperty("profile").GetString());
        Assert.Contains(run.Json().GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "RLENV1001");
    }

    [Fact]
    public void Ls_and_pack_take_the_profile_too()
    {
        using var env = new TempEnvironment(withEntryPoint: false);
        ReinforceNowProject(env);
        env.Write("notes.md", "x");

        var ls = CliRun.Of("ls", env.Root, "--json");
        var pack = CliRun.Of("pack", env.Root, "-o", env.Output, "--profile", "reinforcenow", "--json");

        Assert.Contains(ls.Json().GetProperty("entries").EnumerateArray(), e => e.GetProperty("path").GetString() == "notes.md" && !e.GetProperty("included").GetBoolean());
        Assert.Equal(0, pack.ExitCode);
        Assert.Equal(["config.yml", "rewards.py", "train.jsonl"], pack.Json().GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        Assert.Equal("reinforcenow", pack.Json().GetProperty("rules").GetString());
    }

    [Fact]
    public void Unknown_profile_is_a_usage_error() => Assert.Equal(2, CliRun.Of("validate", ".", "--profile", "openai").ExitCode);

    [Theory]
    [InlineData("validate", "reinforcenow")]
    [InlineData("ls", "runrl")]
    [InlineData("pack", "reinforcenow")]
    public void Flash_tree_rules_with_another_profile_are_a_usage_error_with_one_json_object(string command, string profile)
    {
        using var env = new TempEnvironment(withEntryPoint: false);
        ReinforceNowProject(env);
        string[] args = command == "pack" ? [command, env.Root, "-o", env.Output] : [command, env.Root];

        var run = CliRun.Of([.. args, "--rules", "flash-tree", "--profile", profile, "--json"]);

        // Before, the profile silently replaced flash-tree by its own upload list (exit 0).
        Assert.Equal(2, run.ExitCode);
        var diagnostic = Assert.Single(run.Json().GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("RLENV0012", diagnostic.GetProperty("code").GetString());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Contains("'flash-tree'", diagnostic.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(env.Output) && Directory.EnumerateFiles(env.Output).Any());
    }

    [Fact]
    public void Flash_tree_rules_with_another_profile_are_a_usage_error_in_human_output()
    {
        using var env = new TempEnvironment(withEntryPoint: false);
        ReinforceNowProject(env);

        var run = CliRun.Of("validate", env.Root, "--rules", "flash-tree", "--profile", "runrl");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error RLENV0012: The rules 'flash-tree' (--rules, RlEnvRules) are Freesolo's upload mode, but the profile is 'runrl'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Flash_tree_rules_choose_Freesolo_when_no_profile_is_given()
    {
        using var env = new TempEnvironment(withEntryPoint: false);
        ReinforceNowProject(env);

        var run = CliRun.Of("ls", env.Root, "--rules", "flash-tree", "--json");

        Assert.Equal("freesolo", run.Json().GetProperty("profile").GetString());
        Assert.Equal("given", run.Json().GetProperty("profileReason").GetString());
        Assert.Contains(run.Json().GetProperty("entries").EnumerateArray(), e => e.GetProperty("path").GetString() == "train.jsonl" && e.GetProperty("reason").GetString() == "tree");
    }
}
