using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.RunRl;

/// <summary>
/// Issue 12, RunRL: the reward file a run takes, the "no reward function" error's place, prompt files. Sources are
/// runrl/docs at 0c683c1 (rldocs/content/docs/...), cited per test.
/// </summary>
public class RunRlRulesTests
{
    private const string RewardFn = "def reward_fn(completion, **kwargs):\n    return 1.0 if kwargs.get('expected_result') in completion else 0.0\n";

    private static string[] Prompts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{{\"prompt\":[{{\"role\":\"user\",\"content\":\"What is {i} + {i}?\"}}],\"expected_result\":\"{2 * i}\"}}")];

    private static ProjectFiles Project() => new ProjectFiles().Lines("prompts.jsonl", Prompts(120));

    private static ValidateResult Validate(ProjectFiles project) => project.Validate(Profile.RunRl);

    private static IEnumerable<Diagnostic> Problems(ValidateResult result) => result.Diagnostics.Where(d => d.Severity != Severity.Info);

    // file-formats.mdx:46-56: def reward_fn(completion: str, **kwargs) -> float.
    [Fact]
    public void A_reward_fn_as_documented_is_found_at_its_line()
    {
        var result = Validate(Project().File("reward.py", "import re\n\n" + RewardFn));

        Assert.Empty(Problems(result));
        var found = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.RunRlRewardForm.Code);
        Assert.Equal(("reward.py", 3), (found.File, found.Line));
    }

    // file-formats.mdx:6-8 and python/api-reference.mdx:75-78: a run takes one reward file. A helper whose reward_fn is
    // misdeclared must not fail a project whose reward.py is right (before issue 12, the first file in order decided).
    [Fact]
    public void A_helper_with_a_misdeclared_reward_fn_does_not_fail_a_right_reward_py()
    {
        var result = Validate(Project().File("aaa_helpers.py", "def reward_fn(x):\n    return 0\n").File("reward.py", RewardFn));

        Assert.Empty(Problems(result));
        var found = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.RunRlRewardForm.Code);
        Assert.Equal("reward.py", found.File);
        Assert.Contains("2 files define a reward function and a run takes one: reward.py is checked as the run's because its reward function is declared as documented", found.Message, StringComparison.Ordinal);
        var other = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.RunRlRewardNotChosen.Code);
        Assert.Equal(("aaa_helpers.py", 1), (other.File, other.Line));
    }

    [Theory]
    [InlineData("rewards.py", "scoring.py", "rewards.py", "its name ranks first")]
    [InlineData("b.py", "a.py", "a.py", "it comes first in path order")]
    public void Among_sound_reward_files_the_name_then_the_path_decides(string first, string second, string chosen, string why)
    {
        var result = Validate(Project().File(first, RewardFn).File(second, RewardFn));

        var found = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.RunRlRewardForm.Code);
        Assert.Equal(chosen, found.File);
        Assert.Contains(why, found.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_current_form_is_chosen_over_the_old_one()
    {
        var result = Validate(Project().File("reward.py", "def reward_func(prompts, completions, **kwargs):\n    return [1.0 for _ in completions]\n").File("score.py", RewardFn));

        Assert.Equal("score.py", Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.RunRlRewardForm.Code).File);
    }

    // troubleshooting.mdx:40-46: a 422 when "reward code doesn't define reward_fn correctly".
    [Theory]
    [InlineData("def reward_fn(completion):\n    return 1.0\n")]
    [InlineData("def reward_fn(response, **kwargs):\n    return 1.0\n")]
    [InlineData("def reward_fn(completion, expected, **kwargs):\n    return 1.0\n")]
    public void A_misdeclared_reward_fn_in_the_chosen_file_is_an_error_at_its_def(string reward)
    {
        var error = Assert.Single(Problems(Validate(Project().File("reward.py", "import math\n" + reward))));

        Assert.Equal((DiagnosticCatalog.RunRlRewardMissing.Code, "reward.py", 2), (error.Code, error.File, error.Line));
    }

    [Theory]
    [InlineData("def reward_fn(completion, expected=None, *, strict=False, **kwargs):\n    return 1.0\n")]
    [InlineData("reward_fn = lambda completion, **kwargs: 1.0\n")]
    [InlineData("if True:\n    def reward_fn(completion, **kwargs):\n        return 1.0\n")]
    public void Reward_fns_that_take_what_runrl_passes_are_accepted(string reward) =>
        Assert.Empty(Problems(Validate(Project().File("reward.py", reward))));

    // The no-reward error names a file and line where it can: a reward_fn not at module level, a near name, the reward file.
    [Theory]
    [InlineData("class Rewards:\n    def reward_fn(self, completion, **kwargs):\n        return 1.0\n", "reward.py", 2, "inside class Rewards")]
    [InlineData("import re\n\ndef compute_reward(completion, **kwargs):\n    return 1.0\n", "reward.py", 3, "it defines compute_reward")]
    [InlineData("x = 1\n", "reward.py", null, "reward.py does not define reward_fn")]
    public void Without_a_reward_function_the_error_names_the_file_and_line(string source, string file, int? line, string message)
    {
        var error = Assert.Single(Problems(Validate(Project().File("reward.py", source).File("util.py", "y = 2\n"))));

        Assert.Equal((DiagnosticCatalog.RunRlRewardMissing.Code, file, line), (error.Code, error.File, error.Line));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    // file-formats.mdx:73-106: an environment class with setup and step is the other kind of run file.
    [Fact]
    public void An_environment_class_is_a_run_file_too()
    {
        var environment = "class GuessEnv:\n    def setup(self, **kwargs) -> None:\n        self.n = kwargs['n']\n\n    def step(self, action: str) -> dict:\n        return {'observation': '', 'reward': 1.0, 'done': True}\n";

        var result = Validate(Project().File("env.py", environment));

        Assert.Empty(Problems(result));
        Assert.Equal(("env.py", 1), Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.RunRlEnvironmentFound.Code) is var d ? (d.File, d.Line) : default);
    }

    // file-formats.mdx:6-7 and 19: a run requires a prompt file, JSON Lines with the .jsonl extension.
    [Fact]
    public void A_project_without_a_prompt_jsonl_is_an_error()
    {
        var error = Assert.Single(Problems(Validate(new ProjectFiles().File("reward.py", RewardFn))));

        Assert.Equal((DiagnosticCatalog.RunRlPromptFileMissing.Code, null), (error.Code, error.File));
    }

    [Fact]
    public void A_project_with_only_prompts_json_is_an_error_naming_it()
    {
        var result = Validate(new ProjectFiles().File("prompts.json", "[{\"prompt\": [{\"role\": \"user\", \"content\": \"hi\"}]}]").File("reward.py", RewardFn));

        var error = Assert.Single(Problems(result));
        Assert.Equal((DiagnosticCatalog.RunRlPromptFileMissing.Code, "prompts.json"), (error.Code, error.File));
        Assert.Contains("prompts.json is JSON, not JSON Lines", error.Message, StringComparison.Ordinal);
    }

    // Before issue 12 a reward.py that does not parse but tokenizes reported "reward function found" at its def.
    [Fact]
    public void A_reward_file_that_does_not_parse_is_an_error_and_never_found()
    {
        var result = Validate(Project().File("reward.py", "def reward_fn(completion, **kwargs)\n    return 1.0\n").File("util.py", "def f(:\n    pass\n"));

        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCatalog.RunRlRewardForm.Code);
        Assert.Equal(
            [(Severity.Error, "reward.py", 1), (Severity.Warning, "util.py", 1)],
            result.Diagnostics.Where(d => d.Code == DiagnosticCatalog.PythonSyntaxInvalid.Code).Select(d => (d.Severity, d.File, d.Line)));
    }
}
