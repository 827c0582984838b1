using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.ReinforceNow;

/// <summary>
/// The rows part of rnow's 13 templates (rnow/templates/*) and project8, each rebuilt from the facts of
/// /work/notes/rnow-rewards-templates.md section 2 (ReinforceNow/reinforcenow-cli 0.4.37): row count and shape,
/// dataset_type, batch size, the @reward/@tool names and their sandbox flags, the other files. rnow's verdict on
/// the rows (validate_train_jsonl, commands.py 485-541) must be RlEnv's. Three templates are refused by rnow for
/// batch_size above the row count (commands.py 2126-2136), a config rule: here the row counts that decide it.
/// </summary>
public class RnTemplateRowsTests
{
    private const string System = "{\"role\":\"system\",\"content\":\"You are a research assistant. Provide your final answer as Final Answer: <answer>.\"}";

    public static TheoryData<string> Templates =>
    [
        "first-rl", "kernel", "mcp-tavily", "off-distill-agent", "on-distill-agent", "posttrain", "rl-browser", "rl-single",
        "rl-tools", "sft", "skyrl-sql", "tutorial-reward", "tutorial-tool", "project8",
    ];

    private static string User(int i) => $"{{\"role\":\"user\",\"content\":\"Question {i}: who received the award in {2000 + (i % 25)}?\"}}";

    private static string Reward(string name, string decorator = "@reward", bool isAsync = false) =>
        $"{decorator}\n{(isAsync ? "async " : string.Empty)}def {name}(args: RewardArgs, messages: list) -> float:\n    return 1.0\n\n\n";

    private static string Tool(string name, bool sandbox) =>
        $"{(sandbox ? "@tool(sandbox=True)" : "@tool")}\ndef {name}(text: str) -> str:\n    \"\"\"Does {name}.\"\"\"\n    return text\n\n\n";

    private static string RewardsPy(params string[] functions) => "from rnow.core import RewardArgs, reward\n\n\n" + string.Concat(functions);

    private static string ToolsPy(params string[] functions) => "from rnow.core import tool\n\n\n" + string.Concat(functions);

    private static string Config(string type, int batch, int? group, string model, int rank, string extra = "") =>
        $"project_id: \"2008a80e-d41a-4305-97fd-ffd21c85cac5\"\nproject_name: \"template\"\ndataset_type: {type}\n"
        + $"data:\n  train_file: train.jsonl\n  batch_size: {batch}\n{(group is { } g ? $"  group_size: {g}\n" : string.Empty)}"
        + $"model:\n  path: {model}\n  qlora_rank: {rank}\ntrainer:\n  num_epochs: 3\n  learning_rate: 0.0001\n" + extra;

    private static string[] Rows(int count, Func<int, string> row) => [.. Enumerable.Range(0, count).Select(row)];

