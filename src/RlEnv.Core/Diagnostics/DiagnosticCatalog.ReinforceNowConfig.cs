namespace RlEnv.Core.Diagnostics;

// ReinforceNow's config.yml / config.json as `rnow run` loads it and ProjectConfig validates it (RLENV2310-2334). A
// message carries rnow's or pydantic's own words where it has them (pydantic's "Input should be ..." with the field's
// dotted location, as format_validation_error prints it), then what RlEnv adds: the value it got, why YAML typed it so,
// a suggestion.
public static partial class DiagnosticCatalog
{
    public static Diagnostic RnConfigYamlNestedTooDeep(string file, int maxDepth, int line, int column) =>
        RnConfigInvalid.At(file, $"Invalid YAML: sequences and mappings nest deeper than {maxDepth} levels here; no config needs that.", line, column);

    /// <param name="file">config.yml.</param>
    /// <param name="detail">What the YAML parser or PyYAML's composer says.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnConfigYamlSyntaxError(string file, string detail, int line, int column) =>
        RnConfigInvalid.At(file, $"Invalid YAML in config file: {detail}. `rnow run` stops here (yaml.safe_load refuses it).", line, column);

    /// <param name="file">config.json.</param>
    /// <param name="detail">json.decoder's message with its position.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnConfigJsonSyntaxError(string file, string detail, int line, int column) =>
        RnConfigInvalid.At(file, $"Invalid JSON in config file: {detail}. `rnow run` stops here (json.load refuses it).", line, column);

    /// <param name="file">The config file.</param>
    /// <param name="pythonType">The Python type the document loaded as (list, str, int, ...).</param>
    public static Diagnostic RnConfigNotMapping(string file, string pythonType) =>
        RnConfigInvalid.At(file, $"{file} must be a mapping of settings, not a {pythonType}: `rnow run` crashes on it (AttributeError: '{pythonType}' object has no attribute 'get') before it checks anything.", 1, 1);

    public static Diagnostic RnConfigFileEmpty(string file) =>
        RnConfigEmpty.At(file,
            $"{file} is empty (or holds only comments, or only null): yaml.safe_load gives None and `rnow run` crashes (AttributeError: 'NoneType' object has no attribute 'get') instead of naming the problem. A config needs at least dataset_type, data.batch_size, model.path and trainer.num_epochs.",
            1, 1);

    /// <param name="file">The config file.</param>
    /// <param name="location">The field's dotted location (data.batch_size).</param>
    /// <param name="expected">What the field takes.</param>
    /// <param name="line">The line of the mapping that lacks it (1 for the top level).</param>
    /// <param name="column">Its column.</param>
    public static Diagnostic RnConfigFieldMissing(string file, string location, string expected, int line, int column) =>
        RnConfigFieldRequired.At(file, $"{location}: Field required (rnow: \"Required field is missing\"); it takes {expected}.", line, column);

    /// <param name="file">The config file.</param>
    /// <param name="location">The field's dotted location.</param>
    /// <param name="pydanticSays">pydantic's message ("Input should be a valid integer, ...").</param>
    /// <param name="got">The value as Python's repr() shows it.</param>
    /// <param name="hint">Why the value has that type, or what the field takes, if RlEnv can tell.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic RnConfigWrongType(string file, string location, string pydanticSays, string got, string? hint, int line, int column) =>
        RnConfigFieldType.At(file, $"{location}: {pydanticSays} (got {got}).{RnTail(hint)}", line, column);

    /// <param name="file">The config file.</param>
    /// <param name="location">The field's dotted location.</param>
    /// <param name="pydanticSays">pydantic's constraint message ("Input should be less than or equal to 32").</param>
    /// <param name="got">The value as Python's repr() shows it.</param>
    /// <param name="rnowHint">rnow's own hint for the field, if it prints one.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic RnConfigOutOfRange(string file, string location, string pydanticSays, string got, string? rnowHint, int line, int column) =>
        RnConfigFieldRange.At(file, $"{location}: {pydanticSays} (got {got}).{RnTail(rnowHint)}", line, column);

    public static Diagnostic RnSaveStepZero(string file, int line, int column) =>
        RnConfigSaveStep.At(file, "trainer.save_step: save_step cannot be 0. Use -1 to save only at the end, or a positive number for periodic saves.", line, column);

    /// <param name="file">The config file.</param>
    /// <param name="location">The field's dotted location.</param>
    /// <param name="pydanticSays">pydantic's literal_error message ("Input should be 'ppo' or 'importance_sampling'").</param>
    /// <param name="got">The value as Python's repr() shows it.</param>
    /// <param name="hint">A close choice or why YAML typed the value so, if any.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic RnConfigChoiceNotAllowed(string file, string location, string pydanticSays, string got, string? hint, int line, int column) =>
        RnConfigChoice.At(file, $"{location}: {pydanticSays} (got {got}).{RnTail(hint)}", line, column);

