namespace RlEnv.Core.Diagnostics;

// Freesolo configs as Flash's spec_from_dict(..., project_required=True) reads them (RLENV2206-2227). Most messages
// carry Flash's own sentence (flashSays, as src/RlEnv.Core/Platforms/Freesolo words it after Flash's code), so a
// finding reads exactly as `flash train` would print it; RlEnv adds where it helps (a suggestion, a reason).
public static partial class DiagnosticCatalog
{
    /// <param name="file">The config, relative to the environment root.</param>
    /// <param name="section">The table holding the key: "" for the top level, else environment, train, gpu or wandb.</param>
    /// <param name="key">The unknown key.</param>
    /// <param name="isTable">Whether its value is a table (Flash then says "section").</param>
    /// <param name="allowed">The keys Flash allows there.</param>
    /// <param name="advice">RlEnv's suggestion ("did you mean", where the key belongs, why Flash refuses it), if any.</param>
    /// <param name="line">The key's line.</param>
    /// <param name="column">The key's column.</param>
    public static Diagnostic ConfigKeyUnknown(string file, string section, string key, bool isTable, IEnumerable<string> allowed, string? advice, int line, int column)
    {
        var flashSays = section.Length == 0
            ? $"unknown config {(isTable ? "section(s)" : "key(s)")}: {key} (allowed tables: environment, train, gpu, wandb)"
              + (key is "grpo" or "sft" or "opd" ? " - algorithm knobs (group_size, batch_size, max_completion_tokens, ...) belong under [train], not a per-algorithm table" : string.Empty)
            : $"[{section}] unknown key(s): {key} (allowed: {string.Join(", ", allowed)})";
        return ConfigUnknownKey.At(file, advice is null ? flashSays + "." : $"{flashSays}. {Sentence(advice)}", line, column);
    }

    /// <param name="file">The config.</param>
    /// <param name="flashSays">Flash's sentence: "[environment] must be a table" and the like.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigTableWrongType(string file, string flashSays, int line, int column) =>
        ConfigNotATable.At(file, flashSays, line, column);

    /// <param name="file">The config.</param>
    /// <param name="flashSays">require_project_id's sentence.</param>
    /// <param name="line">The value's line (1 when project is missing).</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigProject(string file, string flashSays, int line, int column) =>
        ConfigProjectInvalid.At(file, $"{flashSays}: `flash train` needs the UUID of the Freesolo project the run bills to (project = \"<uuid>\").", line, column);

    public static Diagnostic ConfigModelMissing(string file) =>
        ConfigModelInvalid.At(file, "config must set `model` (one of the catalog's ids, e.g. \"Qwen/Qwen3.5-4B\").", 1, 1);

    public static Diagnostic ConfigModelNotAString(string file, int line, int column) =>
        ConfigModelInvalid.At(file, "config `model` must be a model id string (e.g. \"Qwen/Qwen3.5-4B\").", line, column);

    /// <param name="file">The config.</param>
    /// <param name="modelRepr">The model as Python's repr() shows it.</param>
    /// <param name="catalog">The catalog's ids.</param>
    /// <param name="suggestion">The catalog id it most likely means, if any.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigModelUnsupported(string file, string modelRepr, IEnumerable<string> catalog, string? suggestion, int line, int column) =>
        ConfigModelInvalid.At(file,
            $"unsupported model {modelRepr}; choose one of: {string.Join(", ", catalog)} — or, to train another model, fork Flash and add a ModelInfo entry for it to flash/core/catalog.py (see SELF_HOSTING.md)."
            + (suggestion is null ? string.Empty : $" Did you mean \"{suggestion}\"? Ids are exact and case-sensitive."),
            line, column);

    /// <param name="file">The config.</param>
    /// <param name="model">The catalog id.</param>
    /// <param name="algorithms">The algorithms it trains with.</param>
    /// <param name="algorithm">The algorithm asked for.</param>
    /// <param name="line">The model's line.</param>
    /// <param name="column">The model's column.</param>
    public static Diagnostic ConfigModelAlgorithm(string file, string model, IEnumerable<string> algorithms, string algorithm, int line, int column) =>
        ConfigModelInvalid.At(file, $"{model} supports {string.Join(", ", algorithms)}, not {algorithm}.", line, column);

