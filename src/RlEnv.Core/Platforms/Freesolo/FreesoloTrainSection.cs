// Mirrors the [train] half of flash/schema/__init__.py::spec_from_dict (freesolo-co/flash 1.2.89):
// validate_train_keys, validate_train_keys_for_algorithm, core/grpo.py::resolve_grpo_rollout_shape (run on the raw
// values, before the generic int checks), the TrainSpec field parsers of fields.py (_section_int, _train_float,
// _train_teacher, _train_stops, _train_credit_assignment, _train_structured_outputs) and of core/spec.py
// (parse_max_steps, parse_positive_int_tuple, TrainSpec.__post_init__), _init_from_adapter_ref, the LoRA checks of
// _validate_algorithm_model_consistency, _reject_inapplicable_train_knobs, _validate_on_policy_prompt_budget and
// _validate_opd. Flash's docs say SFT requires max_examples and list advantage_clip; the code does neither.
using System.Text.RegularExpressions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>The [train] values that parsed, by key (long, double, string, or the normalized form), for the cross-field checks.</summary>
public sealed class FreesoloTrainValues
{
    public Dictionary<string, object> Parsed { get; } = new(StringComparer.Ordinal);

    public long? Whole(string key) => Parsed.TryGetValue(key, out var v) && v is long l ? l : null;

    public double? Real(string key) => Parsed.TryGetValue(key, out var v) && v is double d ? d : null;
}

public static partial class FreesoloTrainSection
{
    // _section_int minimums per key (TrainSpec construction in spec_from_dict).
    private static readonly (string Key, long Minimum)[] Ints =
    [
        ("epochs", 1), ("lora_rank", 1), ("lora_alpha", 1), ("batch_size", 1), ("prompts_per_step", 1), ("max_context_tokens", 1),
        ("save_every", 1), ("group_size", 1), ("max_completion_tokens", 1), ("max_examples", 0),
    ];

    // _train_float bounds: (minimum, exclusive, maximum).
    private static readonly (string Key, bool Exclusive, double? Maximum)[] Floats =
    [
        ("learning_rate", true, null), ("temperature", false, null), ("kl_penalty_coef", false, null),
        ("entropy_quantile", false, 1.0), ("thinking_length_penalty_coef", false, 1.0),
    ];

    // _ALGORITHM_ONLY_TRAIN_KEYS.
    private static readonly (string Key, string[] Algorithms, string Counterpart, string Only)[] AlgorithmOnly =
    [
        ("batch_size", ["sft"], "prompts_per_step", "sft"),
        ("prompts_per_step", ["grpo", "opd"], "batch_size", "grpo/opd"),
    ];

    // _INAPPLICABLE_TRAIN_KNOBS, in Flash's order per algorithm.
    private static readonly Dictionary<string, (string Knob, string Reason)[]> Inapplicable = new(StringComparer.Ordinal)
    {
        ["sft"] =
        [
            ("structured_outputs", "only applies to rollout algorithms (grpo, opd); SFT trains on dataset completions and never generates"),
            ("group_size", "only applies to rollout algorithms (grpo, opd); it sizes the generations per prompt, and SFT never generates"),
            ("temperature", "only applies to rollout algorithms (grpo, opd); SFT trains on dataset completions and never samples"),
            ("max_completion_tokens", "only applies to rollout algorithms (grpo, opd); SFT never generates, so cap the training rows with max_context_tokens instead"),
            ("kl_penalty_coef", "only applies to rollout algorithms (grpo, opd); SFT's objective has no KL term"),
            ("entropy_quantile", "only applies to grpo; SFT has no rollout tokens to rank by entropy"),
            ("thinking_length_penalty_coef", "only applies to grpo; it penalizes generated reasoning length, and SFT never generates"),
            ("teacher_model", "only applies to opd; SFT trains on dataset completions, not a teacher"),
            ("credit_assignment", "only applies to grpo; it distributes rollout advantage across turns, and SFT has no rollouts"),
            ("stop_sequences", "only applies to rollout algorithms (grpo, opd); they bound sampling, and SFT never generates"),
        ],
        ["opd"] =
        [
            ("entropy_quantile", "only applies to grpo; opd distils every sampled token against the teacher rather than ranking tokens by entropy"),
            ("thinking_length_penalty_coef", "only applies to grpo; it shapes the grpo reward, and opd optimizes a distillation objective with no reward term"),
            ("credit_assignment", "only applies to grpo; it distributes group-relative advantage, and opd has no advantages to assign"),
        ],
        ["grpo"] =
        [
            ("teacher_model", "only applies to opd; grpo optimizes its environment reward and has no teacher"),
        ],
    };

