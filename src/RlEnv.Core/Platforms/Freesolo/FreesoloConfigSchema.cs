// Mirrors flash/schema/__init__.py::spec_from_dict(raw, project_required=True) (freesolo-co/flash 1.2.89): the
// top level (_validate_top_level), [environment] (_validate_environment_section, fields._environment_pip and
// _environment_secrets), [wandb] (fields._wandb_spec), the model/algorithm/thinking consistency
// (_validate_algorithm_model_consistency) and the environment id checked last in _validate_spec. [train] and [gpu]
// are in FreesoloTrainSection.cs and FreesoloGpuSection.cs. Where Flash stops at its first ConfigError, RlEnv reports
// every finding it can decide independently, each at its TOML line and column.
// Flash's docs (reference/configuration.mdx, 2026-08) disagree with this code: they show two-segment ids, a public
// model_revision and a [worker_env] table; the code refuses all three. RlEnv follows the code.
using System.Text.RegularExpressions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>What a checked config says, for the dataset checks that follow.</summary>
/// <param name="Algorithm">sft, grpo or opd when known (the default sft for a full config, null for an overlay that does not say).</param>
/// <param name="Thinking">Whether thinking = true.</param>
/// <param name="Params">[environment] params when it is a table.</param>
public sealed record FreesoloConfigFacts(string? Algorithm, bool Thinking, TomlValue? Params);

/// <summary>Where a config's findings go.</summary>
public sealed class FreesoloConfigReport(string file, DiagnosticBag diagnostics)
{
    public string File { get; } = file;

    public void Add(Diagnostic diagnostic) => diagnostics.Add(diagnostic);
}

public static partial class FreesoloConfigSchema
{
    // fields.py: _validate_env_var_names and _RESERVED_ENVIRONMENT_SECRET_KEYS (+ spec.CONTROL_PLANE_OWNED_ENV_KEYS).
    private static readonly HashSet<string> ReservedSecrets = new(StringComparer.Ordinal)
    {
        "RUNPOD_API_KEY", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "GITHUB_TOKEN", "FREESOLO_API_KEY", "FREESOLO_INTERNAL_KEY",
        "RUN_ID", "HF_REPO", "GIT_ASKPASS", "FLASH_ARM", "SEED", "FLASH_OPD_RESUME_REVISION", "FLASH_PUBLIC_URL",
        "FLASH_TEACHER_CAPABILITY", "FLASH_SECRET_ENV_KEYS", "PARASAIL_API_KEY",
    };

    // core/grpo.py: GRPO_CONTROL_PLANE_OWNED_ENV_KEYS, reserved for grpo only.
    private static readonly HashSet<string> GrpoReservedSecrets = new(StringComparer.Ordinal)
    {
        "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS", "RAYON_NUM_THREADS", "TOKENIZERS_PARALLELISM",
    };

    [GeneratedRegex(@"://[^/@\s]+@")]
    private static partial Regex PipUrlUserInfo();

    [GeneratedRegex(@"://[^\s]*\?")]
    private static partial Regex PipUrlQuery();