    /// <param name="file">The config.</param>
    /// <param name="flashSays">normalize_algorithm's sentence.</param>
    /// <param name="suggestion">The algorithm it most likely means, if any.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigAlgorithm(string file, string flashSays, string? suggestion, int line, int column) =>
        ConfigAlgorithmInvalid.At(file, suggestion is null ? flashSays + "." : $"{flashSays}. Did you mean \"{suggestion}\"?", line, column);

    public static Diagnostic ConfigThinkingNotBoolean(string file, int line, int column) =>
        ConfigThinkingInvalid.At(file, "thinking must be a boolean (thinking = true or false).", line, column);

    public static Diagnostic ConfigThinkingUnsupported(string file, string model, int line, int column) =>
        ConfigThinkingInvalid.At(file,
            $"{model} does not support thinking mode (its chat template has no <think> support); pick a thinking-capable model — `flash models list` lists each model's thinking capability.",
            line, column);

    public static Diagnostic ConfigThinkingRequired(string file, string model, int line, int column) =>
        ConfigThinkingInvalid.At(file, $"{model} always emits <think> reasoning and cannot run with thinking disabled; set thinking = true.", line, column);

    /// <param name="file">The config.</param>
    /// <param name="flashSays">parse_seed's sentence.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigSeed(string file, string flashSays, int line, int column) =>
        ConfigSeedInvalid.At(file, flashSays + ".", line, column);

    /// <param name="file">The config.</param>
    /// <param name="flashSays">The sentence of Flash's [train] field parser (train.KEY must be ...).</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigTrainValue(string file, string flashSays, int line, int column) =>
        ConfigTrainValueInvalid.At(file, Sentence(flashSays), line, column);

    /// <param name="file">The config.</param>
    /// <param name="flashSays">Flash's reason the algorithm cannot use the knob.</param>
    /// <param name="line">The knob's line.</param>
    /// <param name="column">The knob's column.</param>
    public static Diagnostic ConfigTrainKnobForAlgorithm(string file, string flashSays, int line, int column) =>
        ConfigTrainKnobNotForAlgorithm.At(file, Sentence(flashSays), line, column);

    /// <param name="file">The config.</param>
    /// <param name="flashSays">resolve_grpo_rollout_shape's sentence.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigGrpoShape(string file, string flashSays, int line, int column) =>
        ConfigGrpoShapeInvalid.At(file, Sentence(flashSays), line, column);

    /// <param name="file">The config.</param>
    /// <param name="context">train.max_context_tokens.</param>
    /// <param name="completion">The completion budget (max_completion_tokens, else the recipe default).</param>
    /// <param name="algorithm">grpo or opd.</param>
    /// <param name="line">max_context_tokens's line.</param>
    /// <param name="column">max_context_tokens's column.</param>
    public static Diagnostic ConfigPromptBudget(string file, long context, long completion, string algorithm, int line, int column) =>
        ConfigNoPromptBudget.At(file,
            $"[train] max_context_tokens ({context}) leaves no prompt budget after max_completion_tokens ({completion}) for {algorithm}; set max_context_tokens > max_completion_tokens. Rejected at parse time so an invalid budget fails before a GPU worker is provisioned.",
            line, column);

    public static Diagnostic ConfigOpdKlZero(string file, int line, int column) =>
        ConfigOpdKlPenaltyZero.At(file,
            "[train] kl_penalty_coef must be > 0 for opd because it scales the gkd distillation objective; omit it to use the default 1.0 or set a positive value.",
            line, column);

    /// <param name="file">The config.</param>
    /// <param name="flashSays">Flash's sentence (a warm start's rank, or the serving rank cap).</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigLora(string file, string flashSays, int line, int column) =>
        ConfigLoraInvalid.At(file, Sentence(flashSays), line, column);

