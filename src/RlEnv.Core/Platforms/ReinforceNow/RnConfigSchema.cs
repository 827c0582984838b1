// rnow/models.py ProjectConfig (M:522-611) and its nested models (M:328-519), as `rnow run` applies them to the loaded
// config (rnow/cli/commands.py, run: ProjectConfig(**config_data) at C:1994; the multi-model branch at C:1911-1922 first).
// pydantic collects every field error of every model; the after-validators (TeacherConfig.validate_teacher_path,
// ProjectConfig.validate_config) run only once their own model's fields are valid, and ProjectConfig's raises one error
// at a time. RlEnv reports every finding it can decide independently, each at its line and column, so a user fixes them
// in one pass instead of meeting them one `rnow run` at a time. DataConfig's batch_size * group_size <= 2048 check
// (M:338-346) is not repeated: the field limits (32 x 64) already keep the product within it.
using System.Numerics;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>What a checked config says, for the checks that follow (row model, batch size against rows, tool support).</summary>
/// <param name="DatasetType">rl, sft, distill or midtrain when valid.</param>
/// <param name="BatchSize">data.batch_size when valid.</param>
/// <param name="BatchSizeLine">Where batch_size is written.</param>
/// <param name="BatchSizeColumn">Its column.</param>
/// <param name="ModelPaths">model.path when valid (more than one for a multi-model run).</param>
/// <param name="ModelPathLine">Where model.path is written.</param>
/// <param name="ModelPathColumn">Its column.</param>
/// <param name="McpUrl">Whether rollout.mcp_url is set on a dataset type that keeps rollout (rl, distill).</param>
public sealed record RnConfigFacts(
    string? DatasetType, int? BatchSize, int BatchSizeLine, int BatchSizeColumn, IReadOnlyList<string> ModelPaths, int ModelPathLine, int ModelPathColumn, bool McpUrl)
{
    public static readonly RnConfigFacts None = new(null, null, 1, 1, [], 1, 1, false);

    public bool IsMultiModel => ModelPaths.Count > 1;

    /// <summary>rollout.max_context_window for rl and distill (the default 32768 when unset); null for other types or an invalid value.</summary>
    public long? MaxContextWindow { get; init; }

    /// <summary>Where max_context_window is written (the rollout section, or line 1, when the default applies).</summary>
    public (int Line, int Column) MaxContextWindowAt { get; init; } = (1, 1);
}

/// <summary>Where a config's findings go.</summary>
public sealed class RnConfigReport(string file, DiagnosticBag diagnostics)
{
    public string File { get; } = file;

    public void Add(Diagnostic diagnostic) => diagnostics.Add(diagnostic);
}

public static class RnConfigSchema
{
    public static readonly IReadOnlyList<string> DatasetTypes = ["sft", "rl", "distill", "midtrain"];
    public static readonly IReadOnlyList<string> LossFunctions = ["ppo", "importance_sampling"];
    public static readonly IReadOnlyList<string> AdvantageEstimators = ["grpo", "gae", "reinforce"];
    public static readonly IReadOnlyList<string> TerminationPolicies = ["max_turns", "last_tool"];
    public static readonly IReadOnlyList<string> ReasoningModes = ["disabled", "none", "minimal", "low", "medium", "high", "xhigh"];

    private static readonly Field[] DataFields =
    [
        new("train_file", FieldKind.Str),
        new("batch_size", FieldKind.Int, Required: true, Gt: 0, Le: 32),
        new("group_size", FieldKind.Int, Gt: 0, Le: 64),
        new("val_split", FieldKind.Float, Nullable: true, Ge: 0, Le: 1),
    ];

    private static readonly Field[] ModelFields =
    [
        new("path", FieldKind.ModelPath, Required: true),
        new("qlora_rank", FieldKind.Int, Ge: 1),
        new("qlora_alpha", FieldKind.Int, Nullable: true, Ge: 1),
        new("name", FieldKind.Str, Nullable: true),
        new("description", FieldKind.Str, Nullable: true),
        new("resolved_checkpoint_path", FieldKind.Str, Nullable: true, Alias: "_resolvedCheckpointPath"),
        new("resolved_base_model", FieldKind.Str, Nullable: true, Alias: "_baseModelName"),
        new("resolved_sampler_checkpoint_path", FieldKind.Str, Nullable: true, Alias: "_resolvedSamplerCheckpointPath"),
    ];