    /// <summary>
    /// Checks one parsed config. A full config (one with an [environment] table) is checked as `flash train` reads it,
    /// project required; an overlay (no [environment]: a --config file merged over another) only for what it sets.
    /// </summary>
    public static FreesoloConfigFacts Check(TomlValue root, bool overlay, FreesoloConfigReport report)
    {
        foreach (var key in root.Keys.Where(k => !FreesoloConfigKeys.TopLevel.Contains(k, StringComparer.Ordinal)))
        {
            var value = root[key]!;
            report.Add(DiagnosticCatalog.ConfigKeyUnknown(report.File, string.Empty, key, value.IsTable, FreesoloConfigKeys.TopLevel,
                FreesoloConfigKeys.Advice(string.Empty, key), value.KeyLine, value.KeyColumn));
        }

        var model = CheckModelShape(root, overlay, report);
        CheckProject(root, overlay, report);
        var (algorithm, algorithmKnown) = CheckAlgorithm(root, overlay, report);
        var thinking = CheckThinking(root, report);
        CheckSeed(root, report);

        var environment = Section(root, "environment", "[environment] must be a table", report);
        var parameters = environment is null ? null : CheckEnvironment(environment, algorithmKnown ? algorithm : null, report);
        var train = Section(root, "train", "[train] must be a table", report);
        var gpu = Section(root, "gpu", "[gpu] must be a table", report);
        var known = algorithmKnown ? algorithm : null;
        var info = model is null ? null : CheckModel(root["model"]!, model, known, report);
        var parsedTrain = train is null ? null : FreesoloTrainSection.Check(train, known, report);
        if (gpu is not null)
        {
            FreesoloGpuSection.Check(gpu, info, known, report);
        }

        // An overlay that does not set thinking leaves it to the config it is merged over.
        if (info is not null && thinking is { } t && known is not null && (!overlay || root.Has("thinking")))
        {
            CheckThinkingFitsModel(root, info, t, report);
        }

        if (parsedTrain is not null)
        {
            FreesoloTrainSection.CheckAgainstModel(train!, parsedTrain, info, known, thinking ?? false, report);
        }

        var wandb = Section(root, "wandb", "[wandb] must be a table (e.g. project = \"my-project\")", report);
        if (wandb is not null)
        {
            CheckWandb(wandb, report);
        }

        if (!overlay)
        {
            CheckEnvironmentId(root, environment, report);
        }

        return new(known, thinking ?? false, parameters);
    }

    /// <summary>The section as a table, or null (reported when present but not a table, including false).</summary>
    private static TomlValue? Section(TomlValue root, string key, string flashSays, FreesoloConfigReport report)
    {
        if (root[key] is not { } value)
        {
            return null;
        }

        if (!value.IsTable)
        {
            report.Add(DiagnosticCatalog.ConfigTableWrongType(report.File, flashSays, value.Line, value.Column));
            return null;
        }

        return value;
    }

    private static string? CheckModelShape(TomlValue root, bool overlay, FreesoloConfigReport report)
    {
        if (root["model"] is not { } model)
        {
            if (!overlay)
            {
                report.Add(DiagnosticCatalog.ConfigModelMissing(report.File));
            }

            return null;
        }

        if (model.AsString is not { } id || PythonStrings.Strip(id).Length == 0)
        {
            report.Add(DiagnosticCatalog.ConfigModelNotAString(report.File, model.Line, model.Column));
            return null;
        }

        return id;
    }

    /// <summary>resolve_model: the exact catalog id, and an algorithm the model trains with.</summary>
    private static FreesoloModel? CheckModel(TomlValue value, string id, string? algorithm, FreesoloConfigReport report)
    {
        if (FreesoloModelCatalog.Find(id) is not { } info)
        {
            report.Add(DiagnosticCatalog.ConfigModelUnsupported(report.File, PythonStrings.Repr(id), FreesoloModelCatalog.Models.Select(m => m.Id),
                FreesoloModelCatalog.Suggest(id), value.Line, value.Column));
            return null;
        }

        if (algorithm is not null && !info.Algorithms.Contains(algorithm, StringComparer.Ordinal))
        {
            report.Add(DiagnosticCatalog.ConfigModelAlgorithm(report.File, info.Id, info.Algorithms, algorithm, value.Line, value.Column));
        }

        return info;
    }

    private static void CheckProject(TomlValue root, bool overlay, FreesoloConfigReport report)
    {
        if (root["project"] is not { } project)
        {
            if (!overlay)
            {
                report.Add(DiagnosticCatalog.ConfigProject(report.File, "project is required and must be nonblank", 1, 1));
            }

            return;
        }

        var problem = project.AsString is not { } text ? "project must be a string"
            : PythonStrings.Strip(text).Length == 0 ? "project is required and must be nonblank"
            : FreesoloProjectId.Canonical(text) is null ? "project must be a valid UUID"
            : null;
        if (problem is not null)
        {
            report.Add(DiagnosticCatalog.ConfigProject(report.File, problem, project.Line, project.Column));
        }
    }

