using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Profiles;

public class ReinforceNowTests
{
    // Declared as rnow requires (rnow/core/reward.py:72-134, rnow/core/tool.py:391-410): typed signatures, tool docstrings.
    private const string Rewards = "from rnow.core import RewardArgs, reward\n\n@reward\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    return 1.0\n\n@reward(sandbox=True)\nasync def code_runs(args: RewardArgs, messages: list) -> float:\n    return 1.0\n";
    private const string Tools = "from rnow.core import tool\n\n@tool\ndef web_search(query: str) -> str:\n    \"\"\"Search the web.\"\"\"\n    return ''\n\n@tool(sandbox=True)\ndef execute_python(code: str) -> str:\n    \"\"\"Run Python code.\"\"\"\n    return ''\n";
    private const string Rl = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}],\"rewards\":[\"accuracy\"],\"metadata\":{\"answer\":\"4\"},\"tools\":[\"web_search\"]}";

    private static ProjectFiles Project(params string[] entries) =>
        new ProjectFiles().File("rewards.py", Rewards).File("tools.py", Tools).File("config.yml", "project_id: p1\nproject_name: math\ndataset_type: rl\ndata:\n  batch_size: 1\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer:\n  num_epochs: 1\n").Lines("train.jsonl", entries);

    private static Diagnostic Single(ValidateResult result, string code) => Assert.Single(result.Diagnostics, d => d.Code == code);

    [Fact]
    public void Valid_rl_project_with_tool_and_sandbox_entries_is_clean()
    {
        var result = Project(
            Rl,
            "{\"messages\":[{\"role\":\"system\",\"content\":\"Tutor\"},{\"role\":\"user\",\"content\":\"Hello\"}],\"rewards\":[\"accuracy\"],\"tools\":[]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Run it\"}],\"rewards\":[\"code_runs\"],\"tools\":[\"execute_python\"],\"docker\":\"python:3.11-slim\",\"docker_env\":{\"DEBUG\":\"true\"},\"docker_cmd\":[\"python\",\"x.py\"],\"variables\":{\"v\":1}}").Validate();

        Assert.Equal(("reinforcenow", "train.jsonl with rewards.py"), result.Profile);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity != Severity.Info);
        Assert.Equal((3L, 3L), (result.Splits.Single().Rows, result.Splits.Single().RowsWithOutput));
    }

    [Fact]
    public void Valid_sft_project_with_a_tool_call_conversation_is_clean()
    {
        var result = Project(
            "{\"messages\":[{\"role\":\"system\",\"content\":\"Tutor\"},{\"role\":\"user\",\"content\":\"Hello\"},{\"role\":\"assistant\",\"content\":\"Hi there!\"}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris\"},{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\": \\\"Paris\\\"}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"72F\"},{\"role\":\"assistant\",\"content\":\"Sunny.\"}]}")
            .File("config.yml", "project_id: p1\nproject_name: chat\ndataset_type: sft\ndata:\n  batch_size: 1\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer:\n  num_epochs: 1\n").Validate();

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity != Severity.Info);
        Assert.Equal((2L, 0L), (result.Splits.Single().Rows, result.Splits.Single().RowsWithOutput));
    }

    [Theory]
    [InlineData("{\"messages\":[{\"role\":\"assistant\",\"content\":\"x\"}]}", "RLENV2302")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"system\",\"content\":\"late\"}]}", "RLENV2303")]
    [InlineData("{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"},{\"role\":\"user\",\"content\":\"x\"}]}", "RLENV2342")]
    [InlineData("{\"prompt\":\"x\"}", "RLENV2301")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}}}]}]}", "RLENV2346")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"tool\",\"tool_call_id\":\"nope\",\"content\":\"r\"}]}", "RLENV2347")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"acuracy\"],\"tools\":[]}", "RLENV2304")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"accuracy\"],\"tools\":[\"web_serch\"]}", "RLENV2305")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"code_runs\"],\"tools\":[]}", "RLENV2306")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"accuracy\"]}", "RLENV2345")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"accuracy\"],\"tools\":[],\"docker_env\":{\"A\":\"1\"}}", "RLENV2307")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"metadata\":[1]}", "RLENV2308")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"variables\":\"v\"}", "RLENV2308")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"answer\":\"4\"}", "RLENV2309")]
    // json.loads keeps the last of a repeated key (rnow/cli/commands.py validate_train_jsonl): the empty list is refused.
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"messages\":[]}", "RLENV2301")]
    public void Each_entry_rule_fails_at_its_line_in_train_jsonl(string entry, string code)
    {
        var diagnostic = Single(Project(Rl, Rl.Replace("2+2", "3+3", StringComparison.Ordinal), entry).Validate(), code);

        Assert.Equal(("train.jsonl", 3), (diagnostic.File, diagnostic.Line));
    }

    [Fact]
    public void Reward_names_in_comments_and_docstrings_never_count()
    {
        var result = new ProjectFiles().File("config.yml", "dataset_type: rl\n")
            .File("rewards.py", "from rnow import reward\n# @reward\n# def ghost(): pass\n\"\"\"@reward\ndef doc(): pass\"\"\"\n@reward\ndef accuracy(a, m): return 1.0\n")
            .Lines("train.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"ghost\"]}")
            .Validate(Profile.ReinforceNow);

        Assert.Contains("(defined: accuracy)", Single(result, DiagnosticCatalog.RnRewardUndefined.Code).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dataset_type: reinforce\n", "RLENV2311", 1)]
    [InlineData("project_name: x\nmodle: qwen\n", "RLENV2312", 2)]
    [InlineData("project_name: [unclosed\n", "RLENV2310", 2)]
    public void Config_yml_is_parsed_and_checked(string config, string code, int line) =>
        Assert.Equal(("config.yml", line), Single(Project(Rl).File("config.yml", config).Validate(), code) is var d ? (d.File, d.Line) : default);

    [Fact]
    public void Local_module_imported_by_rewards_but_not_uploaded_is_a_warning()
    {
        var result = Project(Rl).File("rewards.py", "from rnow import reward\nfrom grading import score\n\n@reward\ndef accuracy(a, m): return score()\n").File("grading.py", "def score(): return 1.0\n").Validate();

        var warning = Single(result, DiagnosticCatalog.ImportedModuleNotPacked.Code);
        Assert.Equal(("rewards.py", 2), (warning.File, warning.Line));
    }

    [Fact]
    public void Upload_set_is_the_documented_list_and_nothing_else()
    {
        var project = Project(Rl).File("requirements.txt", "numpy\n").File("Dockerfile.sandbox", "FROM python\n").File("notes.md", "x").File("data/raw.jsonl", "{}");

        var plan = new EnvironmentAnalyzer(project.FileSystem).Analyze(new PackRequest { EnvironmentDirectory = ProjectFiles.Root, OutputDirectory = "/o" }, new DiagnosticBag())!;

        Assert.Equal(["Dockerfile.sandbox", "config.yml", "requirements.txt", "rewards.py", "tools.py", "train.jsonl"], plan.Members.Select(m => m.Path));
        Assert.Equal(RuleSet.ReinforceNow, plan.Rules);
        Assert.All(plan.Members, m => Assert.Equal(Reasons.UploadSet, m.Reason));
    }
}
