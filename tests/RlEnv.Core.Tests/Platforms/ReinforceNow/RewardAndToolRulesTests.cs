using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.ReinforceNow;

/// <summary>
/// Issue 12, reward and tool functions: each rule once with rnow's verdict on a defect and once on its fix. The
/// verdicts were taken by running rnow's validate_rewards_file / validate_tools_file and its decorators
/// (rnow 0.4.37, fbb86f7, Python 3.11.7) on the same source; the comments cite the lines that decide them.
/// </summary>
public class RewardAndToolRulesTests
{
    private const string Entry = "{\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}],\"rewards\":[\"accuracy\"]}";
    private const string Good = "from rnow.core import RewardArgs, reward\n\n@reward\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    return 1.0\n";

    private static readonly string[] Codes = ["RLENV2360", "RLENV2361", "RLENV2362", "RLENV2363", "RLENV2364", "RLENV2365", "RLENV2366", "RLENV2367", "RLENV1010"];

    private static ValidateResult Rl(string rewards, string? tools = null, string datasetType = "rl")
    {
        // A config rnow's ProjectConfig accepts (rnow/models.py:525-591), so only the Python files decide.
        var groupSize = datasetType == "rl" ? "  group_size: 4\n" : string.Empty;
        var config = $"project_id: 2008a80e-d41a-4305-97fd-ffd21c85cac5\nproject_name: rules\ndataset_type: {datasetType}\n"
            + $"data:\n  train_file: train.jsonl\n  batch_size: 1\n{groupSize}model:\n  path: Qwen/Qwen3-8B\n  qlora_rank: 32\n"
            + "trainer:\n  num_epochs: 1\n  learning_rate: 0.0001\n  save_step: -1\n";
        var project = new ProjectFiles()
            .File("config.yml", config)
            .File("rewards.py", rewards)
            .Lines("train.jsonl", Entry);
        if (tools is not null)
        {
            project.File("tools.py", tools);
        }

        return project.Validate(Profile.ReinforceNow);
    }

    private static List<(string Code, string? File, int? Line)> Findings(ValidateResult result) =>
        [.. result.Diagnostics.Where(d => Codes.Contains(d.Code)).Select(d => (d.Code, d.File, d.Line))];

    private static string Reward(string signature, string body = "return 1.0") =>
        $"from rnow.core import RewardArgs, reward\n\n@reward\n{signature}\n    {body}\n";

    private static string Tool(string signature, string body = "\"\"\"Search the web.\"\"\"") =>
        $"from rnow.core import tool\n\n@tool\n{signature}\n    {body}\n";

    [Fact]
    public void A_reward_declared_as_rnow_requires_is_clean() =>
        Assert.Empty(Findings(Rl(Good)));

    // reward.py:301-306: node.args.args must hold exactly two; *rest is not in it, so only the import (89-93) refuses it.
    [Theory]
    [InlineData("def accuracy(args: RewardArgs) -> float:", "RLENV2360")]
    [InlineData("def accuracy(args: RewardArgs, messages: list, extra: int) -> float:", "RLENV2360")]
    [InlineData("def accuracy(args: RewardArgs, *, messages: list) -> float:", "RLENV2360")]
    [InlineData("def accuracy(args: RewardArgs, messages: list, *rest) -> float:", "RLENV2362")]
    [InlineData("def accuracy(args: RewardArgs, messages: list, **kw) -> float:", "RLENV2362")]
    public void A_reward_needs_exactly_two_parameters_at_its_def_line(string signature, string code) =>
        Assert.Equal([(code, "rewards.py", 4)], Findings(Rl(Reward(signature))));

    // reward.py:309-312 (return annotation) and 315-320 (each counted parameter annotated, presence only).
    [Theory]
    [InlineData("def accuracy(args: RewardArgs, messages: list):", 1)]
    [InlineData("def accuracy(args, messages: list) -> float:", 1)]
    [InlineData("def accuracy(args, messages):", 3)]
    public void A_reward_needs_its_annotations_for_rnow_run(string signature, int count)
    {
        var findings = Findings(Rl(Reward(signature)));

        Assert.Equal(count, findings.Count);
        Assert.All(findings, f => Assert.Equal(("RLENV2360", 4), (f.Code, f.Line)));
    }