    /// <summary>normalize_algorithm: any falsy value is sft; otherwise a string, lower-cased (not stripped).</summary>
    private static (string Algorithm, bool Known) CheckAlgorithm(TomlValue root, bool overlay, FreesoloConfigReport report)
    {
        if (root["algorithm"] is not { } value)
        {
            return ("sft", !overlay);
        }

        if (!value.IsTruthy)
        {
            return ("sft", true);
        }

        if (value.AsString is not { } text)
        {
            report.Add(DiagnosticCatalog.ConfigAlgorithm(report.File, $"algorithm must be a string, got {value.PythonTypeName}", null, value.Line, value.Column));
            return ("sft", false);
        }

        var lowered = text.ToLowerInvariant();
        if (!FreesoloModelCatalog.Algorithms.Contains(lowered, StringComparer.Ordinal))
        {
            var suggestion = FreesoloModelCatalog.Algorithms.FirstOrDefault(a => a == PythonStrings.Strip(lowered))
                ?? (lowered is "rl" or "ppo" or "grpo-rl" ? "grpo" : lowered is "distill" or "distillation" ? "opd" : null);
            report.Add(DiagnosticCatalog.ConfigAlgorithm(report.File, $"unsupported algorithm: {lowered}; known: {string.Join(", ", FreesoloModelCatalog.Algorithms)}",
                suggestion, value.Line, value.Column));
            return ("sft", false);
        }

        return (lowered, true);
    }

    private static bool? CheckThinking(TomlValue root, FreesoloConfigReport report)
    {
        if (root["thinking"] is not { } value)
        {
            return false;
        }

        if (value.Kind != TomlKind.Boolean)
        {
            report.Add(DiagnosticCatalog.ConfigThinkingNotBoolean(report.File, value.Line, value.Column));
            return null;
        }

        return (bool)value.Scalar!;
    }

    private static void CheckThinkingFitsModel(TomlValue root, FreesoloModel model, bool thinking, FreesoloConfigReport report)
    {
        var anchor = root["thinking"] ?? root["model"]!;
        if (thinking && model.Thinking == FreesoloThinking.None)
        {
            report.Add(DiagnosticCatalog.ConfigThinkingUnsupported(report.File, model.Id, anchor.Line, anchor.Column));
        }
        else if (!thinking && model.Thinking == FreesoloThinking.Always)
        {
            report.Add(DiagnosticCatalog.ConfigThinkingRequired(report.File, model.Id, anchor.Line, anchor.Column));
        }
    }

    /// <summary>parse_seed: an int (not a bool, not a float) in 0..2^63-1; 42 when absent.</summary>
    private static void CheckSeed(TomlValue root, FreesoloConfigReport report)
    {
        if (root["seed"] is not { } seed)
        {
            return;
        }

        if (seed.Kind != TomlKind.Integral)
        {
            report.Add(DiagnosticCatalog.ConfigSeed(report.File, "seed must be an integer", seed.Line, seed.Column));
        }
        else if ((long)seed.Scalar! < 0)
        {
            report.Add(DiagnosticCatalog.ConfigSeed(report.File, "seed must be between 0 and 9223372036854775807", seed.Line, seed.Column));
        }
    }

    /// <summary>_validate_environment_section: unknown keys, params, pip and secrets. Returns params when it is a table.</summary>
    private static TomlValue? CheckEnvironment(TomlValue environment, string? algorithm, FreesoloConfigReport report)
    {
        foreach (var key in environment.Keys.Where(k => !FreesoloConfigKeys.Environment.Contains(k, StringComparer.Ordinal)))
        {
            var value = environment[key]!;
            report.Add(DiagnosticCatalog.ConfigKeyUnknown(report.File, "environment", key, value.IsTable, FreesoloConfigKeys.Environment,
                FreesoloConfigKeys.Advice("environment", key), value.KeyLine, value.KeyColumn));
        }

        TomlValue? parameters = null;
        if (environment["params"] is { } p)
        {
            if (p.IsTable)
            {
                parameters = p;
            }
            else
            {
                report.Add(DiagnosticCatalog.ConfigTableWrongType(report.File, "[environment] params must be a table", p.Line, p.Column));
            }
        }

        if (environment["pip"] is { } pip)
        {
            CheckPip(pip, report);
        }

        if (environment["secrets"] is { } secrets)
        {
            CheckSecrets(secrets, algorithm, report);
        }

        return parameters;
    }