    private static readonly Field[] TeacherFields =
    [
        new("path", FieldKind.Str, Required: true),
        new("agentic", FieldKind.Bool),
    ];

    private static readonly Field[] AlgorithmFields =
    [
        new("loss_fn", FieldKind.Choice, Choices: LossFunctions),
        new("adv_estimator", FieldKind.Choice, Choices: AdvantageEstimators),
        new("kl_penalty_coef", FieldKind.Float, Ge: 0),
    ];

    private static readonly Field[] RolloutFields =
    [
        new("max_turns", FieldKind.Int, Gt: 0),
        new("max_context_window", FieldKind.Int, Gt: 0),
        new("termination_policy", FieldKind.Choice, Choices: TerminationPolicies),
        new("reasoning_mode", FieldKind.Choice, Nullable: true, Choices: ReasoningModes),
        new("mcp_url", FieldKind.StrOrStrList, Nullable: true),
        new("tool_timeout", FieldKind.Int, Gt: 0),
        new("reward_timeout", FieldKind.Int, Gt: 0),
        new("max_tool_response", FieldKind.Int, Nullable: true, Gt: 0),
        new("include_thinking", FieldKind.Bool),
        new("rollout_timeout", FieldKind.Int, Nullable: true, Gt: 0),
    ];

    private static readonly Field[] EvalFields =
    [
        new("eval_id", FieldKind.Str, Required: true),
        new("step", FieldKind.Int, Required: true, Gt: 0),
        new("name", FieldKind.Str, Nullable: true),
        new("pass1", FieldKind.Bool, Nullable: true),
        new("pass4", FieldKind.Bool, Nullable: true),
        new("pass8", FieldKind.Bool, Nullable: true),
        new("pass1_temp", FieldKind.Float, Nullable: true, Ge: 0),
        new("pass4_temp", FieldKind.Float, Nullable: true, Ge: 0),
        new("pass8_temp", FieldKind.Float, Nullable: true, Ge: 0),
    ];

    private static readonly Field[] TrainerFields =
    [
        new("num_epochs", FieldKind.Int, Required: true, Gt: 0),
        new("learning_rate", FieldKind.Float, Gt: 0),
        new("save_step", FieldKind.SaveStep, Ge: -1),
        new("max_billing", FieldKind.Float, Nullable: true, Gt: 0),
    ];

    private enum FieldKind
    {
        Str,
        Int,
        Float,
        Bool,
        Choice,
        StrOrStrList,
        SaveStep,
        ModelPath,
    }

