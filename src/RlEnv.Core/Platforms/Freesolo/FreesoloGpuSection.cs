// Mirrors flash/schema/__init__.py::_validate_gpu_section and _authored_gpu_type_entries, GpuSpec.__post_init__
// (flash/core/spec.py), providers.validated_provider_preferences and the provider check of _validate_spec
// (freesolo-co/flash 1.2.89). Flash's docs say count > 1 is refused; the code takes 1..8.
// The VRAM gate is partial on purpose: Flash sizes the run from every [train] knob (engine/plan/vram.py); RlEnv
// checks each authored class against the floors that sizing never goes below, so what it refuses Flash refuses too.
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.Freesolo;

public static class FreesoloGpuSection
{
    /// <summary>Checks [gpu]; <paramref name="model"/> and <paramref name="algorithm"/> are null when unknown.</summary>
    public static void Check(TomlValue gpu, FreesoloModel? model, string? algorithm, FreesoloConfigReport report)
    {
        foreach (var key in gpu.Keys.Where(k => !FreesoloConfigKeys.Gpu.Contains(k, StringComparer.Ordinal)))
        {
            var value = gpu[key]!;
            report.Add(DiagnosticCatalog.ConfigKeyUnknown(report.File, "gpu", key, value.IsTable, FreesoloConfigKeys.Gpu,
                FreesoloConfigKeys.Advice("gpu", key), value.KeyLine, value.KeyColumn));
        }

        long? count = gpu["count"] is { } c ? FreesoloTrainSection.SectionInt(c, "gpu", "count", 1, 8, report) : null;
        var countValid = gpu["count"] is null || count is not null;

        var provider = string.Empty;
        if (gpu["provider"] is { } providerValue)
        {
            if (providerValue.AsString is not { } raw)
            {
                Report(providerValue, "gpu.provider must be a string");
            }
            else if ((provider = PythonStrings.Strip(raw).ToLowerInvariant()).Length > 0 && !FreesoloGpuClasses.ProviderNames.Contains(provider, StringComparer.Ordinal))
            {
                Report(providerValue, $"gpu.provider must be one of {string.Join(", ", FreesoloGpuClasses.ProviderNames)}; got {PythonStrings.Repr(raw)}");
                provider = string.Empty;
            }
        }

        var types = TypeEntries(gpu["type"], report);
        var providersSet = CheckProviders(gpu["providers"], report);
        if (provider.Length > 0 && providersSet)
        {
            Report(gpu["provider"]!, "gpu.provider and gpu.providers cannot both be set");
        }

        var classes = new List<(FreesoloGpuClass Class, TomlValue Value)>();
        for (var i = 0; i < types.Count; i++)
        {
            var (entry, value) = types[i];
            if (FreesoloGpuClasses.Canonical(entry) is { } gpuClass)
            {
                classes.Add((gpuClass, value));
            }
            else
            {
                var field = i == 0 ? "gpu.type" : "gpu.type_fallbacks entry";
                Report(value, $"{field}: unsupported gpu {PythonStrings.Repr(entry)}; Flash manages {FreesoloGpuClasses.KnownNames}");
            }
        }

        foreach (var (gpuClass, value) in classes.DistinctBy(c => c.Class.Name))
        {
            if (provider.Length > 0 && !gpuClass.Providers.Contains(provider, StringComparer.Ordinal))
            {
                Report(value, $"gpu.provider {PythonStrings.Repr(provider)} cannot provision gpu.type {PythonStrings.Repr(gpuClass.Name)}");
            }

            // A pinned class with no count is a one-card pin (authored_gpu_ceiling), so the VRAM gate applies.
            if (countValid && (count ?? 1) <= 1 && model is not null && algorithm is not null
                && FreesoloModelCatalog.VramFloorGb(model, algorithm) is var floor && gpuClass.VramGb < floor)
            {
                Report(value,
                    $"gpu.type {PythonStrings.Repr(gpuClass.Name)} has {gpuClass.VramGb} GB VRAM, but this run requires at least {floor} GB (Flash's floor for {model.Id} {algorithm}; its estimate from the [train] knobs can only be higher)");
            }
        }

        void Report(TomlValue value, string message) => report.Add(DiagnosticCatalog.ConfigGpu(report.File, message, value.Line, value.Column));
    }

    /// <summary>_authored_gpu_type_entries: a string (blank means none) or a non-empty list of non-blank strings.</summary>
    private static List<(string Entry, TomlValue Value)> TypeEntries(TomlValue? type, FreesoloConfigReport report)
    {
        if (type is null)
        {
            return [];
        }

        if (type.AsString is { } single)
        {
            return PythonStrings.Strip(single).Length == 0 ? [] : [(single, type)];
        }

        string? problem = null;
        if (type.Kind != TomlKind.Array)
        {
            problem = "gpu.type must be a string or a list of strings";
        }
        else if (type.Items.Count == 0)
        {
            problem = "[gpu] type must not be an empty list; omit the key for managed allocation, or name the classes to allow, e.g. type = [\"A100 PCIe\", \"A100 SXM\"]";
        }
        else if (type.Items.Any(i => i.Kind != TomlKind.Text))
        {
            problem = "gpu.type entries must be strings";
        }
        else if (type.Items.Any(i => PythonStrings.Strip(i.AsString!).Length == 0))
        {
            problem = "gpu.type entries must not be empty";
        }

        if (problem is not null)
        {
            report.Add(DiagnosticCatalog.ConfigGpu(report.File, problem, type.Line, type.Column));
            return [];
        }

        return [.. type.Items.Select(i => (i.AsString!, i))];
    }

    /// <summary>validated_provider_preferences on an authored list (which may not be empty). True when it names providers.</summary>
    private static bool CheckProviders(TomlValue? providers, FreesoloConfigReport report)
    {
        if (providers is null)
        {
            return false;
        }

        string? problem = null;
        var anchor = providers;
        if (providers.Kind != TomlKind.Array)
        {
            problem = "gpu.providers must be a list of provider names";
        }
        else if (providers.Items.Count == 0)
        {
            problem = "gpu.providers must name at least one provider";
        }
        else
        {
            foreach (var item in providers.Items)
            {
                anchor = item;
                if (item.AsString is not { } name)
                {
                    problem = "gpu.providers entries must be strings";
                    break;
                }

                if (!FreesoloGpuClasses.ProviderNames.Contains(PythonStrings.Strip(name).ToLowerInvariant(), StringComparer.Ordinal))
                {
                    problem = $"gpu.providers entry {PythonStrings.Repr(name)} must be one of {string.Join(", ", FreesoloGpuClasses.ProviderNames)}";
                    break;
                }
            }
        }

        if (problem is not null)
        {
            report.Add(DiagnosticCatalog.ConfigGpu(report.File, problem, anchor.Line, anchor.Column));
            return false;
        }

        return true;
    }
}
