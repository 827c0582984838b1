// rnow/models.py (reinforcenow-cli 0.4.37): SUPPORTED_MODELS_SET (M:209-237), MODELS_WITHOUT_TOOL_SUPPORT with
// supports_tool_calling (M:279-296) and MODEL_MAX_LORA_RANK with get_max_lora_rank (M:301-325). ProjectConfig's root
// validator checks a model path against the set only when it contains "/" (M:595-609): a path without one is an rnow
// model id (a fine-tuned model to resume from) that only the server resolves.
namespace RlEnv.Core.Platforms.ReinforceNow;

public static class RnModelCatalog
{
    /// <summary>DEFAULT_MAX_LORA_RANK: the limit of every model MODEL_MAX_LORA_RANK does not name.</summary>
    public const int DefaultMaxLoraRank = 128;

    /// <summary>The 21 ids, in Python's sorted() order (ordinal), as rnow lists them in its message.</summary>
    public static readonly IReadOnlyList<string> Supported =
    [
        .. new[]
        {
            "Qwen/Qwen3-235B-A22B-Instruct-2507", "Qwen/Qwen3-30B-A3B-Instruct-2507", "Qwen/Qwen3-30B-A3B", "Qwen/Qwen3-30B-A3B-Base",
            "Qwen/Qwen3-32B", "Qwen/Qwen3-8B", "Qwen/Qwen3-8B-Base", "Qwen/Qwen3-4B-Instruct-2507", "Qwen/Qwen3-VL-235B-A22B-Instruct",
            "Qwen/Qwen3-VL-30B-A3B-Instruct", "openai/gpt-oss-120b", "openai/gpt-oss-20b", "deepseek-ai/DeepSeek-V3.1",
            "deepseek-ai/DeepSeek-V3.1-Base", "meta-llama/Llama-3.1-70B", "meta-llama/Llama-3.3-70B-Instruct", "meta-llama/Llama-3.1-8B",
            "meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.2-3B", "meta-llama/Llama-3.2-1B", "moonshotai/Kimi-K2-Thinking",
        }.Order(StringComparer.Ordinal),
    ];

    private static readonly HashSet<string> SupportedSet = new(Supported, StringComparer.Ordinal);

    private static readonly Dictionary<string, int> MaxLoraRank = new(StringComparer.Ordinal)
    {
        ["openai/gpt-oss-120b"] = 32,
        ["openai/gpt-oss-20b"] = 32,
        ["moonshotai/Kimi-K2-Thinking"] = 32,
        ["Qwen/Qwen3-235B-A22B-Instruct-2507"] = 64,
        ["Qwen/Qwen3-VL-235B-A22B-Instruct"] = 64,
        ["Qwen/Qwen3-30B-A3B-Instruct-2507"] = 64,
        ["Qwen/Qwen3-VL-30B-A3B-Instruct"] = 64,
        ["Qwen/Qwen3-30B-A3B"] = 64,
        ["Qwen/Qwen3-30B-A3B-Base"] = 64,
        ["deepseek-ai/DeepSeek-V3.1"] = 64,
        ["deepseek-ai/DeepSeek-V3.1-Base"] = 64,
    };

    private static readonly HashSet<string> WithoutToolSupport = new(StringComparer.Ordinal)
    {
        "openai/gpt-oss-120b", "openai/gpt-oss-20b", "Qwen/Qwen3-30B-A3B-Base", "Qwen/Qwen3-8B-Base", "deepseek-ai/DeepSeek-V3.1-Base",
        "meta-llama/Llama-3.1-70B", "meta-llama/Llama-3.1-8B", "meta-llama/Llama-3.2-3B", "meta-llama/Llama-3.2-1B",
    };

    public static bool IsSupported(string path) => SupportedSet.Contains(path);

    /// <summary>Whether ProjectConfig checks this path against the catalog: only a path with "/" (M:596).</summary>
    public static bool IsCatalogPath(string path) => path.Contains('/', StringComparison.Ordinal);

    /// <summary>get_max_lora_rank: 32, 64, or 128 for any other path (listed or not).</summary>
    public static int MaxRank(string path) => MaxLoraRank.GetValueOrDefault(path, DefaultMaxLoraRank);

    /// <summary>supports_tool_calling: gpt-oss and the base (non-instruct) models render no tools.</summary>
    public static bool SupportsTools(string path) => !WithoutToolSupport.Contains(path);

    /// <summary>
    /// The supported id that differs from <paramref name="path"/> only in case, or by a small typo that keeps every
    /// digit (Qwen3-4B is another model than Qwen3-8B, not a typo of it); or null.
    /// </summary>
    public static string? Suggest(string path) =>
        Supported.FirstOrDefault(m => string.Equals(m, path, StringComparison.OrdinalIgnoreCase))
        ?? RnConfigKeys.Closest(path, Supported.Where(m => Digits(m) == Digits(path)));

    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));
}