    /// <summary>Checks the loaded root mapping (the caller has already refused an empty or non-mapping document).</summary>
    public static RnConfigFacts Check(RnNode root, RnConfigReport report)
    {
        // ProjectConfig(**config_data): Python refuses a non-str keyword before pydantic sees anything (C:1994).
        foreach (var entry in root.Entries.Where(e => e.Key.Kind != RnKind.Str))
        {
            report.Add(DiagnosticCatalog.RnConfigCrashes(report.File, $"TypeError: keywords must be strings (the top-level key {entry.Key.Repr()} is a {entry.Key.PythonTypeName})", entry.Key.Line, entry.Key.Column));
        }

        var projectId = Scalar(root, new Field("project_id", FieldKind.Str), "project_id", report);
        Scalar(root, new Field("project_name", FieldKind.Str), "project_name", report);
        Scalar(root, new Field("description", FieldKind.Str, Nullable: true), "description", report);
        var datasetType = DatasetType(root, report);
        var organization = Scalar(root, new Field("organization_id", FieldKind.Str, Nullable: true), "organization_id", report);

        var data = Section(root, "data", "DataConfig", DataFields, report);
        var model = ModelSection(root, report);
        Section(root, "trainer", "TrainerConfig", TrainerFields, report);
        var algorithm = Section(root, "algorithm", "AlgorithmConfig", AlgorithmFields, report, optional: true);
        var rollout = Section(root, "rollout", "RolloutConfig", RolloutFields, report, optional: true);
        var teacher = Section(root, "teacher", "TeacherConfig", TeacherFields, report, optional: true);
        Evals(root, report);
        UnknownKeys(root, RnConfigKeys.Root, string.Empty, report);

        if (teacher is { AllValid: true } && teacher.Values["path"] is string teacherPath && !RnModelCatalog.IsSupported(teacherPath))
        {
            var at = teacher.Node["path"]!;
            report.Add(DiagnosticCatalog.RnTeacherUnsupported(report.File, teacherPath, RnModelCatalog.Suggest(teacherPath), at.Line, at.Column));
        }

        CheckTeacherForType(root, datasetType, report);
        CheckModelPaths(model, report);
        ReportIgnored(root, datasetType, projectId, organization, data, algorithm, rollout, report);

        var batch = data?.Values.GetValueOrDefault("batch_size") as BigInteger?;
        var batchAt = data?.Node["batch_size"];
        var pathAt = model?.Node["path"];
        var keepsRollout = datasetType is "rl" or "distill";
        return new RnConfigFacts(
            datasetType,
            batch is { } b ? (int)b : null,
            batchAt?.Line ?? 1,
            batchAt?.Column ?? 1,
            model?.Values.GetValueOrDefault("path") as IReadOnlyList<string> ?? [],
            pathAt?.Line ?? 1,
            pathAt?.Column ?? 1,
            keepsRollout && rollout?.Node["mcp_url"] is { Kind: not RnKind.None } && rollout.Values.ContainsKey("mcp_url"))
        {
            MaxContextWindow = keepsRollout ? ContextWindow(root, rollout) : null,
            MaxContextWindowAt = rollout?.Node["max_context_window"] is { } windowAt ? (windowAt.Line, windowAt.Column)
                : root.Entry("rollout") is { } section ? (section.Key.Line, section.Key.Column) : (1, 1),
        };
    }

    // RolloutConfig.max_context_window: int, gt=0, default 32768 (M:430-434); rl and distill always get a rollout (M:545-569).
    private static long? ContextWindow(RnNode root, SectionResult? rollout)
    {
        if (rollout is null)
        {
            return root.Entry("rollout") is null || root["rollout"] is { Kind: RnKind.None } ? 32768 : null;
        }

        return rollout.Values.TryGetValue("max_context_window", out var value)
            ? value is BigInteger window && window <= long.MaxValue ? (long)window : null
            : rollout.Node["max_context_window"] is null ? 32768 : null;
    }

    private static string? DatasetType(RnNode root, RnConfigReport report)
    {
        if (root.Entry("dataset_type") is not { } entry)
        {
            report.Add(DiagnosticCatalog.RnConfigFieldMissing(report.File, "dataset_type", "one of sft, rl, distill, midtrain", 1, 1));
            return null;
        }

        var (value, error) = RnPydantic.Choice(entry.Value, DatasetTypes, "enum");
        if (error is not null)
        {
            report.Add(DiagnosticCatalog.RnDatasetTypeNotAllowed(report.File, error.Message, entry.Value.Repr(), Hint(entry.Value, FieldKind.Choice, DatasetTypes),
                entry.Value.Line, entry.Value.Column));
            return null;
        }

        return value;
    }

    /// <summary>model is read with config_data.get("model", {}).get("path") before pydantic (C:1911): a non-dict model crashes.</summary>
    private static SectionResult? ModelSection(RnNode root, RnConfigReport report)
    {
        if (root["model"] is { IsDict: false } model)
        {
            report.Add(DiagnosticCatalog.RnConfigCrashes(report.File,
                $"AttributeError: '{model.PythonTypeName}' object has no attribute 'get' (rnow reads model.path with config_data.get(\"model\", {{}}).get(\"path\") before it validates; model must be a mapping with a path)",
                model.Line, model.Column));
            return null;
        }

        return Section(root, "model", "ModelConfig", ModelFields, report);
    }