    // engine/plan/recipe.py: TEACHER_MODELS (aliases, in order) and DEFAULT_TEACHER_ALIAS.
    private static readonly string[] Teachers = ["kimi-k3", "glm-5.2", "deepseek-v4-pro", "qwen3.5-397b-a17b", "qwen3-vl-235b"];

    // core/grpo.py.
    private static readonly long[] GrpoGroupSizes = [2, 4, 8];

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(?:/step-\d{1,18})?\z")]
    private static partial Regex CheckpointRef();

    /// <summary>
    /// Everything [train] decides on its own or with the algorithm (null when unknown). Returns the values that parsed.
    /// </summary>
    public static FreesoloTrainValues Check(TomlValue train, string? algorithm, FreesoloConfigReport report)
    {
        var values = new FreesoloTrainValues();
        foreach (var key in train.Keys.Where(k => !FreesoloConfigKeys.Train.Contains(k, StringComparer.Ordinal)))
        {
            var value = train[key]!;
            report.Add(DiagnosticCatalog.ConfigKeyUnknown(report.File, "train", key, value.IsTable, FreesoloConfigKeys.Train,
                FreesoloConfigKeys.Advice("train", key), value.KeyLine, value.KeyColumn));
        }

        if (algorithm is not null)
        {
            foreach (var (key, algorithms, counterpart, only) in AlgorithmOnly)
            {
                if (train[key] is { } value && !algorithms.Contains(algorithm))
                {
                    report.Add(DiagnosticCatalog.ConfigTrainKnobForAlgorithm(report.File,
                        $"[train] {key} does not apply to {algorithm}: use {counterpart} instead. {key} is {only}-only, and the two are different quantities -- {counterpart} is the optimizer batch itself, so copying an sft batch_size here would change how many prompts each update trains on",
                        value.KeyLine, value.KeyColumn));
                }
            }
        }

        var shapeFlagged = algorithm == "grpo" ? CheckGrpoShape(train, report) : [];
        foreach (var (key, minimum) in Ints)
        {
            if (train[key] is { } value && !shapeFlagged.Contains(key) && SectionInt(value, "train", key, minimum, null, report) is { } parsed)
            {
                values.Parsed[key] = parsed;
            }
        }

        foreach (var (key, exclusive, maximum) in Floats)
        {
            if (train[key] is { } value && TrainFloat(value, key, exclusive, maximum, report) is { } parsed)
            {
                values.Parsed[key] = parsed;
            }
        }

        CheckTeacher(train, values, report);
        CheckStops(train, values, report);
        CheckCreditAssignment(train, values, report);
        if (train["structured_outputs"] is { } so && FreesoloStructuredOutputs.Problem(so) is { } soProblem)
        {
            report.Add(DiagnosticCatalog.ConfigTrainValue(report.File, "train.structured_outputs " + soProblem, so.Line, so.Column));
        }
        else if (train["structured_outputs"] is { } constrained && FreesoloStructuredOutputs.IsConstrained(constrained))
        {
            values.Parsed["structured_outputs"] = true;
        }

        CheckSteps(train, values, report);
        CheckInitFromAdapter(train, values, report);
        if (algorithm is not null)
        {
            RejectInapplicable(train, values, algorithm, report);
        }

        return values;
    }

