using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.ReinforceNow;

namespace RlEnv.Core.Tests.Platforms.ReinforceNow;

/// <summary>
/// config.yml as `rnow run` checks it (rnow/cli/commands.py run: yaml.safe_load at C:1896, ProjectConfig(**config_data)
/// at C:1994; rnow/models.py M:328-611, reinforcenow-cli 0.4.37). Each case states rnow's verdict, worked out from
/// the models and PyYAML's YAML 1.1 rules, and checks RlEnv's finding lands at the value's line and column.
/// </summary>
public class RnConfigSchemaTests
{
    // Lines: 1 project_id, 2 dataset_type, 3 data:, 4 batch_size, 5 model:, 6 path, 7 trainer:, 8 num_epochs, 9+ extra.
    internal static string Config(string data = "  batch_size: 4", string model = "  path: Qwen/Qwen3-8B", string trainer = "  num_epochs: 1",
        string top = "project_id: p1\ndataset_type: rl", string extra = "") =>
        $"{top}\ndata:\n{data}\nmodel:\n{model}\ntrainer:\n{trainer}\n{extra}";

    internal static IReadOnlyList<Diagnostic> Check(string yaml)
    {
        var bag = new DiagnosticBag();
        RnConfigFile.CheckYaml(Encoding.UTF8.GetBytes(yaml), bag);
        return bag.ToSortedList();
    }

    private static List<Diagnostic> Errors(string yaml) => [.. Check(yaml).Where(d => d.Severity == Severity.Error)];