    private static void Evals(RnNode root, RnConfigReport report)
    {
        if (root["evals"] is not { } evals)
        {
            return;
        }

        if (evals.Kind != RnKind.List)
        {
            report.Add(DiagnosticCatalog.RnConfigWrongType(report.File, "evals", RnPydantic.ListType.Message, evals.Repr(),
                "evals is a list of {eval_id, step, ...} entries (an empty list when there are none; not null)", evals.Line, evals.Column));
            return;
        }

        for (var i = 0; i < evals.Items.Count; i++)
        {
            var item = evals.Items[i];
            CheckModel(item, $"evals.{i}", "EvalTriggerConfig", EvalFields, "evals", (item.Line, item.Column), report);
        }
    }

    private static SectionResult? Section(RnNode parent, string key, string className, Field[] fields, RnConfigReport report, bool optional = false)
    {
        if (parent.Entry(key) is not { } entry)
        {
            if (!optional)
            {
                report.Add(DiagnosticCatalog.RnConfigFieldMissing(report.File, key, $"a {key}: mapping ({className})", 1, 1));
            }

            return null;
        }

        if (optional && entry.Value.Kind == RnKind.None)
        {
            return null;
        }

        return CheckModel(entry.Value, key, className, fields, key, (entry.Key.Line, entry.Key.Column), report);
    }

    /// <summary>One pydantic model: a mapping, its fields in declaration order, then its extra keys.</summary>
    private static SectionResult? CheckModel(RnNode node, string loc, string className, Field[] fields, string keysSection, (int Line, int Column) anchor, RnConfigReport report)
    {
        if (!node.IsDict)
        {
            report.Add(DiagnosticCatalog.RnConfigWrongType(report.File, loc, $"Input should be a valid dictionary or instance of {className}", node.Repr(),
                $"{loc} is a mapping of {string.Join(", ", RnConfigKeys.Allowed(keysSection).Take(4))}, ...", node.Line, node.Column));
            return null;
        }

        var result = new SectionResult(node);
        foreach (var field in fields)
        {
            // populate_by_name: the alias is read first, then the field name.
            var entry = (field.Alias is null ? null : node.Entry(field.Alias)) ?? node.Entry(field.Name);
            if (entry is null)
            {
                if (field.Required)
                {
                    report.Add(DiagnosticCatalog.RnConfigFieldMissing(report.File, $"{loc}.{field.Name}", Expected(field), anchor.Line, anchor.Column));
                    result.AllValid = false;
                }

                continue;
            }

            var (ok, value) = Validate(entry.Value, field, $"{loc}.{entry.Key.AsString}", report);
            result.AllValid &= ok;
            if (ok)
            {
                result.Values[field.Name] = value;
            }
        }

        var allowed = fields.Select(f => f.Name).Concat(fields.Where(f => f.Alias is not null).Select(f => f.Alias!)).ToHashSet(StringComparer.Ordinal);
        if (UnknownKeys(node, keysSection, loc, report, allowed))
        {
            result.AllValid = false;
        }

        return result;
    }

    private static bool UnknownKeys(RnNode node, string keysSection, string loc, RnConfigReport report, IReadOnlySet<string>? allowed = null)
    {
        var known = allowed ?? RnConfigKeys.Allowed(keysSection).ToHashSet(StringComparer.Ordinal);
        var any = false;
        foreach (var entry in node.Entries)
        {
            if (entry.Key.AsString is { } key ? known.Contains(key) : keysSection.Length == 0)
            {
                continue;
            }

            var name = entry.Key.AsString ?? entry.Key.Repr();
            report.Add(DiagnosticCatalog.RnConfigKeyNotKnown(report.File, loc.Length == 0 ? name : $"{loc}.{name}", keysSection, RnConfigKeys.Allowed(keysSection),
                RnConfigKeys.Advice(keysSection, name), entry.Key.Line, entry.Key.Column));
            any = true;
        }

        return any;
    }

    private static object? Scalar(RnNode root, Field field, string loc, RnConfigReport report)
    {
        if (root.Entry(field.Name) is not { } entry)
        {
            return null;
        }

        var (ok, value) = Validate(entry.Value, field, loc, report);
        return ok ? value : null;
    }

