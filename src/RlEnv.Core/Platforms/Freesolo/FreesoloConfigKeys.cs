// Mirrors the key sets of flash/schema/__init__.py (_TOP_LEVEL_KEYS, _ENVIRONMENT_KEYS, TRAIN_SCHEMA_KEYS, _GPU_KEYS),
// flash/schema/fields.py (_WANDB_KEYS) and the managed-key registries of flash/core/spec.py (MANAGED_*_KEYS),
// freesolo-co/flash 1.2.89. The suggestions are RlEnv's own.
namespace RlEnv.Core.Platforms.Freesolo;

public static class FreesoloConfigKeys
{
    /// <summary>JobSpec's fields minus MANAGED_TOP_LEVEL_KEYS.</summary>
    public static readonly IReadOnlyList<string> TopLevel = ["model", "algorithm", "environment", "train", "gpu", "seed", "thinking", "wandb", "project"];

    /// <summary>EnvironmentSpec's fields minus MANAGED_ENVIRONMENT_KEYS, sorted as Flash lists them.</summary>
    public static readonly IReadOnlyList<string> Environment = ["id", "params", "pip", "secrets"];

    /// <summary>TRAIN_SCHEMA_KEYS (the TrainSpec fields with an introduced_in version), sorted.</summary>
    public static readonly IReadOnlyList<string> Train =
    [
        "batch_size", "credit_assignment", "entropy_quantile", "epochs", "group_size", "init_from_adapter", "kl_penalty_coef",
        "learning_rate", "lora_alpha", "lora_rank", "max_completion_tokens", "max_context_tokens", "max_examples", "max_steps",
        "prompts_per_step", "save_at_steps", "save_every", "stop_sequences", "structured_outputs", "teacher_model", "temperature",
        "thinking_length_penalty_coef",
    ];

    /// <summary>GpuSpec's fields minus MANAGED_GPU_KEYS and type_fallbacks, sorted.</summary>
    public static readonly IReadOnlyList<string> Gpu = ["count", "provider", "providers", "type"];

    /// <summary>_WANDB_KEYS.</summary>
    public static readonly IReadOnlyList<string> Wandb = ["project", "run_name"];

    private static readonly Dictionary<string, IReadOnlyList<string>> BySection = new(StringComparer.Ordinal)
    {
        [string.Empty] = TopLevel,
        ["environment"] = Environment,
        ["train"] = Train,
        ["gpu"] = Gpu,
        ["wandb"] = Wandb,
    };

    // Keys the control plane assigns (MANAGED_*_KEYS) or that Flash dropped from the public schema: Flash refuses
    // them as unknown; RlEnv says why.
    private static readonly Dictionary<(string Section, string Key), string> Explained = new()
    {
        [(string.Empty, "run_id")] = "run_id is platform-managed: the server assigns it",
        [(string.Empty, "model_revision")] = "model_revision is platform-managed: the runner pins the model revision (Flash's docs still list it; its code refuses it)",
        [(string.Empty, "model_revision_auto")] = "model_revision_auto is platform-managed",
        [(string.Empty, "model_revision_force_pin")] = "model_revision_force_pin is platform-managed",
        [(string.Empty, "gpu_count_auto")] = "gpu_count_auto is platform-managed: leave [gpu] count and type out to let Flash size the run",
        [(string.Empty, "workload_profile")] = "workload_profile is platform-managed",
        [(string.Empty, "workload_profile_input_digest")] = "workload_profile_input_digest is platform-managed",
        [(string.Empty, "workload_profile_producer_version")] = "workload_profile_producer_version is platform-managed",
        [(string.Empty, "worker_env")] = "Flash no longer takes a [worker_env] table (its docs still show one); declare credential names in [environment] secrets",
        [(string.Empty, "model_policy")] = "Flash trains only the catalog's models; set model to one of their ids",
        [("environment", "resolved_sha")] = "resolved_sha is platform-managed: the control plane pins the environment revision",
        [("environment", "package")] = "package is platform-managed: the control plane stages the environment package",
        [("environment", "path")] = "Flash has no local path mode: publish the environment with `flash env push --project <project-uuid> --name <name>` and set id to the returned id",
        [("train", "hf_repo")] = "hf_repo is platform-managed: the server assigns the artifact repository",
        [("train", "init_from_adapter_revision")] = "init_from_adapter_revision is platform-managed: set init_from_adapter",
        [("train", "advantage_clip")] = "Flash's docs list advantage_clip, but its code refuses it",
        [("gpu", "disk_gb")] = "disk_gb is platform-managed: the runner sizes the disk",
        [("gpu", "network_volume")] = "network_volume is platform-managed",
        [("gpu", "network_volume_gb")] = "network_volume_gb is platform-managed",
        [("gpu", "max_retries")] = "max_retries is platform-managed",
        [("gpu", "max_wall_seconds")] = "max_wall_seconds is platform-managed",
        [("gpu", "type_fallbacks")] = "Write the fallbacks into type as a list instead, e.g. type = [\"A100 PCIe\", \"A100 SXM\"]",
    };

