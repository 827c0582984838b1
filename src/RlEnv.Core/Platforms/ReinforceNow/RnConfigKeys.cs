// The fields of rnow's config models (rnow/models.py): ProjectConfig (M:522-540), DataConfig (M:328-336), ModelConfig
// with its populate_by_name aliases (M:349-383), TeacherConfig (M:386-400), AlgorithmConfig (M:414-421), RolloutConfig
// (M:424-471), EvalTriggerConfig (M:474-498) and TrainerConfig (M:501-519). Every one has extra="forbid", so any other
// key is refused ("Extra inputs are not permitted"; rnow prints "Unknown field (typo?)", format_validation_error C:101-102).
namespace RlEnv.Core.Platforms.ReinforceNow;

public static class RnConfigKeys
{
    public const string Root = "";

    public static readonly IReadOnlyList<string> TopLevel =
        ["project_id", "project_name", "description", "dataset_type", "organization_id", "data", "model", "trainer", "algorithm", "rollout", "teacher", "evals"];

    public static readonly IReadOnlyList<string> Data = ["train_file", "batch_size", "group_size", "val_split"];

    public static readonly IReadOnlyList<string> Model =
    [
        "path", "qlora_rank", "qlora_alpha", "name", "description", "resolved_checkpoint_path", "_resolvedCheckpointPath",
        "resolved_base_model", "_baseModelName", "resolved_sampler_checkpoint_path", "_resolvedSamplerCheckpointPath",
    ];

    public static readonly IReadOnlyList<string> Teacher = ["path", "agentic"];

    public static readonly IReadOnlyList<string> Algorithm = ["loss_fn", "adv_estimator", "kl_penalty_coef"];

    public static readonly IReadOnlyList<string> Rollout =
    [
        "max_turns", "max_context_window", "termination_policy", "reasoning_mode", "mcp_url", "tool_timeout", "reward_timeout",
        "max_tool_response", "include_thinking", "rollout_timeout",
    ];

    public static readonly IReadOnlyList<string> Eval = ["eval_id", "step", "name", "pass1", "pass4", "pass8", "pass1_temp", "pass4_temp", "pass8_temp"];

    public static readonly IReadOnlyList<string> Trainer = ["num_epochs", "learning_rate", "save_step", "max_billing"];

    private static readonly Dictionary<string, IReadOnlyList<string>> BySection = new(StringComparer.Ordinal)
    {
        [Root] = TopLevel,
        ["data"] = Data,
        ["model"] = Model,
        ["teacher"] = Teacher,
        ["algorithm"] = Algorithm,
        ["rollout"] = Rollout,
        ["evals"] = Eval,
        ["trainer"] = Trainer,
    };

    // Keys other tools or older rnow versions use, and where rnow wants them now.
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["base_model"] = "model.path",
        ["model_name"] = "model.path",
        ["model_path"] = "model.path",
        ["epochs"] = "trainer.num_epochs",
        ["num_train_epochs"] = "trainer.num_epochs",
        ["lr"] = "trainer.learning_rate",
        ["lora_rank"] = "model.qlora_rank",
        ["rank"] = "model.qlora_rank",
        ["lora_alpha"] = "model.qlora_alpha",
        ["name"] = "project_name",
        ["type"] = "dataset_type",
        ["eval"] = "evals",
        ["training"] = "trainer",
        ["dataset"] = "data",
        ["max_tokens"] = "rollout.max_context_window",
        ["timeout"] = "rollout.tool_timeout",
    };

    public static IReadOnlyList<string> Allowed(string section) => BySection[section];

    /// <summary>RlEnv's advice for an unknown key: where it belongs, what replaced it, or the allowed key it is closest to.</summary>
    /// <param name="section">The section holding the key ("" for the top level, "evals" for an evals item).</param>
    /// <param name="key">The unknown key.</param>
    public static string? Advice(string section, string key)
    {
        if (section.Length == 0 && key is "dataset_id" or "dataset_name")
        {
            return $"{key} is a legacy field: `rnow init` deletes it, and `rnow run` refuses it.";
        }

        if (Closest(key, BySection[section]) is { } closest)
        {
            return $"Did you mean {Qualified(section, closest)}?";
        }

        if (Renamed.TryGetValue(key, out var renamed) && (section.Length == 0 || renamed.StartsWith(section + ".", StringComparison.Ordinal)))
        {
            return $"Did you mean {renamed}?";
        }

        foreach (var (other, keys) in BySection)
        {
            if (other != section && keys.Contains(key, StringComparer.Ordinal))
            {
                return other.Length == 0 ? $"{key} is a top-level key, not part of {section}." : $"Did you mean {other}.{key}? It belongs under {other}.";
            }
        }

        // A typo of a key that belongs in another section (a top-level bacth_size).
        foreach (var (other, keys) in BySection)
        {
            if (other != section && other.Length > 0 && Closest(key, keys) is { } elsewhere)
            {
                return $"Did you mean {other}.{elsewhere}? It belongs under {other}.";
            }
        }

        return null;
    }

    /// <summary>The candidate within a small edit distance of <paramref name="word"/> (ignoring case), or null.</summary>
    /// <param name="word">What was written.</param>
    /// <param name="candidates">What is allowed.</param>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        var budget = word.Length <= 4 ? 1 : word.Length <= 10 ? 2 : 3;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance <= budget && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static string Qualified(string section, string key) => section.Length == 0 ? key : $"{section}.{key}";

    // Optimal string alignment: insertions, deletions, substitutions and adjacent swaps cost 1.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