    /// <summary>The checks that need the model and thinking too: LoRA rank and alpha, the prompt budget, OPD's kl.</summary>
    public static void CheckAgainstModel(TomlValue train, FreesoloTrainValues values, FreesoloModel? model, string? algorithm, bool thinking, FreesoloConfigReport report)
    {
        var warmStart = values.Parsed.TryGetValue("init_from_adapter", out var adapter) && adapter is string { Length: > 0 };
        foreach (var key in new[] { "lora_rank", "lora_alpha" })
        {
            if (warmStart && train[key] is { } value)
            {
                var what = key == "lora_rank" ? "rank" : "alpha";
                report.Add(DiagnosticCatalog.ConfigLora(report.File,
                    $"train.{key} cannot be set with train.init_from_adapter because source adapter {what} metadata is authoritative", value.KeyLine, value.KeyColumn));
            }
        }

        if (!warmStart && model is not null && values.Whole("lora_rank") is { } rank && rank > model.MaxLoraRank)
        {
            var value = train["lora_rank"]!;
            report.Add(DiagnosticCatalog.ConfigLora(report.File,
                $"train.lora_rank={rank} exceeds {model.Id}'s serving max_lora_rank={model.MaxLoraRank}; lower train.lora_rank or raise the serving cap after real-GPU validation",
                value.Line, value.Column));
        }

        if (algorithm is "grpo" or "opd" && values.Whole("max_context_tokens") is { } context)
        {
            var completion = values.Whole("max_completion_tokens")
                ?? (thinking ? 1536 : algorithm == "grpo" ? 320 : 512);
            if (context - completion < 1)
            {
                var value = train["max_context_tokens"]!;
                report.Add(DiagnosticCatalog.ConfigPromptBudget(report.File, context, completion, algorithm, value.Line, value.Column));
            }
        }

        if (algorithm == "opd" && values.Real("kl_penalty_coef") == 0.0)
        {
            var value = train["kl_penalty_coef"]!;
            report.Add(DiagnosticCatalog.ConfigOpdKlZero(report.File, value.Line, value.Column));
        }
    }

    /// <summary>fields._section_int: a number (not a bool), integral and finite (2.0 passes), within bounds.</summary>
    internal static long? SectionInt(TomlValue value, string section, string key, long minimum, long? maximum, FreesoloConfigReport report)
    {
        string? problem = null;
        long parsed = 0;
        if (!value.IsNumber)
        {
            problem = $"{section}.{key} must be an integer";
        }
        else if (value.Kind == TomlKind.Fractional && (!double.IsFinite(value.AsDouble) || Math.Floor(value.AsDouble) != value.AsDouble))
        {
            problem = $"{section}.{key} must be a finite integer";
        }
        else
        {
            parsed = value.Kind == TomlKind.Integral ? (long)value.Scalar! : (long)Math.Clamp(value.AsDouble, long.MinValue, long.MaxValue);
            if (maximum is { } max && (parsed < minimum || parsed > max))
            {
                problem = $"{section}.{key} must be between {minimum} and {max}";
            }
            else if (parsed < minimum)
            {
                problem = $"{section}.{key} must be >= {minimum}";
            }
        }

        if (problem is null)
        {
            return parsed;
        }

        var add = section == "gpu"
            ? DiagnosticCatalog.ConfigGpu(report.File, problem, value.Line, value.Column)
            : DiagnosticCatalog.ConfigTrainValue(report.File, problem, value.Line, value.Column);
        report.Add(add);
        return null;
    }

    private static double? TrainFloat(TomlValue value, string key, bool exclusive, double? maximum, FreesoloConfigReport report)
    {
        string? problem;
        var v = value.AsDouble;
        if (!value.IsNumber)
        {
            problem = $"train.{key} must be a number";
        }
        else if (!double.IsFinite(v))
        {
            problem = $"train.{key} must be a finite number";
        }
        else if (exclusive && v <= 0)
        {
            problem = $"train.{key} must be > 0.0";
        }
        else if (!exclusive && v < 0)
        {
            problem = $"train.{key} must be >= 0.0";
        }
        else if (maximum is { } max && v > max)
        {
            problem = $"train.{key} must be between 0.0 and {PythonStrings.ReprFloat(max)}";
        }
        else
        {
            return v;
        }

        report.Add(DiagnosticCatalog.ConfigTrainValue(report.File, problem, value.Line, value.Column));
        return null;
    }