    // reward.py:105-110, 118-127, 132-134: the decorator compares the evaluated hints; ast.parse-time checks do not.
    [Theory]
    [InlineData("def accuracy(args: dict, messages: list) -> float:", "first parameter must be typed as 'RewardArgs', got 'dict'")]
    [InlineData("def accuracy(args: RewardArgs, messages: str) -> float:", "second parameter must be typed as 'list', got 'str'")]
    [InlineData("def accuracy(args: RewardArgs, messages: Optional[list]) -> float:", "got 'Optional[list]'")]
    [InlineData("def accuracy(args: RewardArgs, messages: list) -> int:", "must return 'float', got 'int'")]
    [InlineData("def accuracy(args: RewardArgs, messages: list) -> 'int':", "must return 'float'")]
    public void A_reward_with_the_wrong_annotation_types_fails_at_import(string signature, string message)
    {
        var error = Assert.Single(Rl(Reward(signature)).Diagnostics, d => d.Code == DiagnosticCatalog.RnRewardImportRefused.Code);

        Assert.Equal(("rewards.py", 4), (error.File, error.Line));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    // What the decorator accepts (ran each): list[dict], typing.List, Annotated[list, ...], string annotations, an async def.
    [Theory]
    [InlineData("def accuracy(args: RewardArgs, messages: list[dict]) -> float:")]
    [InlineData("def accuracy(args: RewardArgs, messages: List[dict]) -> float:")]
    [InlineData("def accuracy(args: RewardArgs, messages: Annotated[list, 'history']) -> float:")]
    [InlineData("def accuracy(args: 'RewardArgs', messages: 'list') -> 'float':")]
    [InlineData("def accuracy(args: rnow.models.RewardArgs, messages: typing.List) -> float:")]
    [InlineData("async def accuracy(args: RewardArgs, messages: list) -> float:")]
    [InlineData("def accuracy(args: Args, messages: History) -> Score:")]
    public void Annotations_the_decorator_accepts_or_RlEnv_cannot_place_are_not_reported(string signature) =>
        Assert.Empty(Findings(Rl(Reward(signature))));

    // reward.py:244-279: an int/float constant (True is 1), unary minus on one, and both branches of `x if c else y`;
    // ast.walk(func_node) reaches returns in nested defs too. The message prints the value as a Python float.
    [Theory]
    [InlineData("return 5", 5, "returns 5.0,")]
    [InlineData("return -1", 5, "returns -1.0,")]
    [InlineData("return 0.5 if ok else -0.5", 5, "returns -0.5,")]
    [InlineData("return 1e16", 5, "returns 1e+16,")]
    [InlineData("def inner():\n        return 7\n    return inner()", 6, "returns 7.0,")]
    public void A_constant_return_outside_zero_to_one_is_an_error_at_the_return(string body, int line, string message)
    {
        var error = Assert.Single(Rl(Reward("def accuracy(args: RewardArgs, messages: list) -> float:", body)).Diagnostics, d => d.Code == DiagnosticCatalog.RnRewardConstantOutsideRange.Code);

        Assert.Equal(("rewards.py", line), (error.File, error.Line));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("return 0.5")]
    [InlineData("return True")]
    [InlineData("return -2 ** 2")]
    [InlineData("return 1 + 1")]
    [InlineData("return score * 2")]
    [InlineData("return 1.0 if ok else 0")]
    public void Returns_rnow_does_not_see_as_constants_outside_the_range_pass(string body) =>
        Assert.Empty(Findings(Rl(Reward("def accuracy(args: RewardArgs, messages: list) -> float:", body))));

    // reward.py:281 walks the whole tree: a @reward under `if` is a reward (the train.jsonl reference resolves), one in
    // a class counts self among its parameters.
    [Fact]
    public void A_reward_under_if_is_seen_and_one_in_a_class_counts_self()
    {
        var guarded = Rl("from rnow.core import RewardArgs, reward\nif True:\n    @reward\n    def accuracy(args: RewardArgs, messages: list) -> float:\n        return 1.0\n");
        Assert.DoesNotContain(guarded.Diagnostics, d => d.Severity == Severity.Error);

        var method = Rl("from rnow.core import RewardArgs, reward\nclass Rewards:\n    @reward\n    def accuracy(self, args: RewardArgs, messages: list) -> float:\n        return 1.0\n");
        // rnow run (ran it): "Got 3 parameters." and "parameter 'self' must have type hint 'RewardArgs'."
        var errors = method.Diagnostics.Where(d => d.Code == DiagnosticCatalog.RnRewardSignatureRefused.Code).Select(d => d.Message).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, m => m.Contains("Got 3 parameters", StringComparison.Ordinal));
        Assert.Contains(errors, m => m.Contains("parameter 'self' must have type hint 'RewardArgs'", StringComparison.Ordinal));
    }

