using RlEnv.Core.Diagnostics;
using RlEnv.Core.Profiles;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Profiles;

public class RunRlAndDetectionTests
{
    private const string Reward = "def reward_fn(completion, **kwargs) -> float:\n    return 1.0 if kwargs.get('expected_result') in completion else 0.0\n";

    private static string[] Prompts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{{\"prompt\":[{{\"role\":\"system\",\"content\":\"Be brief.\"}},{{\"role\":\"user\",\"content\":\"What is {i} + {i}?\"}}],\"expected_result\":\"{2 * i}\"}}")];

    [Fact]
    public void Valid_project_with_enough_prompts_is_clean_and_names_the_reward_form()
    {
        var result = new ProjectFiles().Lines("prompts.jsonl", Prompts(120)).File("reward.py", Reward).Validate();

        Assert.Equal("runrl", result.Profile!.Value.Name);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity != Severity.Info);
        Assert.Contains("reward_fn(completion, **kwargs)", Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.RunRlRewardForm.Code).Message, StringComparison.Ordinal);
        Assert.Equal(120, result.Splits.Single().Rows);
    }

    [Fact]
    public void Old_reward_func_form_is_accepted_with_a_warning_that_it_is_the_old_form()
    {
        // rldocs/content/docs/file-formats.mdx documented reward_func(prompts, completions, **kwargs) until 788a905 (2025-09-09); 0c683c1 names only reward_fn.
        var result = new ProjectFiles().Lines("prompts.jsonl", Prompts(120)).File("reward.py", "def reward_func(prompts, completions, **kwargs) -> list[float]:\n    return [1.0 for _ in completions]\n").Validate();

        var warning = Assert.Single(result.Diagnostics, d => d.Severity != Severity.Info);
        Assert.Equal((DiagnosticCatalog.RunRlRewardOldForm.Code, "reward.py", 1), (warning.Code, warning.File, warning.Line));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCatalog.RunRlRewardForm.Code);
    }

    [Theory]
    [InlineData("{\"prompt\":\"What is 2+2?\"}")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")]
    [InlineData("{\"prompt\":[]}")]
    [InlineData("{\"prompt\":[{\"role\":\"user\"}]}")]
    [InlineData("{\"prompt\":[{\"role\":\"user\",\"content\":[1]}]}")]
    public void Malformed_prompt_line_is_an_error_at_its_line(string line)
    {
        var lines = Prompts(120);
        lines[3999 % 120] = line;

        var error = Assert.Single(new ProjectFiles().Lines("prompts.jsonl", lines).File("reward.py", Reward).Validate(Profile.RunRl).Diagnostics, d => d.Code == DiagnosticCatalog.RunRlPromptInvalid.Code);

        Assert.Equal(("prompts.jsonl", 3999 % 120 + 1), (error.File, error.Line));
    }

    [Fact]
    public void Fewer_than_a_hundred_distinct_prompts_is_a_warning()
    {
        var lines = Prompts(40).Concat(Prompts(40)).ToArray();

        var warning = Assert.Single(new ProjectFiles().Lines("prompts.jsonl", lines).File("reward.py", Reward).Validate().Diagnostics, d => d.Code == DiagnosticCatalog.RunRlFewPrompts.Code);

        Assert.StartsWith("40 distinct prompts", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("def reward_func(completions, prompts):\n    pass\n")]
    [InlineData("def reward_fn(x):\n    pass\n")]
    public void Reward_function_with_the_wrong_signature_is_an_error(string reward) =>
        Assert.Equal(1, Assert.Single(new ProjectFiles().Lines("prompts.jsonl", Prompts(120)).File("reward.py", reward).Validate(Profile.RunRl).Diagnostics, d => d.Code == DiagnosticCatalog.RunRlRewardMissing.Code).Line);

    [Fact]
    public void Missing_reward_function_is_an_error_and_a_comment_does_not_count() =>
        Assert.Single(new ProjectFiles().Lines("prompts.jsonl", Prompts(120)).File("reward.py", "# def reward_func(prompts, completions, **kwargs)\n").Validate(Profile.RunRl).Diagnostics, d => d.Code == DiagnosticCatalog.RunRlRewardMissing.Code);

    [Theory]
    [InlineData(new[] { "environment.py", "train.jsonl", "rewards.py" }, "freesolo", "environment.py")]
    [InlineData(new[] { "train.jsonl", "rewards.py" }, "reinforcenow", "train.jsonl with rewards.py")]
    [InlineData(new[] { "train.jsonl", "config.yml" }, "reinforcenow", "train.jsonl with config.yml")]
    [InlineData(new[] { "prompts.jsonl", "reward.py" }, "runrl", "prompts.jsonl with prompts and reward.py defining the reward")]
    [InlineData(new[] { "notes.md" }, "freesolo", "no platform's files found; Freesolo is the default")]
    public void Profile_is_detected_from_the_files(string[] files, string profile, string reason)
    {
        var project = new ProjectFiles();
        foreach (var file in files)
        {
            project.File(file, file switch
            {
                "prompts.jsonl" => Prompts(1)[0] + "\n",
                "reward.py" => Reward,
                _ => string.Empty,
            });
        }

        var (detected, why) = ProfileDetector.Detect(project.FileSystem, ProjectFiles.Root);
        Assert.Equal((profile, reason), (detected.ToName(), why));
    }
}