    /// <summary>Coerces one value as pydantic does and checks its constraints; reports and returns false when it fails.</summary>
    private static (bool Ok, object? Value) Validate(RnNode node, Field field, string loc, RnConfigReport report)
    {
        if (field.Nullable && node.Kind == RnKind.None)
        {
            return (true, null);
        }

        switch (field.Kind)
        {
            case FieldKind.Str:
                var (text, strError) = RnPydantic.ToStr(node);
                return strError is null ? (true, text) : Fail(node, loc, strError, field, report);
            case FieldKind.Choice:
                var (choice, choiceError) = RnPydantic.Choice(node, field.Choices!);
                if (choiceError is null)
                {
                    return (true, choice);
                }

                report.Add(DiagnosticCatalog.RnConfigChoiceNotAllowed(report.File, loc, choiceError.Message, node.Repr(), Hint(node, field.Kind, field.Choices), node.Line, node.Column));
                return (false, null);
            case FieldKind.Bool:
                var (flag, boolError) = RnPydantic.ToBool(node);
                return boolError is null ? (true, flag) : Fail(node, loc, boolError, field, report);
            case FieldKind.Float:
                var (number, floatError) = RnPydantic.ToFloat(node);
                return floatError is not null ? Fail(node, loc, floatError, field, report) : Bounded(node, loc, number, number, field, report);
            case FieldKind.Int or FieldKind.SaveStep:
                var (integer, intError) = RnPydantic.ToInt(node);
                if (intError is not null)
                {
                    return Fail(node, loc, intError, field, report);
                }

                var (ok, _) = Bounded(node, loc, integer, (double)integer, field, report);
                if (ok && field.Kind == FieldKind.SaveStep && integer.IsZero)
                {
                    report.Add(DiagnosticCatalog.RnSaveStepZero(report.File, node.Line, node.Column));
                    return (false, null);
                }

                return (ok, integer);
            case FieldKind.StrOrStrList:
                return StrOrStrList(node, loc, report);
            default:
                return ModelPath(node, loc, report);
        }
    }

    private static (bool, object?) Bounded(RnNode node, string loc, object value, double number, Field field, RnConfigReport report)
    {
        if (RnPydantic.Bounds(number, field.Gt, field.Ge, field.Le) is not { } error)
        {
            return (true, value);
        }

        var hint = error.Type == "less_than_equal" && loc.EndsWith("batch_size", StringComparison.Ordinal) ? "Maximum batch_size is 32"
            : error.Type == "less_than_equal" && loc.EndsWith("group_size", StringComparison.Ordinal) ? "Maximum group_size is 64"
            : null;
        report.Add(DiagnosticCatalog.RnConfigOutOfRange(report.File, loc, error.Message, node.Repr(), hint, node.Line, node.Column));
        return (false, null);
    }

    private static (bool, object?) Fail(RnNode node, string loc, RnPydanticError error, Field field, RnConfigReport report)
    {
        report.Add(DiagnosticCatalog.RnConfigWrongType(report.File, loc, error.Message, node.Repr(), Hint(node, field.Kind, field.Choices), node.Line, node.Column));
        return (false, null);
    }

    /// <summary>str | list[str] | None: pydantic reports both branches; RlEnv says it once, at the item that fails.</summary>
    private static (bool, object?) StrOrStrList(RnNode node, string loc, RnConfigReport report)
    {
        if (node.Kind == RnKind.Str)
        {
            return (true, node.AsString);
        }

        if (node.Kind is not (RnKind.List or RnKind.Set))
        {
            report.Add(DiagnosticCatalog.RnConfigWrongType(report.File, loc, "Input should be a valid string or a list of strings", node.Repr(), Hint(node, FieldKind.Str, null), node.Line, node.Column));
            return (false, null);
        }

        var ok = true;
        for (var i = 0; i < node.Items.Count; i++)
        {
            if (node.Items[i].Kind is not (RnKind.Str or RnKind.Bytes))
            {
                report.Add(DiagnosticCatalog.RnConfigWrongType(report.File, $"{loc}.{i}", RnPydantic.StringType.Message, node.Items[i].Repr(),
                    Hint(node.Items[i], FieldKind.Str, null), node.Items[i].Line, node.Items[i].Column));
                ok = false;
            }
        }

        return (ok, null);
    }