    /// <summary>resolve_grpo_rollout_shape on the raw values. Returns the keys it flagged.</summary>
    private static HashSet<string> CheckGrpoShape(TomlValue train, FreesoloConfigReport report)
    {
        var flagged = new HashSet<string>(StringComparer.Ordinal);
        var prompts = train["prompts_per_step"];
        var group = train["group_size"];
        long promptCount = 64;
        long groupCount = 8;
        if (prompts is not null)
        {
            if (prompts.Kind != TomlKind.Integral)
            {
                Flag(prompts, "train.prompts_per_step must be an integer or omitted for GRPO");
            }
            else if ((promptCount = (long)prompts.Scalar!) <= 0)
            {
                Flag(prompts, "train.prompts_per_step must be positive for GRPO");
            }
        }

        if (group is not null)
        {
            if (group.Kind != TomlKind.Integral)
            {
                Flag(group, "train.group_size must be an integer or omitted for GRPO");
            }
            else if (!GrpoGroupSizes.Contains(groupCount = (long)group.Scalar!))
            {
                Flag(group, "train.group_size must be one of {2, 4, 8} for GRPO");
            }
        }

        if (flagged.Count == 0 && promptCount * groupCount > 512)
        {
            var anchor = prompts ?? group!;
            report.Add(DiagnosticCatalog.ConfigGrpoShape(report.File,
                $"train.prompts_per_step * train.group_size must be <= 512 for GRPO (got {promptCount} * {groupCount} = {promptCount * groupCount})", anchor.Line, anchor.Column));
        }

        return flagged;

        void Flag(TomlValue value, string message)
        {
            flagged.Add(value == prompts ? "prompts_per_step" : "group_size");
            report.Add(DiagnosticCatalog.ConfigGrpoShape(report.File, message, value.Line, value.Column));
        }
    }