    // Names people carry over from other trainers, and what Flash calls the same thing.
    private static readonly Dictionary<(string Section, string Key), string> Renamed = new()
    {
        [("train", "max_tokens")] = "max_completion_tokens",
        [("train", "max_token")] = "max_completion_tokens",
        [("train", "max_new_tokens")] = "max_completion_tokens",
        [("train", "max_length")] = "max_context_tokens",
        [("train", "max_seq_len")] = "max_context_tokens",
        [("train", "max_seq_length")] = "max_context_tokens",
        [("train", "lr")] = "learning_rate",
        [("train", "rank")] = "lora_rank",
        [("train", "alpha")] = "lora_alpha",
        [("train", "num_epochs")] = "epochs",
        [("train", "steps")] = "max_steps",
        [("train", "teacher")] = "teacher_model",
        [("train", "stop")] = "stop_sequences",
        [("gpu", "gpus")] = "count",
        [("gpu", "num_gpus")] = "count",
        [("gpu", "gpu_type")] = "type",
        [("environment", "args")] = "params",
        [("environment", "parameters")] = "params",
        [("environment", "name")] = "id",
        [("wandb", "name")] = "run_name",
        [(string.Empty, "model_id")] = "model",
        [(string.Empty, "algo")] = "algorithm",
        [(string.Empty, "project_id")] = "project",
    };

    public static IReadOnlyList<string> Allowed(string section) => BySection[section];

    /// <summary>RlEnv's advice for an unknown key: why Flash refuses it, where it belongs, or the allowed key it is closest to.</summary>
    public static string? Advice(string section, string key)
    {
        if (Explained.TryGetValue((section, key), out var explained))
        {
            return explained;
        }

        if (Renamed.TryGetValue((section, key), out var renamed))
        {
            return $"Did you mean {Qualified(section, renamed)}?";
        }

        // A key that is valid in another table: [train] seed, a top-level epochs, [gpu] model.
        foreach (var (other, keys) in BySection)
        {
            if (other != section && keys.Contains(key, StringComparer.Ordinal) && !(other.Length == 0 && key is "environment" or "train" or "gpu" or "wandb"))
            {
                return other.Length == 0 ? $"{key} is a top-level key, not part of [{section}]" : $"{key} belongs under [{other}]";
            }
        }

        var closest = Closest(key, BySection[section]);
        return closest is null ? null : $"Did you mean {Qualified(section, closest)}?";
    }

    /// <summary>The candidate within a small edit distance of <paramref name="key"/> (typos, not synonyms), or null.</summary>
    public static string? Closest(string key, IEnumerable<string> candidates)
    {
        var budget = key.Length <= 4 ? 1 : key.Length <= 10 ? 2 : 3;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Validation.EditDistance.Between(key.ToLowerInvariant(), candidate);
            if (distance <= budget && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static string Qualified(string section, string key) => section.Length == 0 ? $"\"{key}\"" : $"[{section}] {key}";
}