    /// <summary>fields._environment_pip: a list of requirement strings, never options or credential-bearing URLs.</summary>
    private static void CheckPip(TomlValue pip, FreesoloConfigReport report)
    {
        if (pip.AsString is { } single)
        {
            var suggestion = single.Contains("://", StringComparison.Ordinal) ? "\"<redacted url>\"" : $"\"{single}\"";
            report.Add(DiagnosticCatalog.ConfigPip(report.File, $"[environment] pip must be a list of requirement strings, not a string: use [{suggestion}]", pip.Line, pip.Column));
            return;
        }

        if (pip.Kind != TomlKind.Array)
        {
            report.Add(DiagnosticCatalog.ConfigPip(report.File, "[environment] pip must be a list of requirement strings", pip.Line, pip.Column));
            return;
        }

        foreach (var item in pip.Items)
        {
            if (item.AsString is not { } text || PythonStrings.Strip(text).Length == 0)
            {
                report.Add(DiagnosticCatalog.ConfigPip(report.File, $"[environment] pip entries must be non-empty requirement strings (got: {PipEcho(item)})", item.Line, item.Column));
                continue;
            }

            var requirement = PythonStrings.Strip(text);
            if (requirement.StartsWith('-'))
            {
                report.Add(DiagnosticCatalog.ConfigPip(report.File, $"[environment] pip entries must be requirements, not pip options (got: {PipEcho(item)})", item.Line, item.Column));
            }
            else if (PipUrlUserInfo().IsMatch(requirement) || PipUrlQuery().IsMatch(requirement))
            {
                report.Add(DiagnosticCatalog.ConfigPip(report.File,
                    "[environment] pip entries must not embed credentials in a URL: the spec is stored and uploaded in plaintext. Use [environment] secrets for the credential and an unauthenticated requirement URL without a query string.",
                    item.Line, item.Column));
            }
        }
    }

    // _pip_echo: anything URL-shaped is never quoted back, so a credential cannot reach a log through a message.
    private static string PipEcho(TomlValue value)
    {
        var text = value.AsString is { } s ? PythonStrings.Strip(s) : value.PythonRepr();
        return text.Contains("://", StringComparison.Ordinal) ? "<redacted url>" : value.AsString is null ? text : PythonStrings.Repr(text);
    }

    /// <summary>fields._environment_secrets: a list of env var names, none of them platform-managed (case-insensitive).</summary>
    private static void CheckSecrets(TomlValue secrets, string? algorithm, FreesoloConfigReport report)
    {
        if (secrets.Kind != TomlKind.Array)
        {
            report.Add(DiagnosticCatalog.ConfigSecrets(report.File, "[environment] secrets must be a list of environment variable names", secrets.Line, secrets.Column));
            return;
        }

        if (secrets.Items.FirstOrDefault(i => i.Kind != TomlKind.Text) is { } notString)
        {
            report.Add(DiagnosticCatalog.ConfigSecrets(report.File, "[environment] secrets entries must be strings", notString.Line, notString.Column));
            return;
        }

        var names = secrets.Items.Select(i => i.AsString!).Distinct(StringComparer.Ordinal).ToList();
        var bad = names.Where(n => n.Length == 0 || n.Any(c => c is '=' or ',' or '\0' or ' ' or '\t' or '\n' or '\r')).Select(PythonStrings.Repr).Order(StringComparer.Ordinal).ToList();
        if (bad.Count > 0)
        {
            report.Add(DiagnosticCatalog.ConfigSecrets(report.File,
                $"[environment] secrets has invalid environment variable name(s): {string.Join(", ", bad)}; an env var name must be non-empty and contain no '=', ',', whitespace, or NUL byte",
                secrets.Line, secrets.Column));
            return;
        }

        var reserved = names.Where(n => ReservedSecrets.Contains(n.ToUpperInvariant()) || (algorithm == "grpo" && GrpoReservedSecrets.Contains(n.ToUpperInvariant())))
            .Order(StringComparer.Ordinal).ToList();
        if (reserved.Count > 0)
        {
            var first = secrets.Items.First(i => reserved.Contains(i.AsString!, StringComparer.Ordinal));
            report.Add(DiagnosticCatalog.ConfigSecrets(report.File, $"[environment] secrets must not include platform-managed key(s): {string.Join(", ", reserved)}", first.Line, first.Column));
        }
    }