    /// <summary>model.path: a str, or (C:1912-1922) a list of two or more paths, each then submitted as its own run.</summary>
    private static (bool, object?) ModelPath(RnNode node, string loc, RnConfigReport report)
    {
        if (node.Kind == RnKind.List && node.Items.Count > 1)
        {
            report.Add(DiagnosticCatalog.RnMultiModelRun(report.File, node.Items.Count, node.Line, node.Column));
            var paths = new List<string>();
            for (var i = 0; i < node.Items.Count; i++)
            {
                var (text, error) = RnPydantic.ToStr(node.Items[i]);
                if (error is not null)
                {
                    report.Add(DiagnosticCatalog.RnConfigWrongType(report.File, $"{loc}.{i}", error.Message, node.Items[i].Repr(), Hint(node.Items[i], FieldKind.Str, null),
                        node.Items[i].Line, node.Items[i].Column));
                    return (false, null);
                }

                paths.Add(text);
            }

            return (true, paths);
        }

        var (path, pathError) = RnPydantic.ToStr(node);
        if (pathError is not null)
        {
            var hint = node.Kind == RnKind.List ? "a list of one path is not a multi-model run: rnow validates it as a single path, which must be a string" : Hint(node, FieldKind.Str, null);
            report.Add(DiagnosticCatalog.RnConfigWrongType(report.File, loc, pathError.Message, node.Repr(), hint, node.Line, node.Column));
            return (false, null);
        }

        return (true, new[] { path });
    }

    /// <summary>ProjectConfig.validate_config, teacher part (M:545-591).</summary>
    private static void CheckTeacherForType(RnNode root, string? datasetType, RnConfigReport report)
    {
        var teacherEntry = root.Entry("teacher");
        var hasTeacher = teacherEntry is not null && teacherEntry.Value.Kind != RnKind.None;
        if (datasetType == "distill" && !hasTeacher)
        {
            var at = root["dataset_type"]!;
            report.Add(DiagnosticCatalog.RnTeacherMissing(report.File, at.Line, at.Column));
        }
        else if (datasetType is "rl" or "sft" or "midtrain" && hasTeacher)
        {
            report.Add(DiagnosticCatalog.RnTeacherNotAllowed(report.File, datasetType, teacherEntry!.Key.Line, teacherEntry.Key.Column));
        }
    }

