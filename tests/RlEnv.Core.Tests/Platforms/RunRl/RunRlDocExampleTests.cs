using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.RunRl;

/// <summary>
/// The example projects RunRL's own docs walk through (runrl/docs at 0c683c1, rldocs/content/docs/...), rebuilt here from
/// their facts and validated whole with the runrl profile. RunRL has no local CLI that checks an upload (its server
/// validators are undocumented: rest-api.mdx:177-181), so the verdict is the docs': every example is a run the docs
/// start, so RlEnv must report no error, and a warning only where the docs' own advice is not met.
/// </summary>
public class RunRlDocExampleTests
{
    private static ValidateResult Validate(ProjectFiles project) => project.Validate(Profile.RunRl);

    private static List<string> Errors(ValidateResult result) => [.. result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Code)];

    private static List<string> Warnings(ValidateResult result) => [.. result.Diagnostics.Where(d => d.Severity == Severity.Warning).Select(d => d.Code).Distinct()];

    [Fact]
    public void The_quickstart_joke_project_is_accepted()
    {
        // quickstart.mdx:36-60 and public/files/Funny joke.jsonl: 255 identical rows, an empty system message and a
        // user message; the reward pasted as reward_fn(completion, **kwargs) with a module-level OpenAI client and an
        // import inside the function, returning a 1-10 score.
        var joke = "{\"prompt\":[{\"role\":\"system\",\"content\":\"\"},{\"role\":\"user\",\"content\":\"Tell me your funniest joke!\"}]}";
        var reward = "from openai import OpenAI\nclient = OpenAI(api_key=\"sk-placeholder\")\n\ndef reward_fn(completion, **kwargs):\n    if not completion:\n        return 0.0\n"
            + "    response = client.responses.create(model=\"gpt-5-nano\", input=[{\"role\": \"user\", \"content\": f\"Rate this joke: {completion}\"}])\n"
            + "    import re\n    score_match = re.search(r'<score>(\\d+(?:\\.\\d+)?)</score>', response.output_text)\n    if score_match:\n        return float(score_match.group(1))\n    return 0.0\n";

        var result = Validate(new ProjectFiles().Lines("Funny joke.jsonl", [.. Enumerable.Repeat(joke, 255)]).File("reward.py", reward));

        // The quickstart's "at least 50 lines" (quickstart.mdx:46) holds, but its one constant prompt is far from the
        // "at least 100 distinct examples" of file-formats.mdx:41: RLENV2404 says so as a warning, never a refusal.
        Assert.Empty(Errors(result));
        Assert.Equal([DiagnosticCatalog.RunRlFewPrompts.Code], Warnings(result));
        Assert.Equal(255, result.Splits.Single().Rows);
        Assert.Equal("reward.py", Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.RunRlRewardForm.Code).File);
    }

    [Fact]
    public void The_fruit_preference_example_is_accepted_with_the_few_prompts_advice()
    {
        // python/examples.mdx:10-62: two prompts with expected_result, reward_fn reading completion[0]["content"].
        // file-formats.mdx:41 advises at least 100 distinct examples: a warning, not a refusal.
        var result = Validate(new ProjectFiles()
            .Lines("fruit_prompts.jsonl",
                "{\"prompt\": [{\"role\": \"user\", \"content\": \"What is your favorite fruit?\"}], \"expected_result\": \"banana\"}",
                "{\"prompt\": [{\"role\": \"user\", \"content\": \"Name a red fruit.\"}], \"expected_result\": \"strawberry\"}")
            .File("fruit_reward.py", "def reward_fn(completion, **kwargs):\n    response = completion[0][\"content\"].lower()\n    expected = kwargs.get(\"expected_result\", \"\").lower()\n"
                + "    if expected and expected in response:\n        return 1.0\n    if \"banana\" in response:\n        return 0.8\n    return 0.0\n"));

        Assert.Empty(Errors(result));
        Assert.Equal([DiagnosticCatalog.RunRlFewPrompts.Code], Warnings(result));
    }

    [Fact]
    public void The_math_reasoning_example_with_the_file_formats_prompts_is_accepted()
    {
        // file-formats.mdx:29-35 (three arithmetic prompts, a system message, an integer expected_result) with the math
        // reward of python/examples.mdx:66-110 (re at module level, <answer> tags).
        string Row(string expression, int result) =>
            $"{{\"prompt\":[{{\"role\":\"system\",\"content\":\"You are an expert at mathematics.\"}},{{\"role\":\"user\",\"content\":\"What is the value of this expression: {{ {expression} }}? Give your answer inside of <answer></answer> XML tags.\"}}],\"expected_result\":{result}}}";
        var result = Validate(new ProjectFiles()
            .Lines("math_prompts.jsonl", Row("((54 - 140 * 118 + 130) + 197) + 46", -16093), Row("(56 + 141 + 74) + 135", 406), Row("(194 + 92 + 120) + 26 - 22", 410))
            .File("math_reward.py", "import re\n\ndef reward_fn(completion, **kwargs):\n    response = completion[0][\"content\"]\n    expected = (kwargs.get(\"expected_result\") or \"\").strip()\n"
                + "    match = re.search(r\"<answer>(.*?)</answer>\", response, re.IGNORECASE)\n    if not match:\n        return 0.0\n    answer = match.group(1).strip()\n"
                + "    if expected and expected in answer:\n        return 1.0\n    return 0.3\n"));

        Assert.Empty(Errors(result));
        Assert.Equal([DiagnosticCatalog.RunRlFewPrompts.Code], Warnings(result));
    }

    [Fact]
    public void The_environment_class_of_the_file_formats_guide_is_accepted()
    {
        // file-formats.mdx:73-95: class CustomEnv with setup(self, **kwargs) -> None and step(self, action: str) -> Dict
        // returning observation, reward, done and reward_info_dict; the reward tuple form of file-formats.mdx:50 is not
        // needed for an environment run.
        var environment = "from typing import Dict\n\n\nclass CustomEnv:\n    def setup(self, **kwargs) -> None:\n        \"\"\"Initialize the environment.\"\"\"\n        self.expected = kwargs.get(\"expected_result\")\n\n"
            + "    def step(self, action: str) -> Dict:\n        \"\"\"Process an action and return the result.\"\"\"\n        done = str(self.expected) in action\n"
            + "        return {\"observation\": \"\", \"reward\": 1.0 if done else 0.0, \"done\": True, \"reward_info_dict\": {\"solved\": float(done)}}\n";
        var rows = Enumerable.Range(0, 120).Select(i => $"{{\"prompt\":[{{\"role\":\"user\",\"content\":\"What is {i} + {i}?\"}}],\"expected_result\":{2 * i}}}").ToArray();

        var result = Validate(new ProjectFiles().Lines("prompts.jsonl", rows).File("env.py", environment));

        Assert.Empty(Errors(result));
        Assert.Empty(Warnings(result));
        Assert.Equal("env.py", Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.RunRlEnvironmentFound.Code).File);
    }
}