    /// <param name="file">The config file.</param>
    /// <param name="pydanticSays">pydantic's enum message.</param>
    /// <param name="got">The value as Python's repr() shows it.</param>
    /// <param name="hint">A close choice or why YAML typed the value so, if any.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic RnDatasetTypeNotAllowed(string file, string pydanticSays, string got, string? hint, int line, int column) =>
        RnDatasetType.At(file, $"dataset_type: {pydanticSays} (got {got}).{RnTail(hint)}", line, column);

    /// <param name="file">The config file.</param>
    /// <param name="location">The key's dotted location (data.bacth_size).</param>
    /// <param name="section">The model holding it: "" for the top level, else data, model, evals, ...</param>
    /// <param name="allowed">The keys that model declares.</param>
    /// <param name="advice">RlEnv's suggestion ("did you mean", where the key belongs), if any.</param>
    /// <param name="line">The key's line.</param>
    /// <param name="column">The key's column.</param>
    public static Diagnostic RnConfigKeyNotKnown(string file, string location, string section, IEnumerable<string> allowed, string? advice, int line, int column) =>
        RnConfigUnknownKey.At(file,
            $"{location}: Extra inputs are not permitted. rnow refuses any key its config models do not declare (extra=\"forbid\"; it prints \"Unknown field (typo?)\").{RnTail(advice)} Allowed {(section.Length == 0 ? "at the top level" : section == "evals" ? "in an evals item" : $"in {section}")}: {string.Join(", ", allowed)}.",
            line, column);

    /// <param name="file">The config file.</param>
    /// <param name="path">model.path.</param>
    /// <param name="suggestion">The supported id it most likely means, if any.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic RnModelUnsupported(string file, string path, string? suggestion, int line, int column) =>
        RnModelNotSupported.At(file,
            $"Unsupported model: {path}. Supported models: {string.Join(", ", Platforms.ReinforceNow.RnModelCatalog.Supported)}.{RnTail(suggestion is null ? null : $"Did you mean {suggestion}? Ids are exact and case-sensitive")} (rnow checks only a path with a '/'; one without is an rnow model id the server resolves.)",
            line, column);

    /// <param name="file">The config file.</param>
    /// <param name="rank">qlora_rank as written.</param>
    /// <param name="max">The model's maximum LoRA rank.</param>
    /// <param name="path">The model.</param>
    /// <param name="multiModel">Whether model.path lists several models (rnow's multi-model wording).</param>
    /// <param name="line">The rank's line.</param>
    /// <param name="column">The rank's column.</param>
    public static Diagnostic RnQloraRankTooHigh(string file, string rank, int max, string path, bool multiModel, int line, int column) =>
        RnQloraRank.At(file, multiModel
            ? $"qlora_rank {rank} exceeds maximum {max} for model {path[(path.LastIndexOf('/') + 1)..]}. Set qlora_rank to {max} or lower to train all models."
            : $"qlora_rank {rank} exceeds maximum {max} for model {path}. Different models have different max LoRA ranks (32, 64, or 128).",
            line, column);

    public static Diagnostic RnTeacherMissing(string file, int line, int column) =>
        RnTeacherRequired.At(file, "dataset_type: distill requires 'teacher' section (teacher: with path: one of the supported models, e.g. Qwen/Qwen3-32B).", line, column);

    /// <param name="file">The config file.</param>
    /// <param name="datasetType">rl, sft or midtrain.</param>
    /// <param name="line">The teacher key's line.</param>
    /// <param name="column">Its column.</param>
    public static Diagnostic RnTeacherNotAllowed(string file, string datasetType, int line, int column) =>
        RnTeacherRefused.At(file, datasetType switch
        {
            "midtrain" => "'teacher' is not available for dataset_type: midtrain. For midtrain, remove the 'teacher' section from config.yml.",
            "rl" => "'teacher' is only available for dataset_type: distill. For RL training, remove the 'teacher' section from config.yml.",
            _ => "'teacher' is only available for dataset_type: distill. For SFT training, remove the 'teacher' section from config.yml.",
        }, line, column);

    /// <param name="file">The config file.</param>
    /// <param name="path">teacher.path.</param>
    /// <param name="suggestion">The supported id it most likely means, if any.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic RnTeacherUnsupported(string file, string path, string? suggestion, int line, int column) =>
        RnTeacherModel.At(file,
            $"teacher: Unsupported teacher model: {path}. On-policy distillation requires a supported HuggingFace model ID. Supported models: {string.Join(", ", Platforms.ReinforceNow.RnModelCatalog.Supported)}.{RnTail(suggestion is null ? null : $"Did you mean {suggestion}?")}",
            line, column);