    /// <summary>The model part of validate_config (M:595-609) and, for a list of paths, the multi-model rank check (C:1914-1922).</summary>
    private static void CheckModelPaths(SectionResult? model, RnConfigReport report)
    {
        if (model?.Values.GetValueOrDefault("path") is not IReadOnlyList<string> paths)
        {
            return;
        }

        var at = model.Node["path"]!;
        var multi = paths.Count > 1;
        var rankNode = model.Node["qlora_rank"];
        double? rawRank = 32;
        if (multi && rankNode is not null)
        {
            // C:1915 compares the raw YAML value before pydantic: only a number compares with an int.
            rawRank = rankNode.Kind switch
            {
                RnKind.Integral => (double)(BigInteger)rankNode.Scalar!,
                RnKind.Real => (double)rankNode.Scalar!,
                RnKind.Bool => (bool)rankNode.Scalar! ? 1 : 0,
                _ => null,
            };
            if (rawRank is null)
            {
                report.Add(DiagnosticCatalog.RnConfigCrashes(report.File,
                    $"TypeError: '>' not supported between instances of '{rankNode.PythonTypeName}' and 'int' (with several model paths rnow compares the raw qlora_rank before validating it)",
                    rankNode.Line, rankNode.Column));
                return;
            }
        }

        var rank = multi ? rawRank : model.Values.GetValueOrDefault("qlora_rank") is BigInteger valid ? (double)valid : rankNode is null ? 32 : null;
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            var position = multi ? at.Items[i] : at;
            if (!RnModelCatalog.IsCatalogPath(path))
            {
                continue;
            }

            if (!RnModelCatalog.IsSupported(path))
            {
                report.Add(DiagnosticCatalog.RnModelUnsupported(report.File, path, RnModelCatalog.Suggest(path), position.Line, position.Column));
            }
            else if (rank is { } r && r > RnModelCatalog.MaxRank(path))
            {
                var rankAt = rankNode ?? position;
                report.Add(DiagnosticCatalog.RnQloraRankTooHigh(report.File, rankNode?.Repr() ?? "32", RnModelCatalog.MaxRank(path), path, multi, rankAt.Line, rankAt.Column));
            }
        }
    }

    private static void ReportIgnored(RnNode root, string? datasetType, object? projectId, object? organization, SectionResult? data, SectionResult? algorithm,
        SectionResult? rollout, RnConfigReport report)
    {
        // C:2013-2020: a missing or empty project_id stops `rnow run` (an error: the upload never happens); `rnow init` writes
        // one (the templates ship with "" for it to fill, so a template copied without `rnow init` is refused too).
        var projectEntry = root.Entry("project_id");
        if (projectEntry is null || projectId is "")
        {
            report.Add(DiagnosticCatalog.RnProjectIdMissing(report.File, projectEntry?.Value.Line ?? 1, projectEntry?.Value.Column ?? 1));
        }

        if (organization is string && root["organization_id"] is { } org)
        {
            report.Add(DiagnosticCatalog.RnOrganizationIgnored(report.File, org.Line, org.Column));
        }

        if (data?.Values.GetValueOrDefault("train_file") is string trainFile && trainFile != "train.jsonl")
        {
            var at = data.Node["train_file"]!;
            report.Add(DiagnosticCatalog.RnTrainFileIgnored(report.File, trainFile, at.Line, at.Column));
        }

        // validate_config sets algorithm and rollout to None for sft and midtrain (M:579-580, M:590-591), after validating them.
        if (datasetType is "sft" or "midtrain")
        {
            foreach (var (name, section) in new[] { ("algorithm", algorithm), ("rollout", rollout) })
            {
                if (section is not null)
                {
                    var key = root.Entry(name)!.Key;
                    report.Add(DiagnosticCatalog.RnSectionDiscarded(report.File, name, datasetType, key.Line, key.Column));
                }
            }
        }
    }

    private static string Expected(Field field) => field.Kind switch
    {
        FieldKind.Int => field.Le is { } le ? $"an integer from {(field.Gt ?? 0) + 1} to {le}" : $"an integer greater than {field.Gt ?? field.Ge - 1}",
        FieldKind.ModelPath => "a model id such as Qwen/Qwen3-8B, or an rnow model id",
        _ => "a string",
    };

    /// <summary>Why YAML 1.1 gave this value the type it has, when that is the likely cause; or the choice a wrong case means.</summary>
    private static string? Hint(RnNode node, FieldKind kind, IReadOnlyList<string>? choices)
    {
        if (kind == FieldKind.Choice && node.AsString is { } text
            && choices!.FirstOrDefault(c => string.Equals(c, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } close)
        {
            return $"Did you mean '{close}'? Values are exact and case-sensitive.";
        }

        if (node.Written is not { } written)
        {
            return null;
        }

        var wantsText = kind is FieldKind.Str or FieldKind.Choice or FieldKind.ModelPath;
        return node.Kind switch
        {
            RnKind.Bool when wantsText => $"YAML 1.1 (PyYAML) reads {written} as a boolean; quote it (\"{written}\") to make it a string.",
            RnKind.Integral or RnKind.Real when wantsText => $"YAML reads {written} as a number; quote it (\"{written}\") to make it a string.",
            RnKind.Date when wantsText => $"YAML reads {written} as a date; quote it (\"{written}\") to make it a string.",
            RnKind.None => $"{(written.Length == 0 ? "An empty value" : written)} is YAML's null; give a value{(kind is FieldKind.Int or FieldKind.Float or FieldKind.Bool or FieldKind.Choice ? " or remove the key for the default" : string.Empty)}.",
            _ => null,
        };
    }

    private sealed record Field(string Name, FieldKind Kind, bool Required = false, bool Nullable = false, double? Gt = null, double? Ge = null, double? Le = null,
        IReadOnlyList<string>? Choices = null, string? Alias = null);

    private sealed class SectionResult(RnNode node)
    {
        public RnNode Node { get; } = node;

        public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

        public bool AllValid { get; set; } = true;
    }
}