    /// <summary>The project, its batch_size and its row count, as the facts give them.</summary>
    private static (ProjectFiles Project, int BatchSize, int Rows) Build(string template)
    {
        var p = new ProjectFiles();
        switch (template)
        {
            case "first-rl":
                // config.yml only (and CLAUDE.md): rnow refuses "Required files missing" (commands.py 2081-2108).
                p.File("config.yml", Config("rl", 16, 8, "Qwen/Qwen3-8B", 32, "rollout:\n  max_turns: 1\n  max_context_window: 16000\n")).File("CLAUDE.md", "# first-rl\n");
                return (p, 16, 0);
            case "kernel":
                // rl, 1139 rows: system/user, both rewards, the six sandbox tools, docker local/kernel.
                p.File("config.yml", Config("rl", 8, 4, "Qwen/Qwen3-VL-30B-A3B-Instruct", 32, "rollout:\n  max_turns: 15\n  max_context_window: 32768\n  tool_timeout: 30\n"))
                    .File("rewards.py", RewardsPy(Reward("used_browser", "@reward(precondition=True)", isAsync: true), Reward("accuracy", "@reward(timeout=120)", isAsync: true)))
                    .File("tools.py", ToolsPy([.. new[] { "click", "type_text", "press_key", "scroll", "navigate", "screenshot" }.Select(t => Tool(t, sandbox: true))]))
                    .File("Dockerfile.kernel", "FROM python:3.11-slim\n").File("example.env", "KERNEL_API_KEY=\n").File("setup_pool.sh", "#!/bin/sh\n").File("cleanup_pool.sh", "#!/bin/sh\n")
                    .Lines("train.jsonl", Rows(1139, i => $"{{\"messages\":[{System},{User(i)}],\"rewards\":[\"used_browser\",\"accuracy\"],\"tools\":[\"click\",\"type_text\",\"press_key\",\"scroll\",\"navigate\",\"screenshot\"],\"docker\":\"local/kernel\",\"metadata\":{{\"expected_answer\":\"a{i}\",\"task_name\":\"t{i}\",\"split\":\"train\"}}}}"));
                return (p, 8, 1139);
            case "mcp-tavily":
                // rl, 500 rows: system/user, rewards [accuracy]; tools come from mcp_url, not tools.py.
                p.File("config.yml", Config("rl", 32, 16, "Qwen/Qwen3-30B-A3B-Instruct-2507", 32, "rollout:\n  max_turns: 3\n  max_context_window: 4096\n  mcp_url: \"https://mcp.tavily.com/mcp/?tavilyApiKey=YOUR_TAVILY_API_KEY\"\n"))
                    .File("rewards.py", RewardsPy(Reward("accuracy"))).File("requirements.txt", "jellyfish>=1.0.0\n")
                    .Lines("train.jsonl", Rows(500, i => $"{{\"messages\":[{System},{User(i)}],\"rewards\":[\"accuracy\"],\"metadata\":{{\"expected_answer\":\"a{i}\"}}}}"));
                return (p, 32, 500);
            case "off-distill-agent":
                // sft, 3 rows system/user/assistant with metadata; batch 4 > 3 rows.
                p.File("config.yml", Config("sft", 4, null, "Qwen/Qwen3-8B", 32)).File(".env.example", "HF_TOKEN=\n").File("convert_hf_dataset.py", "print()\n")
                    .File("convert_rollouts.py", "print()\n").File("requirements.txt", "datasets\n")
                    .Lines("train.jsonl", Rows(3, i => $"{{\"messages\":[{System},{User(i)},{{\"role\":\"assistant\",\"content\":\"Step by step: {i}.\"}}],\"metadata\":{{\"answer\":\"{i}\"}}}}"));
                return (p, 4, 3);
            case "on-distill-agent":
                // distill with a teacher, 3 rows system/user with docker local/playwright and no rewards; batch 4 > 3 rows.
                p.File("config.yml", Config("distill", 4, 4, "Qwen/Qwen3-8B", 32, "teacher:\n  path: Qwen/Qwen3-32B\nrollout:\n  max_turns: 4\n  max_context_window: 4096\n  tool_timeout: 120\n  mcp_url: \"localhost:8931\"\nalgorithm:\n  loss_fn: ppo\n  adv_estimator: grpo\n  kl_penalty_coef: 0.1\n"))
                    .File("Dockerfile.playwright", "FROM mcr.microsoft.com/playwright\n").File("convert_dataset.py", "print()\n")
                    .Lines("train.jsonl", Rows(3, i => $"{{\"messages\":[{System},{User(i)}],\"docker\":\"local/playwright\",\"metadata\":{{\"answer\":\"{i}\"}}}}"));
                return (p, 4, 3);
            case "posttrain":
                // midtrain, 3 {"text": ...} rows; batch 8 > 3 rows.
                p.File("config.yml", Config("midtrain", 8, null, "Qwen/Qwen3-8B-Base", 64))
                    .Lines("train.jsonl", Rows(3, i => $"{{\"text\":\"Problem: find x in 2x + {i} = 13.\\n\\nSolution: subtract and divide.\"}}"));
                return (p, 8, 3);
            case "rl-browser":
                // rl, 20 rows: system/user, rewards [used_browser, accuracy], docker local/playwright; no tools.py.
                p.File("config.yml", Config("rl", 8, 4, "Qwen/Qwen3-8B", 32, "rollout:\n  max_turns: 25\n  max_context_window: 4096\n  tool_timeout: 120\n  mcp_url: \"localhost:8931\"\n"))
                    .File("rewards.py", RewardsPy(Reward("used_browser", "@reward(precondition=True)"), Reward("accuracy"))).File("requirements.txt", "jellyfish>=1.0.0\n")
                    .File("Dockerfile.playwright", "FROM mcr.microsoft.com/playwright\n")
                    .Lines("train.jsonl", Rows(20, i => $"{{\"messages\":[{System},{User(i)}],\"rewards\":[\"used_browser\",\"accuracy\"],\"docker\":\"local/playwright\",\"metadata\":{{\"expected_answer\":\"a{i}\"}}}}"));
                return (p, 8, 20);
            case "rl-single" or "tutorial-reward" or "project8":
                // rl, 92 rows: one user message, rewards [accuracy], metadata expected_answer (project8 is rl-single after rnow init).
                p.File("config.yml", Config("rl", 16, 8, "Qwen/Qwen3-8B", 32, "rollout:\n  max_turns: 1\n  max_context_window: 16000\n"))
                    .File("rewards.py", RewardsPy(template == "tutorial-reward" ? "@reward\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    pass\n" : Reward("accuracy", isAsync: true)))
                    .File("requirements.txt", "math-verify==0.5.0\n").File("README.md", "# math\n")
                    .Lines("train.jsonl", Rows(92, i => $"{{\"messages\":[{User(i)}],\"rewards\":[\"accuracy\"],\"metadata\":{{\"expected_answer\":\"\\\\(\\\\frac{{{i}}}{{5}}\\\\)\"}}}}"));
                return (p, 16, 92);
            case "rl-tools" or "tutorial-tool":
                // rl: system/user, rewards [accuracy], no tools field; tools.py internet_search without sandbox.
                var rows = template == "rl-tools" ? 500 : 1266;
                var batch = 32;
                p.File("config.yml", Config("rl", batch, 16, "Qwen/Qwen3-30B-A3B-Instruct-2507", 32, "rollout:\n  max_turns: 3\n  max_context_window: 4096\n"))
                    .File("rewards.py", RewardsPy(Reward("accuracy"))).File("tools.py", ToolsPy(Tool("internet_search", sandbox: false)))
                    .File("requirements.txt", "requests\nbeautifulsoup4\njellyfish\n")
                    .Lines("train.jsonl", Rows(rows, i => $"{{\"messages\":[{System},{User(i)}],\"rewards\":[\"accuracy\"],\"metadata\":{{\"expected_answer\":\"a{i}\"}}}}"));
                return (p, batch, rows);
            case "sft":
                // sft, 100 rows of messages only: 61 with 3 user/assistant pairs, 39 with 4.
                p.File("config.yml", Config("sft", 16, null, "Qwen/Qwen3-8B", 128))
                    .Lines("train.jsonl", Rows(100, i => "{\"messages\":[" + string.Join(',', Enumerable.Range(0, i < 61 ? 3 : 4)
                        .Select(t => $"{User(i * 10 + t)},{{\"role\":\"assistant\",\"content\":\"Answer {t}.\"}}")) + "]}"));
                return (p, 16, 100);
            case "skyrl-sql":
                // rl with rows of the 1375dc5 version (HEAD's blob is missing from the mirror): 100 rows, system/user,
                // rewards [format, sql_execution], tools [sql]; config without project_id key, set here as after rnow init.
                p.File("config.yml", Config("rl", 16, 8, "Qwen/Qwen3-8B", 64, "rollout:\n  max_turns: 5\n  tool_timeout: 30\n  max_context_window: 32768\n"))
                    .File("rewards.py", RewardsPy(Reward("format", "@reward(precondition=True)"), Reward("sql_execution"))).File("tools.py", ToolsPy(Tool("sql", sandbox: false)))
                    .File(".env.example", "AWS_ACCESS_KEY_ID=\n").File("requirements.txt", "boto3>=1.34.0\n")
                    .Lines("train.jsonl", Rows(100, i => $"{{\"messages\":[{System},{User(i)}],\"rewards\":[\"format\",\"sql_execution\"],\"tools\":[\"sql\"],\"metadata\":{{\"db_id\":\"db{i}\",\"expected_sql\":\"SELECT {i}\",\"schema\":\"CREATE TABLE t (x INT)\"}}}}"));
                return (p, 16, 100);
            default:
                throw new ArgumentOutOfRangeException(nameof(template), template, null);
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_rows_get_rnows_verdict(string template)
    {
        var (project, batchSize, rows) = Build(template);

        var result = project.Check();

        if (template == "first-rl")
        {
            // rnow: "✗ Required files missing: train.jsonl ..." (commands.py 2081-2108).
            var missing = Assert.Single(result.RowFindings());
            Assert.Equal(("RLENV2102", "train.jsonl"), (missing.Code, missing.File));
            return;
        }

        // rnow's validate_train_jsonl accepts every row of every other template (commands.py 485-541).
        result.RowsClean();
        Assert.Equal(rows, result.Splits.Single().Rows);

        // rnow refuses off-distill-agent (4 > 3), on-distill-agent (4 > 3) and posttrain (8 > 3) for batch_size
        // above the rows (commands.py 2126-2136), and accepts the rest: the counts above decide it.
        var refusedForBatch = template is "off-distill-agent" or "on-distill-agent" or "posttrain";
        Assert.Equal(refusedForBatch, batchSize > rows);
    }
}