    /// <param name="file">The config.</param>
    /// <param name="flashSays">Flash's [gpu] sentence.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigGpu(string file, string flashSays, int line, int column) =>
        ConfigGpuInvalid.At(file, Sentence(flashSays), line, column);

    /// <param name="file">The config.</param>
    /// <param name="flashSays">_environment_pip's sentence (URLs already redacted as Flash redacts them).</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigPip(string file, string flashSays, int line, int column) =>
        ConfigPipInvalid.At(file, Sentence(flashSays), line, column);

    /// <param name="file">The config.</param>
    /// <param name="flashSays">_environment_secrets's sentence.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigSecrets(string file, string flashSays, int line, int column) =>
        ConfigSecretsInvalid.At(file, Sentence(flashSays), line, column);

    /// <param name="file">The config.</param>
    /// <param name="flashSays">_wandb_spec's sentence.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigWandb(string file, string flashSays, int line, int column) =>
        ConfigWandbInvalid.At(file, Sentence(flashSays), line, column);

    /// <param name="file">The config.</param>
    /// <param name="canonical">The reference in Flash's canonical spelling.</param>
    /// <param name="line">The id's line.</param>
    /// <param name="column">The id's column.</param>
    public static Diagnostic ConfigEnvironmentIdGitHub(string file, string canonical, int line, int column) =>
        EnvironmentIdSelfHostedOnly.At(file,
            $"[environment] id names a GitHub repository ({canonical}): valid only on a self-hosted Flash plane (FLASH_STANDALONE). The managed service runs environments from its hub only, addressed as \"namespace/project/name\"; publish with `flash env push --project <project-uuid> --name <name>` and use the returned id.",
            line, column);

    /// <param name="file">The config.</param>
    /// <param name="splitRepr">The split as written, in Python's repr().</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigSplitNotSimple(string file, string splitRepr, int line, int column) =>
        SplitParameterInvalid.At(file,
            $"[environment.params] split must be a simple dataset name (letters, numbers, '.', '_', '-' only; no slashes or traversal); got {splitRepr}.",
            line, column);

    /// <param name="file">The config.</param>
    /// <param name="flashSays">The sentence of Flash's records reader.</param>
    /// <param name="line">The value's line.</param>
    /// <param name="column">The value's column.</param>
    public static Diagnostic ConfigRecords(string file, string flashSays, int line, int column) =>
        RecordsParameterInvalid.At(file, Sentence(flashSays), line, column);

    public static Diagnostic ConfigSplitNotAString(string file, string typeName, int line, int column) =>
        DatasetParameterIgnored.At(file,
            $"[environment.params] split is a {typeName}, not a string: Flash reads split only when it is a string, so this run trains on the train split.",
            line, column);

    public static Diagnostic ConfigDatasetPathBesideRecords(string file, int line, int column) =>
        DatasetParameterIgnored.At(file, "[environment.params] records win over dataset_path: Flash trains on the inline records and never reads this path.", line, column);

    /// <param name="file">The config.</param>
    /// <param name="datasetFile">The packed file the SFT run would profile.</param>
    /// <param name="tooLarge">Whether it is over the 32 MiB cap (otherwise its extension is not .jsonl or .json).</param>
    /// <param name="line">Where the config selects it.</param>
    /// <param name="column">Where the config selects it.</param>
    public static Diagnostic SftDatasetCannotBeProfiled(string file, string datasetFile, bool tooLarge, int line, int column) =>
        SftDatasetUnprofilable.At(file,
            tooLarge
                ? $"environment dataset file '{Path.GetFileName(datasetFile)}' exceeds the 32 MiB control-plane profiling limit ({datasetFile}); an SFT submit profiles the packaged file first. Reduce the packaged training dataset."
                : $"dataset file must end in .jsonl or .json: an SFT submit profiles {datasetFile} first and reads only those two formats.",
            line, column);

    private static string Sentence(string text) => text.EndsWith('.') || text.EndsWith('?') ? text : text + ".";
}