    /// <summary>fields._wandb_spec: project and run_name only, each a non-blank string.</summary>
    private static void CheckWandb(TomlValue wandb, FreesoloConfigReport report)
    {
        foreach (var key in wandb.Keys)
        {
            var value = wandb[key]!;
            if (!FreesoloConfigKeys.Wandb.Contains(key, StringComparer.Ordinal))
            {
                report.Add(DiagnosticCatalog.ConfigKeyUnknown(report.File, "wandb", key, value.IsTable, FreesoloConfigKeys.Wandb,
                    FreesoloConfigKeys.Advice("wandb", key), value.KeyLine, value.KeyColumn));
            }
            else if (value.AsString is not { } text || PythonStrings.Strip(text).Length == 0)
            {
                report.Add(DiagnosticCatalog.ConfigWandb(report.File, $"[wandb] {key} must be a non-empty string", value.Line, value.Column));
            }
        }
    }

    /// <summary>
    /// _validate_spec's last two checks (the id is set; is_freesolo_environment_id), then what the planes make of a
    /// valid id: the managed submit's slug rule, and GitHub references that only a self-hosted plane runs.
    /// </summary>
    private static void CheckEnvironmentId(TomlValue root, TomlValue? environment, FreesoloConfigReport report)
    {
        if (root["environment"] is { IsTable: false })
        {
            return;
        }

        var id = environment?["id"];
        if (id is null || !id.IsTruthy)
        {
            var anchor = id ?? environment;
            report.Add(DiagnosticCatalog.ConfigEnvironmentIdMissing(report.File, anchor?.Line ?? 1, anchor?.Column ?? 1));
            return;
        }

        // Flash stringifies a non-string id first (str(5) == "5"); no such spelling is ever a valid id.
        var text = id.AsString;
        if (text is null)
        {
            report.Add(DiagnosticCatalog.ConfigEnvironmentIdMalformed(report.File, PythonStrings.Repr(id.PythonRepr()), id.Line, id.Column));
            return;
        }

        var verdict = FreesoloEnvironmentId.Classify(text);
        switch (verdict.Form)
        {
            case FreesoloEnvironmentIdForm.Invalid:
                report.Add(DiagnosticCatalog.ConfigEnvironmentIdMalformed(report.File, PythonStrings.Repr(text), id.Line, id.Column));
                break;
            case FreesoloEnvironmentIdForm.SlugRefusedBySubmit:
                report.Add(DiagnosticCatalog.ConfigEnvironmentIdRefusedBySubmit(report.File, PythonStrings.Repr(text), verdict.Detail!, id.Line, id.Column));
                break;
            case FreesoloEnvironmentIdForm.HubReference:
                report.Add(DiagnosticCatalog.ConfigEnvironmentIdHubReference(report.File, PythonStrings.Repr(text), verdict.Detail, id.Line, id.Column));
                break;
            case FreesoloEnvironmentIdForm.GitHub:
                report.Add(DiagnosticCatalog.ConfigEnvironmentIdGitHub(report.File, FreesoloEnvironmentId.ParseGitHub(text)!.Canonical, id.Line, id.Column));
                break;
        }
    }
}
