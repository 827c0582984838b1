// Mirrors flash/core/catalog.py (freesolo-co/flash 1.2.89): MODELS, ALGORITHMS, normalize_algorithm,
// get_model / resolve_model / validate_model_for_algorithm and serving_lora_rank_cap. Only the facts a config
// check needs are carried over: the exact ids, the algorithms, the thinking capability, the serving LoRA
// rank cap and context, and the VRAM floors Flash's sizing never goes below.
namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>A model's thinking capability (ModelInfo.thinking).</summary>
public enum FreesoloThinking
{
    None,
    Hybrid,
    Always,
}

/// <param name="Id">The exact, case-sensitive catalog id.</param>
/// <param name="ParamsB">Total parameters in billions (params_b).</param>
/// <param name="Algorithms">The algorithms the model trains with (algos).</param>
/// <param name="Thinking">Whether a run may or must set thinking.</param>
/// <param name="MaxLoraRank">The serving app's max_lora_rank: train.lora_rank above it is refused.</param>
/// <param name="MaxModelLen">The serving app's max_model_len.</param>
/// <param name="GrpoMinVramGb">grpo_min_vram_gb: the floor of a GRPO run's VRAM requirement (0: none).</param>
/// <param name="SftMinVramGb">sft_min_vram_gb: the floor for SFT and OPD (0: none).</param>
public sealed record FreesoloModel(
    string Id,
    double ParamsB,
    IReadOnlyList<string> Algorithms,
    FreesoloThinking Thinking,
    int MaxLoraRank,
    int MaxModelLen,
    int GrpoMinVramGb,
    int SftMinVramGb);

public static class FreesoloModelCatalog
{
    /// <summary>ALGORITHMS, in Flash's order (its messages list them so).</summary>
    public static readonly IReadOnlyList<string> Algorithms = ["sft", "grpo", "opd"];

    /// <summary>DEFAULT_MODEL.</summary>
    public const string DefaultModel = "Qwen/Qwen3.5-4B";

    /// <summary>MODELS, in the catalog's order (get_model's message lists them so).</summary>
    public static readonly IReadOnlyList<FreesoloModel> Models =
    [
        new("Qwen/Qwen3.5-0.8B", 0.9, Algorithms, FreesoloThinking.Hybrid, 128, 32768, 0, 0),
        new("Qwen/Qwen3.5-2B", 2.3, Algorithms, FreesoloThinking.Hybrid, 128, 32768, 0, 0),
        new("Qwen/Qwen3.5-4B", 4.7, Algorithms, FreesoloThinking.Hybrid, 128, 32768, 0, 0),
        new("Qwen/Qwen3.5-9B", 9.7, Algorithms, FreesoloThinking.Hybrid, 128, 32768, 80, 0),
        new("Qwen/Qwen3.6-27B", 27.0, Algorithms, FreesoloThinking.Hybrid, 64, 32768, 142, 80),
        new("Qwen/Qwen3.6-35B-A3B", 35.0, Algorithms, FreesoloThinking.Hybrid, 64, 32768, 180, 100),
    ];

    /// <summary>get_model: only the exact id (no trimming, no case folding) names a model.</summary>
    public static FreesoloModel? Find(string id) => Models.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal));

    /// <summary>The catalog id the author most likely meant: the same id in another case or with padding.</summary>
    public static string? Suggest(string id) =>
        Models.FirstOrDefault(m => string.Equals(m.Id, id.Trim(), StringComparison.OrdinalIgnoreCase))?.Id
        ?? Models.FirstOrDefault(m => string.Equals(m.Id[(m.Id.IndexOf('/', StringComparison.Ordinal) + 1)..], id.Trim(), StringComparison.OrdinalIgnoreCase))?.Id;

    /// <summary>
    /// The lowest VRAM (GB) Flash's sizing can require for this model and algorithm (model_required_vram_gb):
    /// the model's own floor, and for rollout algorithms the colocated vLLM floor (24 GB up to 1B parameters,
    /// else 28; 41 for OPD from 2B). The real requirement also grows with the [train] knobs, so a card below
    /// this floor is certainly refused, and one above it may still be.
    /// </summary>
    public static int VramFloorGb(FreesoloModel model, string algorithm)
    {
        var grpo = algorithm == "grpo";
        var floor = grpo ? model.GrpoMinVramGb : model.SftMinVramGb;
        if (algorithm is "grpo" or "opd")
        {
            var rollout = model.ParamsB <= 1.0 ? 24 : 28;
            if (algorithm == "opd" && model.ParamsB >= 2.0)
            {
                rollout = Math.Max(rollout, 41);
            }

            floor = Math.Max(floor, rollout);
        }

        return floor;
    }
}
