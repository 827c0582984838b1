using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.ReinforceNow;

/// <summary>
/// Whole-project verdicts for rnow's 13 templates (rnow/templates/*) and project8 (ReinforceNow/reinforcenow-cli at
/// fbb86f7, 0.4.37). Each project is rebuilt here from its facts (config values, row count and shape, the @reward and
/// @tool signatures and decorators, the other files; see docs/research/rnow-rewards-templates.md section 2), never
/// copied, and validated whole with the reinforcenow profile. The verdict asserted is the one `rnow run`'s own code
/// gave on the real template folders (generate.py --child beside the differential test, which runs `rnow run` with only
/// network and login stubbed):
/// <list type="bullet">
/// <item>as shipped, every template but project8 has project_id "" (skyrl-sql no key), and `rnow run` stops there:
/// "Missing project_id in config.yml" (commands.py run C:2012-2020), before any other check;</item>
/// <item>after `rnow init` writes a project_id (C:1353-1363): first-rl is refused for missing files (train.jsonl and
/// rewards.py, C:2081-2108); off-distill-agent (batch_size 4, 3 rows), on-distill-agent (4, 3) and posttrain (8, 3) are
/// refused for batch_size above the samples (C:2126-2136); the other ten pass every check of `rnow run`. (mcp-tavily
/// then fetches its MCP tools from tavily.com with a placeholder key, a network step RlEnv does not take.)</item>
/// </list>
/// rnow stops at its first failing check and RlEnv reports every finding, so "the same verdict" is: RlEnv has an error
/// exactly when rnow refuses, and its errors are the checks rnow's refusal names (for a shipped template, the
/// project_id one plus whatever `rnow run` would refuse next, once the id is there).
/// </summary>
public class RnTemplateProjectTests
{
    public static TheoryData<string> Templates =>
    [
        "first-rl", "kernel", "mcp-tavily", "off-distill-agent", "on-distill-agent", "posttrain", "rl-browser", "rl-single",
        "rl-tools", "sft", "skyrl-sql", "tutorial-reward", "tutorial-tool", "project8",
    ];

    private const string ProjectId = "2008a80e-d41a-4305-97fd-ffd21c85cac5";

    private const string System = "{\"role\":\"system\",\"content\":\"You are a research assistant. Provide your final answer as Final Answer: <answer>.\"}";

    private static readonly string MissingProjectId = DiagnosticCatalog.RnProjectIdEmpty.Code;

