using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.ReinforceNow;

/// <summary>
/// The config checks as part of a whole `rlenv validate` of a ReinforceNow project: which config file rnow reads
/// (rnow/cli/commands.py run: C:1888-1908), batch_size against the samples of train.jsonl (C:544-564, C:2127-2136),
/// and tool support (C:2316-2340).
/// </summary>
public class RnConfigProjectTests
{
    private const string Rewards = "from rnow import reward\n\n@reward\ndef accuracy(args, messages):\n    return 1.0\n";
    private const string Row = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}],\"rewards\":[\"accuracy\"]}";

    private static ProjectFiles Project(string config, int rows = 3) =>
        new ProjectFiles().File("rewards.py", Rewards).File("config.yml", config).Lines("train.jsonl", [.. Enumerable.Repeat(Row, rows)]);

    private static string Yaml(string type = "rl", int batchSize = 2, string model = "Qwen/Qwen3-8B", string extra = "") =>
        $"project_id: p1\ndataset_type: {type}\ndata:\n  batch_size: {batchSize}\nmodel:\n  path: {model}\ntrainer:\n  num_epochs: 1\n{extra}";

    private static List<Diagnostic> ConfigFindings(ValidateResult result) =>
        [.. result.Diagnostics.Where(d => d.File is "config.yml" or "config.json")];

    [Fact]
    public void Config_json_is_read_and_checked_when_there_is_no_config_yml()
    {
        // C:1901-1906: json.load; NaN is a number there, and "num_epochs": NaN fails pydantic's finite check.
        var project = new ProjectFiles().File("rewards.py", Rewards).Lines("train.jsonl", Row, Row, Row)
            .File("config.json", "{\"project_id\": \"p1\", \"dataset_type\": \"rl\", \"data\": {\"batch_size\": 2},\n \"model\": {\"path\": \"Qwen/Qwen3-8B\"}, \"trainer\": {\"num_epochs\": NaN}}");

        var error = Assert.Single(ConfigFindings(project.Validate(Profile.ReinforceNow)));
        Assert.Equal((DiagnosticCatalog.RnConfigFieldType.Code, "config.json", 2, 64), (error.Code, error.File, error.Line, error.Column));
        Assert.Contains("trainer.num_epochs: Input should be a finite number (got nan)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\uFEFF{}", "Unexpected UTF-8 BOM")]
    [InlineData("{\"a\": 1,}", "Expecting property name enclosed in double quotes: line 1 column 9 (char 8)")]
    [InlineData("", "Expecting value: line 1 column 1 (char 0)")]
    public void Config_json_that_json_load_refuses_is_invalid_json(string json, string says)
    {
        var project = new ProjectFiles().File("rewards.py", Rewards).Lines("train.jsonl", Row).File("config.json", json);

        var error = Assert.Single(ConfigFindings(project.Validate(Profile.ReinforceNow)));
        Assert.Equal(DiagnosticCatalog.RnConfigInvalid.Code, error.Code);
        Assert.Contains("Invalid JSON in config file: " + says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_json_beside_config_yml_is_ignored_and_said_so()
    {
        // C:1893-1906: config.yml wins; config.json is neither read nor uploaded.
        var result = Project(Yaml()).File("config.json", "not json at all").Validate(Profile.ReinforceNow);

        var info = Assert.Single(ConfigFindings(result));
        Assert.Equal((DiagnosticCatalog.RnConfigJsonShadowed.Code, "config.json", Severity.Info), (info.Code, info.File, info.Severity));
    }

    [Fact]
    public void A_project_without_any_config_is_refused()
    {
        // C:1907-1908: "No config.yml or config.json found".
        var result = new ProjectFiles().File("rewards.py", Rewards).Lines("train.jsonl", Row).Validate(Profile.ReinforceNow);

        Assert.Equal(DiagnosticCatalog.RnConfigNotFound.Code, Assert.Single(ConfigFindings(result)).Code);
    }

    [Theory]
    // count_train_jsonl_samples (C:544-564) against data.batch_size (C:2127-2136).
    [InlineData(3, 3, false)]
    [InlineData(3, 4, true)]
    [InlineData(1, 2, true)]
    public void Batch_size_above_the_sample_count_is_refused_at_batch_size(int rows, int batchSize, bool refused)
    {
        var result = Project(Yaml(batchSize: batchSize), rows).Validate(Profile.ReinforceNow);

        var findings = ConfigFindings(result);
        Assert.Equal(refused, findings.Count == 1);
        Assert.All(findings, f => Assert.Equal(
            (DiagnosticCatalog.RnBatchSizeAboveRows.Code, 4, 15, $"batch_size cannot exceed number of training samples: train.jsonl has {rows} sample{(rows == 1 ? string.Empty : "s")} and config has batch_size={batchSize}."),
            (f.Code, f.Line ?? 0, f.Column ?? 0, f.Message[..f.Message.IndexOf(" Either", StringComparison.Ordinal)])));
    }

    [Fact]
    public void Every_line_json_loads_accepts_counts_as_a_sample_whatever_the_row()
    {
        // C:555-560: any JSON value counts (an array, a number, a row that fails the model); blank lines and
        // unparsable lines do not; a lone "\r" ends a line (universal newlines), and str.strip() drops the padding.
        var train = "[1, 2]\n42\n\n  \"text\"  \r{\"not\": \"a row\"}\r\nnot json\n{broken\n" + Row + "\n";
        var result = Project(Yaml(batchSize: 6)).File("train.jsonl", train).Validate(Profile.ReinforceNow);

        var error = Assert.Single(ConfigFindings(result), f => f.Code == DiagnosticCatalog.RnBatchSizeAboveRows.Code);
        Assert.Contains("train.jsonl has 5 samples and config has batch_size=6", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ConfigFindings(Project(Yaml(batchSize: 5)).File("train.jsonl", train).Validate(Profile.ReinforceNow)),
            f => f.Code == DiagnosticCatalog.RnBatchSizeAboveRows.Code);
    }

    [Fact]
    public void The_whole_file_is_counted_not_the_first_50_rows()
    {
        // validate_train_jsonl samples 50 valid rows (C:531-533); count_train_jsonl_samples reads every line.
        var train = string.Concat(Enumerable.Repeat("\n", 500)) + string.Join('\n', Enumerable.Repeat(Row, 32)) + "\n";
        var result = Project(Yaml(batchSize: 32)).File("train.jsonl", train).Validate(Profile.ReinforceNow);

        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCatalog.RnBatchSizeAboveRows.Code);
    }

    [Fact]
    public void An_empty_train_jsonl_is_left_to_the_row_checks()
    {
        // rnow stops at "train.jsonl is empty" (C:2095-2098) before the batch check; RlEnv says it once, not twice.
        var result = Project(Yaml(batchSize: 4)).File("train.jsonl", string.Empty).Validate(Profile.ReinforceNow);

        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCatalog.RnBatchSizeAboveRows.Code);
    }

    [Theory]
    // MODELS_WITHOUT_TOOL_SUPPORT (M:279-291) with a non-empty tools.py or rollout.mcp_url (C:2300-2340).
    [InlineData("openai/gpt-oss-20b", "tool", "", true)]
    [InlineData("Qwen/Qwen3-8B-Base", "", "rollout:\n  mcp_url: http://mcp\n", true)]
    [InlineData("Qwen/Qwen3-8B", "tool", "rollout:\n  mcp_url: http://mcp\n", false)]
    [InlineData("openai/gpt-oss-20b", "", "", false)]
    public void A_model_without_tool_calling_refuses_tools(string model, string tools, string extra, bool refused)
    {
        var project = Project(Yaml(model: model, extra: extra));
        if (tools.Length > 0)
        {
            project.File("tools.py", "from rnow import tool\n\n@tool\ndef lookup(q: str) -> str:\n    \"\"\"Look up.\"\"\"\n    return q\n");
        }

        var findings = ConfigFindings(project.Validate(Profile.ReinforceNow)).Where(d => d.Code == DiagnosticCatalog.RnModelWithoutTools.Code).ToList();
        Assert.Equal(refused, findings.Count == 1);
        Assert.All(findings, f => Assert.Equal((6, 9), (f.Line, f.Column)));
    }

    [Fact]
    public void Sft_drops_rollout_so_its_mcp_url_gives_no_tools()
    {
        // validate_config clears rollout for sft (M:590-591); has_mcp_url reads config.rollout (C:2316).
        var result = Project(Yaml(type: "sft", model: "Qwen/Qwen3-8B-Base", extra: "rollout:\n  mcp_url: http://mcp\n")).Validate(Profile.ReinforceNow);

        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCatalog.RnModelWithoutTools.Code);
    }
}