    // reward.py:285-295 and commands.py:251-257: only ast.Name and Call(ast.Name) decorators count. @core.reward is
    // invisible to rnow run (the reference then fails, commands.py:166-202), though the import still runs it.
    [Fact]
    public void A_dotted_decorator_is_a_warning_and_its_function_is_not_a_reward_rnow_sees()
    {
        var result = Rl("from rnow import core\n\n@core.reward\ndef accuracy(args, messages):\n    return 5\n");

        var warning = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.RnDecoratorNotSeen.Code);
        Assert.Equal(("rewards.py", 3), (warning.File, warning.Line));
        Assert.Contains("@core.reward", warning.Message, StringComparison.Ordinal);
        Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.RnRewardUndefined.Code);

        // The import's own check still runs: its first failure is the missing hint (reward.py:100-104).
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCatalog.RnRewardImportRefused.Code && d.Message.Contains("'args' must have type hint 'RewardArgs'", StringComparison.Ordinal));

        // rnow run does not check it, so its constant return is not a 2361.
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCatalog.RnRewardConstantOutsideRange.Code);
    }

    // commands.py:2274: rewards.py is checked for dataset_type rl only.
    [Fact]
    public void Rewards_are_not_checked_for_other_dataset_types() =>
        Assert.DoesNotContain(Rl(Reward("def accuracy(args, messages):", "return 5"), datasetType: "sft").Diagnostics, d => Codes.Contains(d.Code));

    // commands.py:2385-2395 uploads rewards.py for every dataset_type, unchecked for sft: RlEnv still wants it to compile.
    [Fact]
    public void A_rewards_py_that_does_not_compile_is_an_error_for_every_dataset_type() =>
        Assert.Equal([("RLENV1010", "rewards.py", (int?)4)], Findings(Rl(Reward("def accuracy(args: RewardArgs, messages: list) -> float"), datasetType: "sft")));

    // reward.py:195-203: registering a name again warns and replaces the first.
    [Fact]
    public void A_reward_defined_twice_is_a_warning_at_the_second()
    {
        var warning = Assert.Single(Rl(Good + "\n@reward\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    return 0.0\n").Diagnostics, d => d.Code == DiagnosticCatalog.RnFunctionRedefined.Code);

        Assert.Equal(("rewards.py", 8), (warning.File, warning.Line));
    }

    [Fact]
    public void A_tool_declared_as_rnow_requires_is_clean() =>
        Assert.Empty(Findings(Rl(Good, Tool("def web_search(query: str, limit: int = 5) -> list[dict]:"))));

    // tool.py:484-518 in order: docstring, *x, **x, return annotation, each args/kwonlyargs parameter but self, cls, args.
    [Theory]
    [InlineData("def web_search(query: str) -> str:", "return ''", "must have a non-empty docstring")]
    [InlineData("def web_search(query: str) -> str:", "'''   '''", "must have a non-empty docstring")]
    [InlineData("def web_search(query: str) -> str:", "f'''Search {1}.'''", "must have a non-empty docstring")]
    [InlineData("def web_search(query: str, *items: str) -> str:", "'''Search.'''", "cannot use *items.")]
    [InlineData("def web_search(query: str, **options: str) -> str:", "'''Search.'''", "cannot use **options.")]
    [InlineData("def web_search(query: str):", "'''Search.'''", "must have a return type annotation")]
    [InlineData("def web_search(query) -> str:", "'''Search.'''", "parameter 'query' must have a type annotation")]
    [InlineData("def web_search(*, query) -> str:", "'''Search.'''", "parameter 'query' must have a type annotation")]
    public void A_tool_rnow_run_refuses_is_an_error_at_its_def_line(string signature, string body, string message)
    {
        var error = Assert.Single(Rl(Good, Tool(signature, body)).Diagnostics, d => d.Code == DiagnosticCatalog.RnToolSignatureRefused.Code);

        Assert.Equal(("tools.py", 4), (error.File, error.Line));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    // tool.py:121-155 and 214-238 at import (ran each on 3.11.7): set, tuple, a class of the file and `str | None` are
    // refused; list[...] and dict[...] pass whatever their arguments (127 finds list and dict first); Optional passes.
    [Theory]
    [InlineData("-> set", true)]
    [InlineData("-> tuple[int, int]", true)]
    [InlineData("-> str | None", true)]
    [InlineData("-> Result", true)]
    [InlineData("-> Optional[str]", false)]
    [InlineData("-> Union[str | None, int]", false)]
    [InlineData("-> dict[str, set]", false)]
    [InlineData("-> list[str | None]", false)]
    [InlineData("-> Literal['a', 'b']", false)]
    [InlineData("-> None", false)]
    [InlineData("-> Any", false)]
    [InlineData("-> SomeImportedModel", false)]
    public void A_tool_return_type_that_is_not_json_serializable_fails_at_import(string returns, bool refused)
    {
        var tools = "from rnow.core import tool\n\nclass Result:\n    pass\n\n@tool\ndef web_search(query: str) " + returns + ":\n    \"\"\"Search.\"\"\"\n";

        var errors = Rl(Good, tools).Diagnostics.Where(d => d.Code == DiagnosticCatalog.RnToolImportRefused.Code).ToList();

        Assert.Equal(refused ? [("tools.py", 7)] : [], errors.Select(e => (e.File, e.Line)));
    }

    // tool.py:192-197 checks positional-only parameters too, which validate_tools_file (511) does not.
    [Fact]
    public void An_unannotated_positional_only_tool_parameter_fails_at_import_only()
    {
        var error = Assert.Single(Findings(Rl(Good, Tool("def web_search(query, /, limit: int) -> str:"))));

        Assert.Equal(("RLENV2365", "tools.py", 4), error);
    }

    // tool.py:513: self, cls and args (the injected ToolArgs) need no annotation.
    [Fact]
    public void Self_cls_and_args_need_no_annotation() =>
        Assert.Empty(Findings(Rl(Good, Tool("def web_search(args, query: str) -> str:"))));

    // commands.py:2300-2314: tools.py is checked for every dataset_type.
    [Fact]
    public void Tools_are_checked_for_every_dataset_type() =>
        Assert.Single(Findings(Rl(Good, Tool("def web_search(query: str) -> str:", "return ''"), datasetType: "sft")));

    [Fact]
    public void A_dotted_tool_decorator_is_a_warning_and_the_import_still_checks_it()
    {
        var result = Rl(Good, "import rnow\n\n@rnow.tool\ndef web_search(query):\n    return ''\n");

        Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.RnDecoratorNotSeen.Code && d.Line == 3);
        Assert.Equal(3, result.Diagnostics.Count(d => d.Code == DiagnosticCatalog.RnToolImportRefused.Code));
    }

    // commands.py:414-425: sandbox=True counts only in a call of the bare name, as the constant True.
    [Theory]
    [InlineData("@reward(sandbox=True)", true)]
    [InlineData("@reward(sandbox=(True))", true)]
    [InlineData("@reward(sandbox=1)", false)]
    [InlineData("@reward(sandbox=SANDBOX)", false)]
    public void Sandbox_is_read_as_rnow_reads_it(string decorator, bool sandbox)
    {
        var rewards = $"from rnow.core import RewardArgs, reward\n\n{decorator}\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    return 1.0\n";

        var result = Rl(rewards);

        Assert.Equal(sandbox, result.Diagnostics.Any(d => d.Code == DiagnosticCatalog.RnDockerRequired.Code));
    }

    // commands.py:2086-2114: an RL run refuses an empty rewards.py ("Please add content to empty files before submitting").
    [Fact]
    public void An_empty_rewards_py_is_an_error_for_rl_only()
    {
        Assert.Equal([("RLENV2367", "rewards.py", (int?)null)], Findings(Rl(string.Empty)));
        Assert.Empty(Findings(Rl(string.Empty, datasetType: "sft")));
    }
}