    private static void CheckTeacher(TomlValue train, FreesoloTrainValues values, FreesoloConfigReport report)
    {
        if (train["teacher_model"] is not { } value)
        {
            return;
        }

        if (value.AsString is not { } text)
        {
            report.Add(DiagnosticCatalog.ConfigTrainValue(report.File, "train.teacher_model must be a string", value.Line, value.Column));
            return;
        }

        if (PythonStrings.Strip(text).Length == 0)
        {
            return;
        }

        // normalize_teacher_alias: case, '_', '-' and whitespace runs all fold to single dashes.
        var alias = string.Join('-', text.ToLowerInvariant().Replace('_', ' ').Replace('-', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (Teachers.Contains(alias, StringComparer.Ordinal))
        {
            values.Parsed["teacher_model"] = alias;
            return;
        }

        report.Add(DiagnosticCatalog.ConfigTrainValue(report.File,
            $"train.teacher_model {PythonStrings.Repr(text)} is not a supported teacher; choose one of: {string.Join(", ", Teachers)} (default glm-5.2). The teacher is platform-managed; bring-your-own teachers are not supported",
            value.Line, value.Column));
    }

    private static void CheckStops(TomlValue train, FreesoloTrainValues values, FreesoloConfigReport report)
    {
        if (train["stop_sequences"] is not { } value)
        {
            return;
        }

        if (value.AsString is { } single)
        {
            if (single.Length > 0)
            {
                values.Parsed["stop_sequences"] = true;
            }

            return;
        }

        if (value.Kind != TomlKind.Array)
        {
            report.Add(DiagnosticCatalog.ConfigTrainValue(report.File, "train.stop_sequences must be a string or a list of strings", value.Line, value.Column));
            return;
        }

        if (value.Items.FirstOrDefault(i => i.Kind != TomlKind.Text) is { } bad)
        {
            report.Add(DiagnosticCatalog.ConfigTrainValue(report.File, "train.stop_sequences entries must be strings", bad.Line, bad.Column));
            return;
        }

        if (value.Items.Any(i => i.AsString!.Length > 0))
        {
            values.Parsed["stop_sequences"] = true;
        }
    }

    private static void CheckCreditAssignment(TomlValue train, FreesoloTrainValues values, FreesoloConfigReport report)
    {
        if (train["credit_assignment"] is not { } value)
        {
            return;
        }

        var normalized = value.AsString is { } text ? PythonStrings.Strip(text).ToLowerInvariant() : null;
        if (normalized is "" or "per_episode")
        {
            return;
        }

        if (normalized == "per_turn")
        {
            values.Parsed["credit_assignment"] = "per_turn";
            return;
        }

        report.Add(DiagnosticCatalog.ConfigTrainValue(report.File,
            $"train.credit_assignment must be \"per_episode\" or \"per_turn\"; got {value.PythonRepr()}", value.Line, value.Column));
    }

    /// <summary>TrainSpec.__post_init__: max_steps (an int; 0 or less means derived), then save_at_steps against it.</summary>
    private static void CheckSteps(TomlValue train, FreesoloTrainValues values, FreesoloConfigReport report)
    {
        long maxSteps = 0;
        var maxStepsValid = true;
        if (train["max_steps"] is { } max)
        {
            if (max.Kind != TomlKind.Integral)
            {
                report.Add(DiagnosticCatalog.ConfigTrainValue(report.File, "train.max_steps must be an integer or null", max.Line, max.Column));
                maxStepsValid = false;
            }
            else
            {
                maxSteps = Math.Max(0, (long)max.Scalar!);
            }
        }

        if (train["save_at_steps"] is not { } steps)
        {
            return;
        }

        string? problem = null;
        var anchor = steps;
        var list = new List<long>();
        if (steps.Kind != TomlKind.Array)
        {
            problem = "train.save_at_steps must be a list of integers";
        }
        else
        {
            foreach (var item in steps.Items)
            {
                anchor = item;
                if (item.Kind != TomlKind.Integral)
                {
                    problem = "train.save_at_steps entries must be integers";
                    break;
                }

                if ((long)item.Scalar! <= 0)
                {
                    problem = "train.save_at_steps entries must be positive";
                    break;
                }

                list.Add((long)item.Scalar!);
            }

            if (problem is null)
            {
                anchor = steps;
                if (!list.SequenceEqual(list.Distinct().Order()))
                {
                    problem = "train.save_at_steps must be strictly increasing with no duplicates";
                }
                else if (list.Count > 0 && maxStepsValid && maxSteps <= 0)
                {
                    problem = "train.save_at_steps requires positive train.max_steps";
                }
                else if (list.Count > 0 && maxStepsValid && list[^1] > maxSteps)
                {
                    problem = "train.save_at_steps cannot contain a step beyond train.max_steps";
                }
            }
        }

        if (problem is not null)
        {
            report.Add(DiagnosticCatalog.ConfigTrainValue(report.File, problem, anchor.Line, anchor.Column));
        }
    }

    /// <summary>_init_from_adapter_ref: blank means unset; otherwise `run_id` or `run_id/step-N`.</summary>
    private static void CheckInitFromAdapter(TomlValue train, FreesoloTrainValues values, FreesoloConfigReport report)
    {
        if (train["init_from_adapter"] is not { } value)
        {
            return;
        }

        if (value.AsString is not { } text)
        {
            report.Add(DiagnosticCatalog.ConfigTrainValue(report.File, "train.init_from_adapter must be a string", value.Line, value.Column));
            return;
        }

        var reference = PythonStrings.Strip(text);
        if (reference.Length == 0)
        {
            return;
        }

        if (CheckpointRef().IsMatch(reference))
        {
            values.Parsed["init_from_adapter"] = reference;
            return;
        }

        report.Add(DiagnosticCatalog.ConfigTrainValue(report.File,
            "train.init_from_adapter must be `<run_id>` (continue that run's trained adapter) or `<run_id>/step-N` (warm-start from a checkpoint listed by `flash runs checkpoint`)",
            value.Line, value.Column));
    }

    /// <summary>_reject_inapplicable_train_knobs: a knob whose parsed value differs from TrainSpec's default.</summary>
    private static void RejectInapplicable(TomlValue train, FreesoloTrainValues values, string algorithm, FreesoloConfigReport report)
    {
        if (!Inapplicable.TryGetValue(algorithm, out var knobs))
        {
            return;
        }

        foreach (var (knob, reason) in knobs)
        {
            if (values.Parsed.ContainsKey(knob))
            {
                var value = train[knob]!;
                report.Add(DiagnosticCatalog.ConfigTrainKnobForAlgorithm(report.File, $"train.{knob} {reason}", value.KeyLine, value.KeyColumn));
            }
        }
    }
}
