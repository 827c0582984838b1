// `rnow run`'s config load (rnow/cli/commands.py, run: C:1888-1908): config.yml through yaml.safe_load if it exists,
// otherwise config.json through json.load, otherwise "No config.yml or config.json found". config.json beside a
// config.yml is never read (nor uploaded, C:2373-2377). Then the multi-model branch reads model.path (C:1911) and
// ProjectConfig validates the rest (C:1994), RnConfigSchema's part.
using System.IO.Abstractions;
using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Rules;
using RlEnv.Core.Validation;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>The config rnow reads and what it says.</summary>
/// <param name="File">config.yml or config.json, or null when there is neither.</param>
/// <param name="Facts">What the checked config says.</param>
public sealed record RnConfigRead(string? File, RnConfigFacts Facts);

public static class RnConfigFile
{
    public const string Yaml = "config.yml";
    public const string Json = "config.json";

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Finds, loads and checks the config among the walked root files, reporting every finding.</summary>
    public static RnConfigRead Check(IFileSystem fileSystem, IReadOnlyList<Decision> decisions, DiagnosticBag diagnostics)
    {
        var files = decisions.Where(d => d.Entry.Kind == EntryKind.File && d.Path is Yaml or Json).ToDictionary(d => d.Path, d => d.Entry, StringComparer.Ordinal);
        if (files.TryGetValue(Yaml, out var yaml))
        {
            if (files.ContainsKey(Json))
            {
                diagnostics.Add(DiagnosticCatalog.RnConfigJsonIgnored(Json));
            }

            return new(Yaml, WalkedFileReader.ReadBytes(fileSystem, yaml, diagnostics) is { } bytes ? CheckYaml(bytes, diagnostics) : RnConfigFacts.None);
        }

        if (files.TryGetValue(Json, out var json))
        {
            return new(Json, WalkedFileReader.ReadBytes(fileSystem, json, diagnostics) is { } bytes ? CheckJson(bytes, diagnostics) : RnConfigFacts.None);
        }

        diagnostics.Add(DiagnosticCatalog.RnConfigMissing(Yaml));
        return new(null, RnConfigFacts.None);
    }

    public static RnConfigFacts CheckYaml(byte[] bytes, DiagnosticBag diagnostics)
    {
        var report = new RnConfigReport(Yaml, diagnostics);
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            // open() decodes lazily inside safe_load; the UnicodeDecodeError is not a YAMLError, so rnow does not catch it.
            report.Add(DiagnosticCatalog.RnConfigCrashes(Yaml, "UnicodeDecodeError: config.yml is not UTF-8 text", 1, 1));
            return RnConfigFacts.None;
        }

        // The loader builds its tree without recursion, but PyYAML (and the checks after it) recurse: refuse absurd depth first.
        if (NestingDepth.Yaml(text, NestingDepth.MaxDepth) is { } tooDeep)
        {
            report.Add(DiagnosticCatalog.RnConfigYamlNestedTooDeep(Yaml, NestingDepth.MaxDepth, tooDeep.Line, tooDeep.Column));
            return RnConfigFacts.None;
        }

        var loaded = RnYamlLoader.Load(text);
        return CheckLoaded(loaded, json: false, report);
    }

    public static RnConfigFacts CheckJson(byte[] bytes, DiagnosticBag diagnostics)
    {
        var report = new RnConfigReport(Json, diagnostics);
        return CheckLoaded(RnJsonLoader.Load(bytes), json: true, report);
    }

    private static RnConfigFacts CheckLoaded(RnLoadResult loaded, bool json, RnConfigReport report)
    {
        if (loaded.Failed)
        {
            report.Add(loaded.Crashes ? DiagnosticCatalog.RnConfigCrashes(report.File, loaded.Error!, loaded.Line, loaded.Column)
                : json ? DiagnosticCatalog.RnConfigJsonSyntaxError(report.File, loaded.Error!, loaded.Line, loaded.Column)
                : DiagnosticCatalog.RnConfigYamlSyntaxError(report.File, loaded.Error!, loaded.Line, loaded.Column));
            return RnConfigFacts.None;
        }

        foreach (var duplicate in loaded.Duplicates)
        {
            report.Add(DiagnosticCatalog.RnConfigKeyRepeated(report.File, duplicate.Key, duplicate.FirstLine, json, duplicate.Line, duplicate.Column));
        }

        if (loaded.Root is null || (!json && loaded.Root.Kind == RnKind.None))
        {
            report.Add(DiagnosticCatalog.RnConfigFileEmpty(report.File));
            return RnConfigFacts.None;
        }

        if (!loaded.Root.IsDict)
        {
            report.Add(DiagnosticCatalog.RnConfigNotMapping(report.File, loaded.Root.PythonTypeName));
            return RnConfigFacts.None;
        }

        return RnConfigSchema.Check(loaded.Root, report);
    }
}
