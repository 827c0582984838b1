using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.ReinforceNow;

namespace RlEnv.Core.Tests.Platforms.ReinforceNow;

/// <summary>
/// Issue 12, train.jsonl rows: each test failed before rows were checked against the entry model rnow's
/// dataset_type chooses. Sources are ReinforceNow/reinforcenow-cli 0.4.37 (M: rnow/models.py, C: rnow/cli/commands.py,
/// G: rnow/skills/rnow-train-jsonl/SKILL.md).
/// </summary>
public class RnRowRulesTests
{
    private const string GuideOnly = "`rnow run` itself does not check this today, but the trainer relies on it";

    // ---- 1. The entry model by dataset_type (C:495-501).

    [Fact]
    public void Midtrain_rows_are_text_rows_and_pass()
    {
        // M:173-177 TrainEntryMidtrain: {"text": non-empty str}; the posttrain template's rows.
        RnProject.Of("midtrain", RnProject.MidtrainRow, "{\"text\":\"  \"}").Check().RowsClean();
    }

    [Theory]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "is missing")] // M:176 text - Field required
    [InlineData("{\"text\":5}", "is not a string")] // string_type
    [InlineData("{\"text\":\"\"}", "is empty")] // min_length=1: string_too_short
    public void Midtrain_row_without_a_text_string_is_refused(string row, string problem)
    {
        var error = RnProject.Of("midtrain", RnProject.MidtrainRow, row).Check().Single("RLENV2340");

        Assert.Equal((Severity.Error, 2), (error.Severity, error.Line));
        Assert.Contains($"'text' {problem}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Midtrain_row_with_messages_does_not_need_rewards_or_a_user_message()
    {
        // Only text is read in midtrain (M:173-177): messages is an unread extra field, a warning.
        var result = RnProject.Of("midtrain", "{\"text\":\"t\",\"messages\":[]}").Check();

        Assert.Equal(["RLENV2309"], result.RowFindings().Select(d => d.Code));
    }

    [Theory]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "is missing")] // M:170 rewards - Field required
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":null}", "is null")] // list_type
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[]}", "is empty")] // too_short
    public void Rl_entry_without_rewards_is_refused_not_counted_as_sft(string row, string problem)
    {
        // M:167-170 TrainEntryRL: rewards: list[str] = Field(..., min_length=1).
        var result = RnProject.Of("rl", RnProject.RlRow, row).Check();

        var error = result.Single("RLENV2341");
        Assert.Equal((Severity.Error, 2), (error.Severity, error.Line));
        Assert.Contains($"'rewards' {problem}", error.Message, StringComparison.Ordinal);
        Assert.Equal((2L, 1L), (result.Splits.Single().Rows, result.Splits.Single().RowsWithOutput));
    }

    [Theory]
    [InlineData("sft")]
    [InlineData("distill")]
    public void Sft_and_distill_entries_take_messages_and_no_rewards(string type)
    {
        // M:140-151 TrainEntry: rewards list[str] | None, so null and [] pass.
        RnProject.Of(type, RnProject.SftRow, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":null}", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[]}")
            .File("tools.py", RnProject.PlainTools).Check().RowsClean();
    }

    [Fact]
    public void A_text_row_in_an_sft_project_needs_messages()
    {
        // M:145 messages - Field required for TrainEntry.
        Assert.Equal(2, RnProject.Of("sft", RnProject.SftRow, RnProject.MidtrainRow).Check().Single("RLENV2301").Line);
    }

    [Fact]
    public void Config_json_gives_the_dataset_type_when_there_is_no_config_yml()
    {
        // C:1901-1906: config.json is read when config.yml does not exist.
        var result = new Support.ProjectFiles().File("config.json", "{\"dataset_type\": \"midtrain\"}").Lines("train.jsonl", RnProject.MidtrainRow).File("rewards.py", RnProject.Rewards).Check();

        result.RowsClean();
    }

    [Theory]
    [InlineData("dataset_type: midtrain\n", RnDatasetType.Midtrain)]
    [InlineData("dataset_type: \"rl\"\n", RnDatasetType.Rl)]
    [InlineData("data:\n  dataset_type: sft\ndataset_type: distill\n", RnDatasetType.Distill)] // top level only
    [InlineData("dataset_type: rl\ndataset_type: sft\n", RnDatasetType.Sft)] // PyYAML keeps the last of equal keys
    [InlineData("dataset_type: RL\n", null)] // M:40-44: exact, case-sensitive
    [InlineData("dataset_type: null\n", null)]
    [InlineData("[rl]\n", null)]
    [InlineData("dataset_type: [unclosed\n", null)]
    public void Dataset_type_is_read_from_config_yml_as_pyyaml_reads_it(string yaml, RnDatasetType? expected) =>
        Assert.Equal(expected, RnDatasetTypes.FromYaml(yaml));

    [Fact]
    public void A_repeated_dataset_type_key_chooses_the_rows_model_by_its_last_value()
    {
        var result = new Support.ProjectFiles().File("config.yml", "dataset_type: rl\ndataset_type: midtrain\n").File("rewards.py", RnProject.Rewards)
            .Lines("train.jsonl", RnProject.MidtrainRow).Check();

        result.RowsClean();
    }

    [Fact]
    public void Without_a_dataset_type_rows_are_checked_as_messages_entries_and_an_info_says_so()
    {
        var result = new Support.ProjectFiles().File("rewards.py", RnProject.Rewards).Lines("train.jsonl", RnProject.SftRow).Check();

        result.RowsClean();
        Assert.Equal(Severity.Info, result.Single("RLENV2349").Severity);
    }

    // ---- 2. train.jsonl gaps.

    [Theory]
    [InlineData("", true)] // C:2094-2098 "train.jsonl is empty - please add training examples"
    [InlineData("\n  \n\t\n", false)] // C:535-536 "File contains no valid JSON lines"
    public void Empty_train_jsonl_is_refused(string content, bool zeroBytes)
    {
        var error = RnProject.Of("rl").File("train.jsonl", content).Check().Single("RLENV2344");

        Assert.Equal((Severity.Error, "train.jsonl"), (error.Severity, error.File));
        Assert.Contains(zeroBytes ? "is empty" : "only blank lines", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"role\":\"assistant\",\"content\":null}", "content is null")] // M:137 content: str | list, null refused
    [InlineData("{\"role\":\"assistant\",\"content\":5}", "content is a number")]
    [InlineData("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"web_search\",\"arguments\":\"{}\"}}]}", "has tool_calls but no 'content'")] // required even beside tool_calls
    [InlineData("{\"role\":\"assistant\"}", "has no 'content'")]
    [InlineData("{\"role\":\"User\",\"content\":\"x\"}", "role is 'User'")] // M:136 Literal, exact case
    [InlineData("{\"content\":\"x\"}", "has no string 'role'")]
    [InlineData("\"hello\"", "must be an object")]
    public void Message_rnow_refuses_is_an_error(string message, string expected)
    {
        var row = "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}," + message + "]}";

        var error = RnProject.Of("sft", RnProject.SftRow, row).Check().Single("RLENV2342");

        Assert.Equal((Severity.Error, 2), (error.Severity, error.Line));
        Assert.Contains("messages.1", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void List_content_and_empty_string_content_pass()
    {
        // M:137 content: str | list (list[Any]): images for VL models; "" is a valid str.
        RnProject.Of("sft", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]},{\"role\":\"assistant\",\"content\":\"\"}]}")
            .Check().RowsClean();
    }

    [Theory]
    [InlineData("\"docker\":123")] // M:148 docker: str | None
    [InlineData("\"docker\":true")]
    [InlineData("\"docker\":\"img\",\"docker_env\":{\"PORT\":8080}")] // M:149 dict[str, str]
    [InlineData("\"docker\":\"img\",\"docker_env\":[\"A=1\"]")]
    public void Docker_fields_of_the_wrong_type_are_refused(string fields)
    {
        var row = "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"accuracy\"],\"tools\":[]," + fields + "}";

        var error = RnProject.Of("rl", RnProject.RlRow, row).Check().Single("RLENV2343");

        Assert.Equal((Severity.Error, 2), (error.Severity, error.Line));
    }

    // ---- 3. False errors removed.

    [Fact]
    public void Null_metadata_variables_tools_and_docker_are_allowed()
    {
        // M:146-151: tools, docker, docker_env, metadata and variables are all "| None".
        RnProject.Of("rl", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"accuracy\"],\"metadata\":null,\"variables\":null,\"tools\":null,\"docker\":null,\"docker_env\":null}")
            .File("tools.py", RnProject.PlainTools).Check().RowsClean();
    }

    [Fact]
    public void Empty_docker_env_and_docker_cmd_without_docker_are_allowed()
    {
        // M:159-164: `if self.docker_env and not self.docker` tests truthiness; docker_cmd is no field (extra="allow").
        RnProject.Of("rl", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"accuracy\"],\"tools\":[],\"docker_env\":{},\"docker_cmd\":[\"python\",\"x.py\"]}")
            .Check().RowsClean();
    }

    [Theory]
    [InlineData("")] // no docker
    [InlineData(",\"docker\":\"\"")] // a falsy docker
    public void Docker_env_with_variables_still_needs_a_docker_image(string docker)
    {
        var row = "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"accuracy\"],\"tools\":[],\"docker_env\":{\"A\":\"1\"}" + docker + "}";

        var error = RnProject.Of("rl", RnProject.RlRow, row).Check().Single("RLENV2307");

        Assert.Contains("docker_env requires docker field to be set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewards_in_an_sft_entry_without_rewards_py_are_allowed()
    {
        // C:2273-2297: validate_reward_references runs only for dataset_type rl.
        var result = new Support.ProjectFiles().File("config.yml", RnProject.Config("sft"))
            .Lines("train.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\"y\"}],\"rewards\":[\"quality\"]}")
            .Check();

        result.RowsClean();
    }

    [Fact]
    public void Reward_names_are_still_checked_for_rl()
    {
        // C:166-202 validate_reward_references.
        var error = RnProject.Of("rl", RnProject.RlRow, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"acuracy\"],\"tools\":[]}").Check().Single("RLENV2304");

        Assert.Equal(2, error.Line);
        Assert.Contains("(defined: accuracy, code_runs)", error.Message, StringComparison.Ordinal);
    }

    // ---- 4. Guide rules rnow's code does not check: kept, and each message says so.

    [Theory]
    [InlineData("{\"messages\":[{\"role\":\"assistant\",\"content\":\"x\"}],\"rewards\":[\"accuracy\"],\"tools\":[]}", "RLENV2302")] // G:27,160
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"system\",\"content\":\"late\"}],\"rewards\":[\"accuracy\"],\"tools\":[]}", "RLENV2303")] // G:26,160
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"accuracy\"],\"tools\":[\"web_serch\"]}", "RLENV2305")] // G:158
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"web_search\",\"arguments\":{\"q\":1}}}]}],\"rewards\":[\"accuracy\"],\"tools\":[]}", "RLENV2346")] // G:73
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"code_runs\"],\"tools\":[]}", "RLENV2306")] // G:100,159; C:1571 multi-model only
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"accuracy\"],\"tools\":[\"execute_python\"]}", "RLENV2306")]
    public void Guide_must_rules_are_errors_that_say_rnow_run_does_not_check_them(string row, string code)
    {
        var error = RnProject.Of("rl", RnProject.RlRow, row).Check().Single(code);

        Assert.Equal((Severity.Error, 2), (error.Severity, error.Line));
        Assert.Contains(GuideOnly, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"role\":\"tool\",\"content\":\"r\"}")]
    [InlineData("{\"role\":\"tool\",\"tool_call_id\":\"nope\",\"content\":\"r\"}")]
    public void Tool_result_without_its_call_is_a_warning_since_the_guide_does_not_say_must(string result)
    {
        // G:75 "Tool results use role: tool with matching tool_call_id": a description, no "must".
        var row = "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}," + result + "]}";

        var warning = RnProject.Of("sft", RnProject.SftRow, row).Check().Single("RLENV2347");

        Assert.Equal((Severity.Warning, 2), (warning.Severity, warning.Line));
        Assert.Contains("`rnow run` itself does not check this today, but the trainer relies on it", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sandbox_tool_reachable_only_through_an_omitted_tools_is_a_warning()
    {
        // G:92 says an entry without tools gets every tool; C:461 counts none. The two disagree: a warning.
        var result = RnProject.Of("rl", RnProject.RlRow, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"accuracy\"]}").Check();

        var warning = result.Single("RLENV2345");
        Assert.Equal((Severity.Warning, 2), (warning.Severity, warning.Line));
        Assert.Contains("execute_python", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "RLENV2306");
    }

    [Theory]
    [InlineData("sft")]
    [InlineData("midtrain")]
    public void Types_without_rollouts_get_no_omitted_tools_warning(string type)
    {
        var row = type == "midtrain" ? RnProject.MidtrainRow : RnProject.SftRow;

        RnProject.Of(type, row).Check().RowsClean();
    }

    [Fact]
    public void A_docker_image_answers_both_sandbox_rules()
    {
        RnProject.Of("rl", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"rewards\":[\"code_runs\"],\"docker\":\"python:3.11-slim\"}").Check().RowsClean();
    }

    [Fact]
    public void Every_line_is_checked_not_only_the_first_50_valid_ones()
    {
        // C:531-533 stops after 50 valid lines; RlEnv reads the whole file (README).
        var rows = Enumerable.Repeat(RnProject.RlRow, 60).Append("{\"messages\":[{\"role\":\"user\",\"content\":null}],\"rewards\":[\"accuracy\"],\"tools\":[]}").ToArray();

        Assert.Equal(61, RnProject.Of("rl", rows).Check().Single("RLENV2342").Line);
    }
}