    /// <param name="file">The config file.</param>
    /// <param name="key">The repeated key.</param>
    /// <param name="firstLine">Where it first appears.</param>
    /// <param name="json">Whether the file is config.json (json.load) rather than YAML.</param>
    /// <param name="line">The repeat's line.</param>
    /// <param name="column">The repeat's column.</param>
    public static Diagnostic RnConfigKeyRepeated(string file, string key, int firstLine, bool json, int line, int column) =>
        RnConfigDuplicateKey.At(file,
            $"'{key}' is given again (first on line {firstLine}): {(json ? "json.load" : "PyYAML")} keeps this last value without a word, so the earlier one has no effect. Most other YAML and JSON tools refuse a repeated key; remove one.",
            line, column);

    /// <param name="file">The config file.</param>
    /// <param name="batchSize">data.batch_size.</param>
    /// <param name="samples">How many train.jsonl lines json.loads accepts.</param>
    /// <param name="line">batch_size's line.</param>
    /// <param name="column">Its column.</param>
    public static Diagnostic RnBatchSizeOverSamples(string file, int batchSize, int samples, int line, int column) =>
        RnBatchSizeAboveRows.At(file,
            $"batch_size cannot exceed number of training samples: train.jsonl has {samples} sample{(samples == 1 ? string.Empty : "s")} and config has batch_size={batchSize}. Either add more samples to train.jsonl (need at least {batchSize}) or reduce batch_size to {samples} or less. (rnow counts every line of the whole train.jsonl that parses as JSON.)",
            line, column);

    public static Diagnostic RnConfigMissing(string file) =>
        RnConfigNotFound.At(file, "No config.yml or config.json found: `rnow run` needs one, with dataset_type, data (batch_size), model (path) and trainer (num_epochs).");

    public static Diagnostic RnConfigJsonIgnored(string file) =>
        RnConfigJsonShadowed.At(file, "config.json is ignored: `rnow run` reads config.yml when both exist, and neither validates nor uploads config.json.");

    public static Diagnostic RnProjectIdMissing(string file, int line, int column) =>
        RnProjectIdEmpty.At(file,
            "project_id is missing or empty: `rnow run` refuses the project (\"Missing project_id in config.yml\") until it has one. Run `rnow init`, which writes a new id (rnow's own templates ship project_id: \"\" for it to fill), or set your project's id.",
            line, column);

    public static Diagnostic RnOrganizationIgnored(string file, int line, int column) =>
        RnOrganizationFromLogin.At(file, "organization_id is accepted but ignored: `rnow run` takes the organization from the CLI login (`rnow orgs`) and overwrites this value.", line, column);

    /// <param name="file">The config file.</param>
    /// <param name="detail">The Python exception and why it happens.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic RnConfigCrashes(string file, string detail, int line, int column) =>
        RnConfigCrash.At(file, $"`rnow run` crashes on this value with a traceback instead of a config error: {detail}.", line, column);

    /// <param name="file">The config file.</param>
    /// <param name="path">model.path.</param>
    /// <param name="source">What gives the run tools (a non-empty tools.py, rollout.mcp_url).</param>
    /// <param name="line">The path's line.</param>
    /// <param name="column">The path's column.</param>
    public static Diagnostic RnModelWithoutToolSupport(string file, string path, string source, int line, int column) =>
        RnModelWithoutTools.At(file,
            $"Model does not support tool calling: {path} {(path.Contains("gpt-oss", StringComparison.OrdinalIgnoreCase) ? "(OpenAI gpt-oss models use a format that doesn't support tools)" : "(base/non-instruct models use a format that doesn't support tools)")}, but the project has {source}. Remove tools.py and mcp_url, or use a model that supports tools (e.g. Qwen/Qwen3-8B, meta-llama/Llama-3.1-8B-Instruct).",
            line, column);

    public static Diagnostic RnMultiModelRun(string file, int count, int line, int column) =>
        RnMultiModel.At(file, $"model.path lists {count} models: `rnow run` checks qlora_rank against each, then validates and submits one run per model.", line, column);

    /// <param name="file">The config file.</param>
    /// <param name="section">algorithm or rollout.</param>
    /// <param name="datasetType">sft or midtrain.</param>
    /// <param name="line">The section key's line.</param>
    /// <param name="column">Its column.</param>
    public static Diagnostic RnSectionDiscarded(string file, string section, string datasetType, int line, int column) =>
        RnSectionUnused.At(file, $"{section} has no effect for dataset_type: {datasetType}: rnow validates it, then sets it to None (only rl and distill use it).", line, column);

    public static Diagnostic RnTrainFileIgnored(string file, string value, int line, int column) =>
        RnTrainFileSetting.At(file, $"data.train_file is '{value}', but `rnow run` always reads and uploads train.jsonl; this setting has no effect.", line, column);

    private static string RnTail(string? sentence) =>
        sentence is null ? string.Empty : " " + (sentence.EndsWith('.') || sentence.EndsWith('?') || sentence.EndsWith(')') ? sentence : sentence + ".");
}