    /// <summary>The errors `rnow run`'s refusal corresponds to, once `rnow init` has set project_id; empty when it accepts.</summary>
    private static string[] AfterInit(string template) => template switch
    {
        // "✗ Required files missing: • train.jsonl at ... • rewards.py at ..." (C:2081-2108).
        "first-rl" => [DiagnosticCatalog.SplitEmpty.Code, DiagnosticCatalog.RnRewardsFileMissing.Code],
        // "✗ Batch size exceeds sample count: train.jsonl has 3 samples, config.yml has batch_size=4|8" (C:2126-2136).
        "off-distill-agent" or "on-distill-agent" or "posttrain" => [DiagnosticCatalog.RnBatchSizeAboveRows.Code],
        _ => [],
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public void A_template_as_shipped_gets_rnows_verdict(string template)
    {
        var result = Build(template, initialized: template == "project8").Check();

        // project8 is rl-single after `rnow init`: rnow accepts it. Every other template is refused for its empty
        // project_id first; RlEnv also names what rnow would refuse next.
        string[] expected = template == "project8" ? [] : [MissingProjectId, .. AfterInit(template)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Errors(result), StringComparer.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void A_template_after_rnow_init_gets_rnows_verdict(string template)
    {
        var result = Build(template, initialized: true).Check();

        Assert.Equal(AfterInit(template).Order(StringComparer.Ordinal), Errors(result), StringComparer.Ordinal);

        // Warnings would tell the user something is off in a project rnow and its trainer take as it is: there are none.
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Warning);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_row_of_every_template_is_read_as_rnow_reads_it(string template)
    {
        // validate_train_jsonl (C:485-541) accepts every row of every template: RlEnv reports nothing on train.jsonl and
        // counts the rows the facts give.
        var result = Build(template, initialized: true).Check();

        if (template == "first-rl")
        {
            var missing = Assert.Single(result.RowFindings());
            Assert.Equal(DiagnosticCatalog.SplitEmpty.Code, missing.Code);
            return;
        }

        result.RowsClean();
        Assert.Equal(RowCount(template), result.Splits.Single().Rows);
    }

    [Theory]
    // rnow's message names the samples and the batch size; RlEnv says it at data.batch_size (line 6 of these configs).
    [InlineData("off-distill-agent", 4)]
    [InlineData("on-distill-agent", 4)]
    [InlineData("posttrain", 8)]
    public void Three_templates_are_refused_for_batch_size_above_their_three_rows(string template, int batchSize)
    {
        var refusal = Assert.Single(Build(template, initialized: true).Check().Diagnostics, d => d.Severity == Severity.Error);

        Assert.Equal((DiagnosticCatalog.RnBatchSizeAboveRows.Code, "config.yml", 6), (refusal.Code, refusal.File, refusal.Line));
        Assert.Contains($"train.jsonl has 3 samples and config has batch_size={batchSize}", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shipped_template_is_refused_at_its_empty_project_id()
    {
        // rnow's templates ship `project_id: ""` on line 1 for `rnow init` to fill; skyrl-sql has no key at all.
        var rlSingle = Assert.Single(Build("rl-single", initialized: false).Check().Diagnostics, d => d.Severity == Severity.Error);
        var skyrl = Assert.Single(Build("skyrl-sql", initialized: false).Check().Diagnostics, d => d.Severity == Severity.Error);

        Assert.Equal((MissingProjectId, "config.yml", 1, 13), (rlSingle.Code, rlSingle.File, rlSingle.Line, rlSingle.Column));
        Assert.Equal((MissingProjectId, "config.yml", 1, 1), (skyrl.Code, skyrl.File, skyrl.Line, skyrl.Column));
    }

    private static List<string> Errors(ValidateResult result) =>
        [.. result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Code).Distinct().Order(StringComparer.Ordinal)];

    private static int RowCount(string template) => template switch
    {
        "kernel" => 1139,
        "mcp-tavily" or "rl-tools" => 500,
        "off-distill-agent" or "on-distill-agent" or "posttrain" => 3,
        "rl-browser" => 20,
        "rl-single" or "tutorial-reward" or "project8" => 92,
        "sft" or "skyrl-sql" => 100,
        "tutorial-tool" => 1266,
        _ => 0,
    };

    // ---- the facts of each template -----------------------------------------------------------------------------

    private static string User(int i) => $"{{\"role\":\"user\",\"content\":\"Question {i}: who received the award in {2000 + (i % 25)}?\"}}";

    private static string[] Rows(int count, Func<int, string> row) => [.. Enumerable.Range(0, count).Select(row)];

    private static string Reward(string name, string decorator = "@reward", bool isAsync = false, string body = "    return 1.0\n") =>
        $"{decorator}\n{(isAsync ? "async " : string.Empty)}def {name}(args: RewardArgs, messages: list) -> float:\n    \"\"\"Scores {name}.\"\"\"\n{body}\n\n";

    private static string RewardsPy(params string[] functions) => "from rnow.core import RewardArgs, get_response, reward\n\n\n" + string.Concat(functions);

    private static string Tool(string name, string parameters, string returns, bool sandbox, string body = "    return {}\n") =>
        $"{(sandbox ? "@tool(sandbox=True)" : "@tool")}\ndef {name}({parameters}) -> {returns}:\n    \"\"\"Does {name}.\"\"\"\n{body}\n\n";

    private static string ToolsPy(string import, params string[] functions) => import + "\n\n\n" + string.Concat(functions);

    /// <summary>config.yml as the template writes it (keys in its order); <paramref name="sections"/> between model and trainer.</summary>
    private static string Config(bool initialized, bool shipsProjectId, string name, string type, string data, string model, string sections, string trainer) =>
        (initialized ? $"project_id: \"{ProjectId}\"\n" : shipsProjectId ? "project_id: \"\"\n" : string.Empty)
        + $"project_name: \"{name}\"\ndataset_type: {type}\ndata:\n  train_file: train.jsonl\n{data}model:\n{model}{sections}trainer:\n{trainer}";

    private const string Ppo = "algorithm:\n  loss_fn: ppo\n  adv_estimator: grpo\n  kl_penalty_coef: 0.01\n";

    private static string Rollout(int turns, int window, string extra = "") =>
        $"rollout:\n  max_turns: {turns}\n  max_context_window: {window}\n  termination_policy: last_tool\n{extra}";

    private static string Model(string path, int rank, string display) => $"  path: {path}\n  qlora_rank: {rank}\n  name: \"{display}\"\n  description: \"{display}, trained by the template\"\n";

    private static string Trainer(int epochs, string rate, int? saveStep) => $"  num_epochs: {epochs}\n  learning_rate: {rate}\n{(saveStep is { } s ? $"  save_step: {s}\n" : string.Empty)}";

    private static ProjectFiles Build(string template, bool initialized)
    {
        var p = new ProjectFiles();
        string Cfg(string name, string type, string data, string model, string sections, string trainer, bool shipsProjectId = true) =>
            Config(initialized, shipsProjectId, name, type, data, model, sections, trainer);

        switch (template)
        {
            case "first-rl":
                // config.yml and CLAUDE.md only; CLAUDE.md tells the user to create train.jsonl, rewards.py, requirements.txt.
                return p.File("config.yml", Cfg("my-project", "rl", "  batch_size: 16\n  group_size: 8\n", Model("Qwen/Qwen3-8B", 32, "My RL Model"), Ppo + Rollout(1, 16000), Trainer(6, "0.0001", 8)))
                    .File("CLAUDE.md", "# first-rl\nCreate train.jsonl, rewards.py and requirements.txt.\n");
            case "kernel":
                // rl, 1139 rows: system/user, rewards [used_browser, accuracy], the six sandbox tools, docker local/kernel;
                // async rewards with precondition / timeout options; tools take list[int] coordinates and return dict.
                return p.File("config.yml", Cfg("MedBrowse VLM Agent", "rl", "  batch_size: 8\n  group_size: 4\n", Model("Qwen/Qwen3-VL-30B-A3B-Instruct", 32, "MedBrowse VLM Agent"), Ppo + Rollout(15, 32768, "  tool_timeout: 30\n"), Trainer(3, "0.0001", 50)))
                    .File("rewards.py", RewardsPy(Reward("used_browser", "@reward(precondition=True)", isAsync: true), Reward("accuracy", "@reward(timeout=120)", isAsync: true)))
                    .File("tools.py", ToolsPy("import os\n\nfrom rnow.core import tool",
                        Tool("click", "coordinate: list[int]", "dict", sandbox: true), Tool("type_text", "text: str", "dict", sandbox: true),
                        Tool("press_key", "key: str", "dict", sandbox: true), Tool("scroll", "coordinate: list[int], direction: str = \"down\"", "dict", sandbox: true),
                        Tool("navigate", "url: str", "dict", sandbox: true), Tool("screenshot", string.Empty, "dict", sandbox: true)))
                    .File("Dockerfile.kernel", "FROM python:3.11-slim\n").File("example.env", "KERNEL_API_KEY=\n").File("setup_pool.sh", "#!/bin/sh\n").File("cleanup_pool.sh", "#!/bin/sh\n")
                    .Lines("train.jsonl", Rows(1139, i => $"{{\"messages\":[{System},{User(i)}],\"rewards\":[\"used_browser\",\"accuracy\"],\"tools\":[\"click\",\"type_text\",\"press_key\",\"scroll\",\"navigate\",\"screenshot\"],\"docker\":\"local/kernel\",\"metadata\":{{\"expected_answer\":\"a{i}\",\"task_name\":\"t{i}\",\"split\":\"train\"}}}}"));
            case "mcp-tavily":
                // rl, 500 rows: system/user, rewards [accuracy]; tools come from an https mcp_url, not tools.py.
                return p.File("config.yml", Cfg("SimpleQA - Factual QA Agent", "rl", "  batch_size: 32\n  group_size: 16\n", Model("Qwen/Qwen3-30B-A3B-Instruct-2507", 32, "SimpleQA Agent"),
                        Ppo + Rollout(3, 4096, "  mcp_url: \"https://mcp.tavily.com/mcp/?tavilyApiKey=YOUR_TAVILY_API_KEY\"\n"), Trainer(4, "0.0001", 63)))
                    .File("rewards.py", "import re\n\nimport jellyfish\n\n" + RewardsPy(Reward("accuracy"))).File("requirements.txt", "jellyfish>=1.0.0\n")
                    .Lines("train.jsonl", Rows(500, i => $"{{\"messages\":[{System},{User(i)}],\"rewards\":[\"accuracy\"],\"metadata\":{{\"expected_answer\":\"a{i}\"}}}}"));
            case "off-distill-agent":
                // sft, 3 rows system/user/assistant with metadata; comments after values; batch 4 > 3 rows.
                return p.File("config.yml", Cfg("off-distill-agent", "sft  # Supervised fine-tuning on teacher-generated data", "  batch_size: 4  # Smaller batch for longer sequences\n", Model("Qwen/Qwen3-8B", 32, "Distilled Assistant"), string.Empty, Trainer(3, "0.00005", 100)))
                    .File(".env.example", "HF_TOKEN=\n").File("convert_hf_dataset.py", "import json\n\nprint(json.dumps({}))\n").File("convert_rollouts.py", "print()\n").File("requirements.txt", "datasets\n")
                    .Lines("train.jsonl", Rows(3, i => $"{{\"messages\":[{System},{User(i)},{{\"role\":\"assistant\",\"content\":\"Step by step: {i}.\"}}],\"metadata\":{{\"answer\":\"{i}\"}}}}"));
            case "on-distill-agent":
                // distill with teacher Qwen3-32B, 3 rows system/user with docker local/playwright and no rewards; an
                // in-sandbox mcp_url (localhost:8931); batch 4 > 3 rows.
                return p.File("config.yml", Cfg("on-distill-agent", "distill  # On-policy distillation (uses teacher KL penalty)", "  batch_size: 4\n  group_size: 4\n", Model("Qwen/Qwen3-8B", 32, "MedBrowse Agent (On-Policy Distillation)"),
                        "teacher:\n  path: Qwen/Qwen3-32B  # Teacher model\n" + Rollout(4, 4096, "  tool_timeout: 120\n  mcp_url: localhost:8931  # Playwright MCP server in Docker\n") + "algorithm:\n  loss_fn: ppo\n  adv_estimator: grpo\n  kl_penalty_coef: 0.1\n",
                        Trainer(3, "0.0001", 50)))
                    .File("Dockerfile.playwright", "FROM mcr.microsoft.com/playwright:v1.49.0-jammy\n").File("convert_dataset.py", "print()\n")
                    .Lines("train.jsonl", Rows(3, i => $"{{\"messages\":[{System},{User(i)}],\"docker\":\"local/playwright\",\"metadata\":{{\"expected_answer\":\"{i}\",\"task_name\":\"t{i}\",\"split\":\"train\"}}}}"));
            case "posttrain":
                // midtrain, 3 {"text": ...} rows on the base model with rank 64; batch 8 > 3 rows.
                return p.File("config.yml", Cfg("Posttrain Project", "midtrain", "  batch_size: 8\n", Model("Qwen/Qwen3-8B-Base", 64, "My Posttrain Model"), string.Empty, Trainer(3, "0.0001", 100)))
                    .Lines("train.jsonl", Rows(3, i => $"{{\"text\":\"Problem: find x in 2x + {i} = 13.\\n\\nSolution: subtract and divide.\"}}"));
            case "rl-browser":
                // rl, 20 rows: system/user, rewards [used_browser, accuracy], docker local/playwright; no tools.py (the
                // browser tools come from the in-sandbox MCP server).
                return p.File("config.yml", Cfg("RL Browser Agent", "rl", "  batch_size: 8\n  group_size: 4\n", Model("Qwen/Qwen3-8B", 32, "Browser QA Agent"), Ppo + Rollout(25, 4096, "  tool_timeout: 120\n  mcp_url: localhost:8931\n"), Trainer(3, "0.0001", 50)))
                    .File("rewards.py", "import re\n\nimport jellyfish\n\n" + RewardsPy(Reward("used_browser", "@reward(precondition=True)"), Reward("accuracy"))).File("requirements.txt", "jellyfish>=1.0.0\n")
                    .File("Dockerfile.playwright", "FROM mcr.microsoft.com/playwright:v1.49.0-jammy\n")
                    .Lines("train.jsonl", Rows(20, i => $"{{\"messages\":[{System},{User(i)}],\"rewards\":[\"used_browser\",\"accuracy\"],\"docker\":\"local/playwright\",\"metadata\":{{\"expected_answer\":\"a{i}\"}}}}"));
            case "rl-single" or "tutorial-reward" or "project8":
                // rl, 92 rows: one user message, rewards [accuracy], metadata expected_answer (LaTeX). rl-single and project8
                // (rl-single after `rnow init`) have an async reward using math-verify; tutorial-reward's body is only `pass`.
                return p.File("config.yml", Cfg("rl-project", "rl", "  batch_size: 16\n  group_size: 8\n", Model("Qwen/Qwen3-8B", 32, "Math Reasoning Model"), Ppo + Rollout(1, 16000), Trainer(6, "0.0001", 8)))
                    .File("rewards.py", template == "tutorial-reward"
                        ? RewardsPy(Reward("accuracy", body: "    pass\n"))
                        : "from math_verify import LatexExtractionConfig, parse, verify\n\n" + RewardsPy(Reward("accuracy", isAsync: true)))
                    .File("requirements.txt", "math-verify==0.5.0\n").File("README.md", "# math\n")
                    .Lines("train.jsonl", Rows(92, i => $"{{\"messages\":[{User(i)}],\"rewards\":[\"accuracy\"],\"metadata\":{{\"expected_answer\":\"\\\\(\\\\frac{{{i}}}{{5}}\\\\)\"}}}}"));
            case "rl-tools" or "tutorial-tool":
                // rl: system/user, rewards [accuracy], no tools field; tools.py has internet_search(query: str) -> dict
                // without sandbox, imported as `from rnow.core.tool import tool`; tutorial-tool's bodies are only `pass`.
                var tutorial = template == "tutorial-tool";
                var body = tutorial ? "    pass\n" : "    return {}\n";
                return p.File("config.yml", Cfg(tutorial ? "BrowseComp - Web Research Agent" : "SimpleQA - Factual QA Agent", "rl", "  batch_size: 32\n  group_size: 16\n", Model("Qwen/Qwen3-30B-A3B-Instruct-2507", 32, tutorial ? "BrowseComp Agent" : "SimpleQA Agent"),
                        Ppo + Rollout(tutorial ? 5 : 3, tutorial ? 16384 : 4096), Trainer(4, "0.0001", tutorial ? 421 : 63)))
                    .File("rewards.py", RewardsPy(Reward("accuracy", body: body)))
                    .File("tools.py", ToolsPy("from rnow.core.tool import tool", Tool("internet_search", "query: str", "dict", sandbox: false, body)))
                    .File("requirements.txt", "requests>=2.28.0\nbeautifulsoup4>=4.12.0\njellyfish>=1.0.0\n")
                    .Lines("train.jsonl", Rows(tutorial ? 1266 : 500, i => $"{{\"messages\":[{System},{User(i)}],\"rewards\":[\"accuracy\"],\"metadata\":{{\"expected_answer\":\"a{i}\"}}}}"));
            case "sft":
                // sft, 100 rows of messages only: 61 with 3 user/assistant pairs, 39 with 4; qlora_rank 128, Qwen3-8B's maximum.
                return p.File("config.yml", Cfg("SFT Training Project", "sft", "  batch_size: 16\n", Model("Qwen/Qwen3-8B", 128, "My SFT Model"), string.Empty, Trainer(20, "0.0001", 20)))
                    .Lines("train.jsonl", Rows(100, i => "{\"messages\":[" + string.Join(',', Enumerable.Range(0, i < 61 ? 3 : 4)
                        .Select(t => $"{User(i * 10 + t)},{{\"role\":\"assistant\",\"content\":\"Answer {t}.\"}}")) + "]}"));
            case "skyrl-sql":
                // rl, no project_id key, no algorithm section, no model name, no save_step; rewards [format, sql_execution]
                // (format a precondition), tools [sql] with a ToolArgs first parameter rnow skips; rows of the 1375dc5
                // version (HEAD's train.jsonl blob is missing from the mirror): 100 rows.
                return p.File("config.yml", Cfg("SkyRL-SQL", "rl", "  batch_size: 16\n  group_size: 8\n", "  path: Qwen/Qwen3-8B\n  qlora_rank: 64\n",
                        "rollout:\n  max_turns: 5\n  termination_policy: last_tool\n  tool_timeout: 30\n  max_context_window: 32768\n", Trainer(20, "0.0001", null), shipsProjectId: false))
                    .File("rewards.py", "\"\"\"SkyRL-style SQL rewards.\"\"\"\n\nimport sqlite3\n\n" + RewardsPy(Reward("format", "@reward(precondition=True)"), Reward("sql_execution")))
                    .File("tools.py", ToolsPy("\"\"\"SQL tool for querying databases.\"\"\"\n\nimport sqlite3\n\nfrom rnow.core import ToolArgs, tool", Tool("sql", "args: ToolArgs, query: str", "str", sandbox: false, "    return query\n")))
                    .File(".env.example", "AWS_ACCESS_KEY_ID=\n").File("requirements.txt", "boto3>=1.34.0\n")
                    .Lines("train.jsonl", Rows(100, i => $"{{\"messages\":[{System},{User(i)}],\"rewards\":[\"format\",\"sql_execution\"],\"tools\":[\"sql\"],\"metadata\":{{\"db_id\":\"db{i}\",\"expected_sql\":\"SELECT {i}\",\"schema\":\"CREATE TABLE t (x INT)\"}}}}"));
            default:
                throw new ArgumentOutOfRangeException(nameof(template), template, null);
        }
    }
}
