// Mirrors flash/providers/base.py (GPU_CLASSES, the alias table, canonical_gpu, providers_for) and
// flash/providers/__init__.py (PROVIDER_NAMES, validated_provider_preferences), freesolo-co/flash 1.2.89.
namespace RlEnv.Core.Platforms.Freesolo;

/// <param name="Name">The class's canonical name.</param>
/// <param name="VramGb">Its VRAM in GB, as Flash sizes it.</param>
/// <param name="RunPod">Whether RunPod provisions it (it has a runpod_flash enum member).</param>
/// <param name="Lambda">Whether Lambda provisions it.</param>
/// <param name="VastName">Its Vast.ai name, or null when Vast does not list it.</param>
/// <param name="VastAliases">Other Vast names counted as this class.</param>
public sealed record FreesoloGpuClass(string Name, int VramGb, bool RunPod, bool Lambda, string? VastName, IReadOnlyList<string> VastAliases)
{
    /// <summary>providers_for: runpod, lambda, vast, in that order.</summary>
    public IReadOnlyList<string> Providers =>
        [.. new[] { RunPod ? "runpod" : null, Lambda ? "lambda" : null, VastName is null ? null : "vast" }.OfType<string>()];
}

public static class FreesoloGpuClasses
{
    /// <summary>PROVIDER_NAMES.</summary>
    public static readonly IReadOnlyList<string> ProviderNames = ["runpod", "lambda", "vast"];

    /// <summary>GPU_CLASSES (every one is validated today), in Flash's order.</summary>
    public static readonly IReadOnlyList<FreesoloGpuClass> Classes =
    [
        new("RTX 4090", 24, true, false, "RTX 4090", []),
        new("RTX 5090", 32, true, false, "RTX 5090", []),
        new("A10", 24, false, true, null, []),
        new("A100 SXM 40GB", 40, false, true, "A100 SXM4", ["A100 PCIE"]),
        new("A100 PCIe", 80, true, false, "A100 PCIE", []),
        new("A100 SXM", 80, true, false, "A100 SXM4", []),
        new("H100", 80, true, true, "H100 SXM", ["H100 PCIE"]),
        new("H200", 141, true, false, null, []),
        new("RTX Pro 6000", 96, true, false, null, []),
        new("B200", 180, true, true, null, []),
    ];

    // Full marketing names and historical aliases Flash adds by hand.
    private static readonly (string Key, string Name)[] ExtraAliases =
    [
        ("nvidia geforce rtx 4090", "RTX 4090"),
        ("nvidia geforce rtx 5090", "RTX 5090"),
        ("nvidia a100 80gb pcie", "A100 PCIe"),
        ("a100 80gb pcie", "A100 PCIe"),
        ("a100-80g-pcie", "A100 PCIe"),
        ("nvidia a100-sxm4-40gb", "A100 SXM 40GB"),
        ("nvidia a100-sxm4-80gb", "A100 SXM"),
        ("a100-sxm4-80gb", "A100 SXM"),
        ("a100", "A100 PCIe"),
        ("nvidia h100 80gb hbm3", "H100"),
        ("h100 80gb hbm3", "H100"),
        ("rtx pro 6000 blackwell", "RTX Pro 6000"),
        ("nvidia rtx pro 6000 blackwell server edition", "RTX Pro 6000"),
        ("nvidia b200", "B200"),
        ("b200 sxm6", "B200"),
        ("nvidia b200 180gb", "B200"),
        ("nvidia b200 sxm6", "B200"),
    ];

    private static readonly Dictionary<string, string> Aliases = BuildAliases();

    /// <summary>canonical_gpu: the class a spelling names (stripped, lower-cased), or null when Flash does not manage it.</summary>
    public static FreesoloGpuClass? Canonical(string name) =>
        Aliases.TryGetValue(name.Trim().ToLowerInvariant(), out var canonical) ? Classes.First(c => c.Name == canonical) : null;

    /// <summary>The names Flash lists in "Flash manages ...".</summary>
    public static string KnownNames => string.Join(", ", Classes.Select(c => c.Name));

    private static Dictionary<string, string> BuildAliases()
    {
        // Every spelling of a class name, its Vast name and Vast aliases; a spelling two classes share is dropped.
        var targets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var info in Classes)
        {
            foreach (var spelling in new[] { info.Name, info.VastName }.Concat(info.VastAliases).OfType<string>())
            {
                foreach (var key in AliasKeys(spelling))
                {
                    if (!targets.TryGetValue(key, out var set))
                    {
                        targets[key] = set = new HashSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(info.Name);
                }
            }
        }

        var aliases = targets.Where(t => t.Value.Count == 1).ToDictionary(t => t.Key, t => t.Value.First(), StringComparer.Ordinal);
        foreach (var info in Classes)
        {
            aliases[info.Name.ToLowerInvariant()] = info.Name;
        }

        foreach (var (key, name) in ExtraAliases)
        {
            aliases[key] = name;
        }

        return aliases;
    }

    private static HashSet<string> AliasKeys(string name)
    {
        var lower = name.ToLowerInvariant();
        var keys = new HashSet<string>(StringComparer.Ordinal)
        {
            lower, lower.Replace(" ", string.Empty, StringComparison.Ordinal), lower.Replace(' ', '_'), lower.Replace(' ', '-'), "nvidia " + lower,
        };
        if (lower.StartsWith("rtx ", StringComparison.Ordinal))
        {
            var tail = lower[4..];
            keys.UnionWith([tail, tail.Replace(" ", string.Empty, StringComparison.Ordinal), tail.Replace(' ', '_')]);
        }

        return keys;
    }
}