    private static void AssertOneError(string yaml, DiagnosticDescriptor code, int line, int column, string? says = null)
    {
        var error = Assert.Single(Errors(yaml));
        Assert.Equal((code.Code, "config.yml", line, column), (error.Code, error.File, error.Line, error.Column));
        if (says is not null)
        {
            Assert.Contains(says, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_smallest_config_rnow_accepts_has_no_finding()
    {
        // M:530-536: dataset_type, data.batch_size, model.path and trainer.num_epochs are all ProjectConfig requires.
        Assert.Empty(Check(Config()));
    }

    [Fact]
    public void Every_documented_field_in_its_own_type_is_accepted()
    {
        // M:328-540, every field of every model, values of the declared types (the guide's "Full RL Config" and more).
        var yaml = Config(
            top: "project_id: p1\nproject_name: \"x\"\ndescription: null\ndataset_type: rl",
            data: "  train_file: train.jsonl\n  batch_size: 32\n  group_size: 64\n  val_split: 0",
            model: "  path: Qwen/Qwen3-30B-A3B\n  qlora_rank: 64\n  qlora_alpha: 1000\n  name: n\n  description: d\n  _baseModelName: b\n  resolved_checkpoint_path: c\n  _resolvedSamplerCheckpointPath: s",
            trainer: "  num_epochs: 1\n  learning_rate: .inf\n  save_step: -1\n  max_billing: 0.5",
            extra: "algorithm:\n  loss_fn: importance_sampling\n  adv_estimator: reinforce\n  kl_penalty_coef: 0\n"
                + "rollout:\n  max_turns: 1\n  max_context_window: 999999\n  termination_policy: max_turns\n  reasoning_mode: none\n  mcp_url: [a, b]\n"
                + "  tool_timeout: 1\n  reward_timeout: 1\n  max_tool_response: null\n  include_thinking: on\n  rollout_timeout: 5\n"
                + "evals:\n  - eval_id: e\n    step: 1\n    name: MATH\n    pass1: yes\n    pass4: null\n    pass8: 0\n    pass1_temp: 0\n    pass4_temp: null\n    pass8_temp: 1.5\n");

        Assert.Empty(Errors(yaml));
    }

    [Theory]
    // extra="forbid" on every model (M:331, 357, 394, 417, 427, 477, 504, 525): rnow prints "Unknown field (typo?)".
    [InlineData("bacth_size: 4", 9, 1, "Did you mean data.batch_size?")]
    [InlineData("learning_rate: 0.1", 9, 1, "belongs under trainer")]
    [InlineData("dataset_id: x", 9, 1, "legacy field")]
    [InlineData("epochs: 3", 9, 1, "Did you mean trainer.num_epochs?")]
    [InlineData("name: x", 9, 1, "Did you mean project_name?")]
    [InlineData("data2: {}", 9, 1, "Allowed at the top level: project_id, project_name, description, dataset_type, organization_id, data, model, trainer, algorithm, rollout, teacher, evals.")]
    [InlineData("rollout:\n  max_turn: 3", 10, 3, "Did you mean rollout.max_turns?")]
    [InlineData("evals:\n  - {eval_id: e, step: 1, stp: 2}", 10, 27, "Allowed in an evals item")]
    [InlineData("teacher:\n  path: Qwen/Qwen3-32B\n  agentc: true", 11, 3, "Did you mean teacher.agentic?")]
    public void An_unknown_key_at_any_level_is_an_error_with_a_suggestion(string extra, int line, int column, string says) =>
        AssertOneErrorIgnoringTeacherRule(Config(extra: extra + "\n"), line, column, says);

    [Theory]
    // DataConfig (M:331) and ModelConfig (M:357) forbid extra keys too.
    [InlineData("  batch_size: 4\n  bacth_size: 4", "  path: Qwen/Qwen3-8B", 5, 3, "data.bacth_size: Extra inputs are not permitted. ", "Did you mean data.batch_size?")]
    [InlineData("  batch_size: 4", "  path: Qwen/Qwen3-8B\n  lora_rank: 8", 7, 3, "model.lora_rank: Extra inputs are not permitted. ", "Did you mean model.qlora_rank?")]
    public void An_unknown_key_inside_data_or_model_is_an_error_too(string data, string model, int line, int column, string location, string suggestion)
    {
        var error = Assert.Single(Errors(Config(data: data, model: model)));
        Assert.Equal((DiagnosticCatalog.RnConfigUnknownKey.Code, line, column), (error.Code, error.Line, error.Column));
        Assert.StartsWith(location, error.Message, StringComparison.Ordinal);
        Assert.Contains(suggestion, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Required fields (M:530-536, 334, 359, 396, 479-480, 506); a missing section is one error at the top, line 1.
    [InlineData("project_id: p1\ndata:\n  batch_size: 4\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer:\n  num_epochs: 1\n", "dataset_type", 1, 1)]
    [InlineData("project_id: p1\ndataset_type: rl\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer:\n  num_epochs: 1\n", "data", 1, 1)]
    [InlineData("project_id: p1\ndataset_type: rl\ndata:\n  batch_size: 4\ntrainer:\n  num_epochs: 1\n", "model", 1, 1)]
    [InlineData("project_id: p1\ndataset_type: rl\ndata:\n  batch_size: 4\nmodel:\n  path: Qwen/Qwen3-8B\n", "trainer", 1, 1)]
    [InlineData("project_id: p1\ndataset_type: rl\ndata:\n  group_size: 4\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer:\n  num_epochs: 1\n", "data.batch_size", 3, 1)]
    [InlineData("project_id: p1\ndataset_type: rl\ndata:\n  batch_size: 4\nmodel:\n  qlora_rank: 8\ntrainer:\n  num_epochs: 1\n", "model.path", 5, 1)]
    [InlineData("project_id: p1\ndataset_type: rl\ndata:\n  batch_size: 4\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer:\n  learning_rate: 0.1\n", "trainer.num_epochs", 7, 1)]
    [InlineData("project_id: p1\ndataset_type: distill\ndata:\n  batch_size: 4\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer:\n  num_epochs: 1\nteacher:\n  agentic: true\n", "teacher.path", 9, 1)]
    [InlineData("project_id: p1\ndataset_type: rl\ndata:\n  batch_size: 4\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer:\n  num_epochs: 1\nevals:\n  - eval_id: e\n", "evals.0.step", 10, 5)]
    public void A_missing_required_field_is_reported_at_the_mapping_that_lacks_it(string yaml, string location, int line, int column) =>
        AssertOneError(yaml, DiagnosticCatalog.RnConfigFieldRequired, line, column, $"{location}: Field required");

    [Theory]
    // DatasetType (M:40-44): exact, case-sensitive; pydantic "enum".
    [InlineData("RL", "(got 'RL')")]
    [InlineData("reinforce", "Input should be 'sft', 'rl', 'distill' or 'midtrain'")]
    [InlineData("5", "(got 5)")]
    [InlineData("", "(got None)")]
    public void Dataset_type_is_one_of_four_exact_words(string value, string says) =>
        AssertOneError(Config(top: $"project_id: p1\ndataset_type: {value}"), DiagnosticCatalog.RnDatasetType, 2, value.Length == 0 ? 14 : 15, says);

    [Theory]
    // str fields take no number, bool or date (pydantic string_type); PyYAML types the plain scalar first.
    [InlineData("project_id: 12345\ndataset_type: rl", 1, 13, "YAML reads 12345 as a number")]
    [InlineData("project_id: yes\ndataset_type: rl", 1, 13, "YAML 1.1 (PyYAML) reads yes as a boolean")]
    [InlineData("project_id: p1\nproject_name: 2024-01-01\ndataset_type: rl", 2, 15, "reads 2024-01-01 as a date")]
    [InlineData("project_id: p1\ndescription: 5\ndataset_type: rl", 2, 14, "(got 5)")]
    [InlineData("project_id: p1\norganization_id: 7\ndataset_type: rl", 2, 18, "organization_id: Input should be a valid string")]
    public void A_string_field_refuses_what_YAML_reads_as_a_number_boolean_or_date(string top, int line, int column, string says) =>
        AssertOneError(Config(top: top), DiagnosticCatalog.RnConfigFieldType, line, column, says);

    [Theory]
    // pydantic lax int: "5", 5.0, True and 1_000-style strings pass; PyYAML makes 010 octal and 12:30 base 60.
    [InlineData("\"5\"")]
    [InlineData("5.0")]
    [InlineData("true")]
    [InlineData("\" 7 \"")]
    [InlineData("010")]
    [InlineData("0x10")]
    [InlineData("\"3.00\"")]
    public void An_integer_field_takes_what_pydantic_coerces(string value) =>
        Assert.Empty(Errors(Config(data: $"  batch_size: {value}")));

    [Theory]
    [InlineData("5.5", "got a number with a fractional part")]
    [InlineData("1e1", "unable to parse string as an integer (got '1e1')")]
    [InlineData("\"3.\"", "unable to parse string as an integer")]
    [InlineData(".nan", "Input should be a finite number")]
    [InlineData("null", "Input should be a valid integer (got None)")]
    [InlineData("[4]", "Input should be a valid integer")]
    public void An_integer_field_refuses_what_pydantic_refuses(string value, string says) =>
        AssertOneError(Config(data: $"  batch_size: {value}"), DiagnosticCatalog.RnConfigFieldType, 4, 15, says);

    [Theory]
    // PyYAML: 1e-4 (no dot) is the string "1e-4", which pydantic's float still parses; "abc" and "1,5" it does not.
    [InlineData("1e-4", true)]
    [InlineData("1.0e-4", true)]
    [InlineData("\"inf\"", true)]
    [InlineData("true", true)]
    [InlineData("abc", false)]
    [InlineData("\"1,5\"", false)]
    public void A_float_field_takes_PyYAML_strings_that_pydantic_parses(string value, bool accepted)
    {
        var errors = Errors(Config(trainer: $"  num_epochs: 1\n  learning_rate: {value}"));
        Assert.Equal(accepted, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal((DiagnosticCatalog.RnConfigFieldType.Code, 9, 18), (e.Code, e.Line, e.Column)));
    }

    [Theory]
    // pydantic lax bool: yes/on/t/y/1 and their negatives in any case, 0/1 numbers; 2, "" and null fail.
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("\"t\"", true)]
    [InlineData("\"Y\"", true)]
    [InlineData("1", true)]
    [InlineData("0.0", true)]
    [InlineData("2", false)]
    [InlineData("\"\"", false)]
    [InlineData("\"yes \"", false)]
    [InlineData("null", false)]
    public void A_boolean_field_takes_pydantic_words(string value, bool accepted)
    {
        var errors = Errors(Config(extra: $"rollout:\n  include_thinking: {value}\n"));
        Assert.Equal(accepted, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal((DiagnosticCatalog.RnConfigFieldType.Code, 10, 21), (e.Code, e.Line, e.Column)));
    }

    [Theory]
    // Field limits (M:334-336, 363-364, 421, 429-471, 480-498, 506-519).
    [InlineData("  batch_size: 0", "", "", 4, 15, "data.batch_size: Input should be greater than 0")]
    [InlineData("  batch_size: 33", "", "", 4, 15, "less than or equal to 32 (got 33). Maximum batch_size is 32.")]
    [InlineData("  batch_size: 4\n  group_size: 65", "", "", 5, 15, "Maximum group_size is 64")]
    [InlineData("  batch_size: 4\n  val_split: 1.5", "", "", 5, 14, "less than or equal to 1")]
    [InlineData("  batch_size: 4\n  val_split: -0.1", "", "", 5, 14, "greater than or equal to 0")]
    [InlineData("", "  num_epochs: 1\n  learning_rate: 0", "", 9, 18, "trainer.learning_rate: Input should be greater than 0")]
    [InlineData("", "  num_epochs: 1\n  learning_rate: .nan", "", 9, 18, "(got nan)")]
    [InlineData("", "  num_epochs: 0", "", 8, 15, "trainer.num_epochs")]
    [InlineData("", "  num_epochs: 1\n  save_step: -2", "", 9, 14, "greater than or equal to -1")]
    [InlineData("", "  num_epochs: 1\n  max_billing: 0", "", 9, 16, "trainer.max_billing")]
    [InlineData("", "", "algorithm:\n  kl_penalty_coef: -0.1", 10, 20, "greater than or equal to 0")]
    [InlineData("", "", "rollout:\n  max_turns: 0", 10, 14, "rollout.max_turns")]
    [InlineData("", "", "rollout:\n  rollout_timeout: 0", 10, 20, "rollout.rollout_timeout")]
    [InlineData("", "", "evals:\n  - {eval_id: e, step: 0}", 10, 24, "evals.0.step")]
    [InlineData("", "", "evals:\n  - {eval_id: e, step: 1, pass4_temp: -1}", 10, 39, "evals.0.pass4_temp")]
    public void A_number_outside_its_limits_is_an_error(string data, string trainer, string extra, int line, int column, string says) =>
        AssertOneError(Config(data: data.Length == 0 ? "  batch_size: 4" : data, trainer: trainer.Length == 0 ? "  num_epochs: 1" : trainer, extra: extra + "\n"),
            DiagnosticCatalog.RnConfigFieldRange, line, column, says);

    [Theory]
    [InlineData("0")]
    [InlineData("\"0\"")]
    [InlineData("false")]
    public void Save_step_zero_is_refused_by_rnows_own_validator(string value) =>
        // TrainerConfig.save_step_not_zero (M:510-517).
        AssertOneError(Config(trainer: $"  num_epochs: 1\n  save_step: {value}"), DiagnosticCatalog.RnConfigSaveStep, 9, 14, "save_step cannot be 0");

    [Theory]
    // Literals (M:419-420, 435-443): exact, case-sensitive. `off` is YAML 1.1 false; `none` stays the string "none".
    [InlineData("algorithm:\n  loss_fn: PPO", 12, "Input should be 'ppo' or 'importance_sampling' (got 'PPO'). Did you mean 'ppo'?")]
    [InlineData("algorithm:\n  adv_estimator: ppo", 18, "Input should be 'grpo', 'gae' or 'reinforce'")]
    [InlineData("rollout:\n  termination_policy: maxturns", 23, "'max_turns' or 'last_tool'")]
    [InlineData("rollout:\n  reasoning_mode: off", 19, "reads off as a boolean")]
    [InlineData("rollout:\n  reasoning_mode: High", 19, "Did you mean 'high'?")]
    public void A_choice_field_takes_only_its_exact_words(string extra, int column, string says) =>
        AssertOneError(Config(extra: extra + "\n"), DiagnosticCatalog.RnConfigChoice, 10, column, says);

    [Theory]
    [InlineData("none")]
    [InlineData("null")]
    [InlineData("xhigh")]
    [InlineData("minimal")]
    public void Reasoning_mode_takes_the_codes_seven_words_and_null(string value) =>
        // M:436-443 (the guide lists only null, disabled, low, medium, high).
        Assert.Empty(Errors(Config(extra: $"rollout:\n  reasoning_mode: {value}\n")));

    [Theory]
    // SUPPORTED_MODELS_SET (M:209-237), checked only for a path with "/" (M:595-602).
    [InlineData("Qwen/Qwen3-4B", null)]
    [InlineData("qwen/qwen3-8b", "Did you mean Qwen/Qwen3-8B?")]
    [InlineData("meta-llama/Llama-3.1-8b-instruct", "Did you mean meta-llama/Llama-3.1-8B-Instruct?")]
    public void A_model_path_with_a_slash_must_be_a_supported_model(string path, string? suggestion)
    {
        var error = Assert.Single(Errors(Config(model: $"  path: {path}")));
        Assert.Equal((DiagnosticCatalog.RnModelNotSupported.Code, 6, 9), (error.Code, error.Line, error.Column));
        Assert.StartsWith($"Unsupported model: {path}. Supported models: Qwen/Qwen3-235B-A22B-Instruct-2507, ", error.Message, StringComparison.Ordinal);
        Assert.Equal(suggestion is not null, error.Message.Contains(suggestion ?? "Did you mean", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("acfa2862-23a9-4e65-ab68-b9b2698b0e75")]
    [InlineData("gpt-5-nano")]
    public void A_model_path_without_a_slash_is_an_rnow_model_id_and_is_not_checked(string path) =>
        Assert.Empty(Errors(Config(model: $"  path: {path}")));

    [Fact]
    public void The_catalog_holds_the_21_models_and_their_maximum_ranks()
    {
        // M:209-237 and M:301-325.
        Assert.Equal(21, RnModelCatalog.Supported.Count);
        Assert.Equal(
            [32, 32, 32, 64, 64, 64, 64, 64, 64, 64, 64, 128, 128, 128],
            new[]
            {
                "openai/gpt-oss-120b", "openai/gpt-oss-20b", "moonshotai/Kimi-K2-Thinking", "Qwen/Qwen3-235B-A22B-Instruct-2507", "Qwen/Qwen3-VL-235B-A22B-Instruct",
                "Qwen/Qwen3-30B-A3B-Instruct-2507", "Qwen/Qwen3-VL-30B-A3B-Instruct", "Qwen/Qwen3-30B-A3B", "Qwen/Qwen3-30B-A3B-Base", "deepseek-ai/DeepSeek-V3.1",
                "deepseek-ai/DeepSeek-V3.1-Base", "Qwen/Qwen3-8B", "meta-llama/Llama-3.2-1B", "some-id",
            }.Select(RnModelCatalog.MaxRank));
    }

    [Theory]
    // get_max_lora_rank with validate_config (M:604-609): rank above the model's maximum.
    [InlineData("openai/gpt-oss-20b", 32, true)]
    [InlineData("openai/gpt-oss-20b", 33, false)]
    [InlineData("Qwen/Qwen3-30B-A3B", 64, true)]
    [InlineData("Qwen/Qwen3-30B-A3B", 65, false)]
    [InlineData("Qwen/Qwen3-8B", 128, true)]
    [InlineData("Qwen/Qwen3-8B", 129, false)]
    [InlineData("my-model-id", 500, true)]
    public void Qlora_rank_is_capped_per_model(string path, int rank, bool accepted)
    {
        var errors = Errors(Config(model: $"  path: {path}\n  qlora_rank: {rank}"));
        Assert.Equal(accepted, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal((DiagnosticCatalog.RnQloraRank.Code, 7, 15, $"qlora_rank {rank} exceeds maximum {rank - 1} for model {path}."),
            (e.Code, e.Line, e.Column, e.Message[..e.Message.IndexOf(". ", StringComparison.Ordinal)] + ".")));
    }

    [Fact]
    public void The_default_rank_of_32_fits_every_model() =>
        // qlora_rank defaults to 32 (M:363): the smallest maximum.
        Assert.Empty(Errors(Config(model: "  path: moonshotai/Kimi-K2-Thinking")));

    [Theory]
    [InlineData("  qlora_rank: 0")]
    [InlineData("  qlora_alpha: 0")]
    public void Qlora_rank_and_alpha_are_at_least_one(string line) =>
        // M:363-364: ge=1.
        AssertOneError(Config(model: $"  path: Qwen/Qwen3-8B\n{line}"), DiagnosticCatalog.RnConfigFieldRange, 7, 16 - (line.Contains("rank", StringComparison.Ordinal) ? 1 : 0));

    [Fact]
    public void Distill_without_a_teacher_is_refused_at_dataset_type()
    {
        // validate_config (M:558-561).
        AssertOneError(Config(top: "project_id: p1\ndataset_type: distill"), DiagnosticCatalog.RnTeacherRequired, 2, 15, "dataset_type: distill requires 'teacher' section");
        AssertOneError(Config(top: "project_id: p1\ndataset_type: distill", extra: "teacher: null\n"), DiagnosticCatalog.RnTeacherRequired, 2, 15);
    }

    [Theory]
    // validate_config (M:552-556, 573-577, 584-588): each type's own sentence.
    [InlineData("rl", "For RL training, remove the 'teacher' section")]
    [InlineData("sft", "For SFT training, remove the 'teacher' section")]
    [InlineData("midtrain", "'teacher' is not available for dataset_type: midtrain")]
    public void A_teacher_outside_distill_is_refused(string type, string says) =>
        AssertOneError(Config(top: $"project_id: p1\ndataset_type: {type}", extra: "teacher:\n  path: Qwen/Qwen3-32B\n"), DiagnosticCatalog.RnTeacherRefused, 9, 1, says);

    [Fact]
    public void A_teacher_must_be_a_supported_model_even_without_a_slash()
    {
        // TeacherConfig.validate_teacher_path (M:402-411): no "/" exemption, unlike model.path.
        AssertOneError(Config(top: "project_id: p1\ndataset_type: distill", extra: "teacher:\n  path: gpt-4o\n"), DiagnosticCatalog.RnTeacherModel, 10, 9,
            "Unsupported teacher model: gpt-4o. On-policy distillation requires a supported HuggingFace model ID.");
        Assert.Empty(Errors(Config(top: "project_id: p1\ndataset_type: distill", extra: "teacher:\n  path: Qwen/Qwen3-32B\n  agentic: yes\n")));
    }

    [Fact]
    public void A_null_teacher_counts_as_none_for_rl() =>
        // teacher: TeacherConfig | None (M:539): null is None, so rl has no teacher.
        Assert.Empty(Errors(Config(extra: "teacher: null\n")));

    [Theory]
    // evals: list[EvalTriggerConfig] (M:540): a list; null and a mapping are list_type.
    [InlineData("evals: null", "evals: Input should be a valid list (got None)")]
    [InlineData("evals: {eval_id: e, step: 1}", "evals: Input should be a valid list")]
    public void Evals_must_be_a_list(string extra, string says) =>
        AssertOneError(Config(extra: extra + "\n"), DiagnosticCatalog.RnConfigFieldType, 9, 8, says);

    [Theory]
    // mcp_url: str | list[str] | None (M:444-447).
    [InlineData("http://x", true, 0)]
    [InlineData("[a, b]", true, 0)]
    [InlineData("[a, 1]", false, 16)]
    [InlineData("5", false, 12)]
    public void Mcp_url_is_a_string_or_a_list_of_strings(string value, bool accepted, int column)
    {
        var errors = Errors(Config(extra: $"rollout:\n  mcp_url: {value}\n"));
        Assert.Equal(accepted, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal((DiagnosticCatalog.RnConfigFieldType.Code, 10, column), (e.Code, e.Line, e.Column)));
    }

    [Theory]
    // Sections are models: "Input should be a valid dictionary or instance of DataConfig" (model_type).
    [InlineData("data: 5\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer:\n  num_epochs: 1\n", 3, 7, "instance of DataConfig")]
    [InlineData("data:\n  batch_size: 4\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer: []\n", 7, 10, "instance of TrainerConfig")]
    public void A_section_that_is_not_a_mapping_is_a_type_error(string rest, int line, int column, string says) =>
        AssertOneError("project_id: p1\ndataset_type: rl\n" + rest, DiagnosticCatalog.RnConfigFieldType, line, column, says);

    [Theory]
    // C:1911: config_data.get("model", {}).get("path") runs before pydantic, so a non-mapping model crashes rnow.
    [InlineData("model: Qwen/Qwen3-8B", "'str' object has no attribute 'get'")]
    [InlineData("model: null", "'NoneType' object has no attribute 'get'")]
    public void A_model_that_is_not_a_mapping_crashes_rnow(string model, string says) =>
        AssertOneError($"project_id: p1\ndataset_type: rl\ndata:\n  batch_size: 4\n{model}\ntrainer:\n  num_epochs: 1\n", DiagnosticCatalog.RnConfigCrash, 5, 8, says);

    [Fact]
    public void A_top_level_key_that_is_not_a_string_crashes_rnow() =>
        // ProjectConfig(**config_data) at C:1994: "TypeError: keywords must be strings".
        AssertOneError(Config(extra: "1: x\n"), DiagnosticCatalog.RnConfigCrash, 9, 1, "TypeError: keywords must be strings");

    [Fact]
    public void A_list_of_models_is_one_run_per_model_with_every_path_checked()
    {
        // C:1911-1922: a list of two or more paths compares qlora_rank with each model, then validates each run.
        var findings = Check(Config(model: "  path: [Qwen/Qwen3-8B, Qwen/Qwen3-30B-A3B, Qwen/Qwen3-4B]\n  qlora_rank: 128"));

        Assert.Equal(DiagnosticCatalog.RnMultiModel.Code, Assert.Single(findings, d => d.Severity == Severity.Info).Code);
        var rank = Assert.Single(findings, d => d.Code == DiagnosticCatalog.RnQloraRank.Code);
        Assert.Equal("qlora_rank 128 exceeds maximum 64 for model Qwen3-30B-A3B. Set qlora_rank to 64 or lower to train all models.", rank.Message);
        var unsupported = Assert.Single(findings, d => d.Code == DiagnosticCatalog.RnModelNotSupported.Code);
        Assert.Equal((6, 45), (unsupported.Line, unsupported.Column));
    }

    [Fact]
    public void A_list_of_one_model_is_validated_as_a_single_path_and_refused() =>
        // len(list) > 1 is the multi-model test (C:1913); one item falls through to pydantic: string_type.
        AssertOneError(Config(model: "  path: [Qwen/Qwen3-8B]"), DiagnosticCatalog.RnConfigFieldType, 6, 9, "model.path: Input should be a valid string");

    [Fact]
    public void A_multi_model_qlora_rank_that_is_not_a_number_crashes_rnow() =>
        // C:1915: `qlora_rank > max_rank` on the raw value; a string raises TypeError.
        AssertOneError(Config(model: "  path: [Qwen/Qwen3-8B, Qwen/Qwen3-32B]\n  qlora_rank: \"32\""), DiagnosticCatalog.RnConfigCrash, 7, 15, "TypeError");

    [Theory]
    // rnow/cli/commands.py run (C:2012-2020) refuses a missing or empty project_id ("Missing project_id in config.yml")
    // before anything is uploaded; `rnow init` writes one (C:1353-1363). Failed before: a warning, so 0 errors for a
    // project `rnow run` refuses (differential cases cfg-empty-project-id, cfg-missing-project-id).
    [InlineData("project_id: \"\"\ndataset_type: rl", 1, 13)]
    [InlineData("dataset_type: rl", 1, 1)]
    public void An_empty_or_missing_project_id_is_an_error(string top, int line, int column)
    {
        var error = Assert.Single(Check(Config(top: top)));
        Assert.Equal((DiagnosticCatalog.RnProjectIdEmpty.Code, Severity.Error, line, column), (error.Code, error.Severity, error.Line, error.Column));
    }

    [Fact]
    public void Organization_id_is_accepted_and_said_to_be_ignored()
    {
        // M:531 accepts it; run overwrites it from the CLI login (C:2003-2010).
        var info = Assert.Single(Check(Config(top: "project_id: p1\norganization_id: org_1\ndataset_type: rl")));
        Assert.Equal((DiagnosticCatalog.RnOrganizationFromLogin.Code, Severity.Info, 2, 18), (info.Code, info.Severity, info.Line, info.Column));
    }

    [Fact]
    public void A_train_file_other_than_train_jsonl_is_a_warning_since_rnow_never_reads_it()
    {
        // DataConfig.train_file (M:333) is never used: run always opens dir / "train.jsonl" (C:2082, C:2117).
        var warning = Assert.Single(Check(Config(data: "  train_file: data/other.jsonl\n  batch_size: 4")));
        Assert.Equal((DiagnosticCatalog.RnTrainFileSetting.Code, 4, 15), (warning.Code, warning.Line, warning.Column));
    }

    [Theory]
    [InlineData("sft")]
    [InlineData("midtrain")]
    public void Algorithm_and_rollout_are_validated_then_dropped_for_sft_and_midtrain(string type)
    {
        // validate_config sets them to None (M:579-580, 590-591), after validating them.
        var yaml = Config(top: $"project_id: p1\ndataset_type: {type}", extra: "algorithm:\n  loss_fn: ppo\nrollout:\n  max_turns: 0\n");
        Assert.Equal(DiagnosticCatalog.RnConfigFieldRange.Code, Assert.Single(Errors(yaml)).Code);
        Assert.Equal(2, Check(yaml).Count(d => d.Code == DiagnosticCatalog.RnSectionUnused.Code));
    }

    private static void AssertOneErrorIgnoringTeacherRule(string yaml, int line, int column, string says)
    {
        var error = Assert.Single(Errors(yaml), e => e.Code != DiagnosticCatalog.RnTeacherRefused.Code);
        Assert.Equal((DiagnosticCatalog.RnConfigUnknownKey.Code, line, column), (error.Code, error.Line, error.Column));
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }
}
