using System.IO.Abstractions;
using System.Text.RegularExpressions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Rules;
using RlEnv.Core.Scanning;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Validation;

/// <summary>
/// The dataset checks of one environment: decided from the walk and the configs before any content is
/// read (split names, the split each config asks for, dataset_path, datasets/), then fed each split's
/// bytes as they stream by (<see cref="CreateObserver"/>), then finished across splits (empty splits,
/// duplicate inputs, train/eval leakage).
/// </summary>
public sealed partial class DatasetValidation : IDatasetChecks
{
    public const string DatasetFolder = "dataset/";

    private static readonly string[] Formats = [".jsonl", ".json", ".csv", ".txt", ".bson"];
    private static readonly string[] SelectableFormats = [".jsonl", ".json"];

    private readonly ValidationOptions _options;
    private readonly Dictionary<string, (SplitAccumulator Split, DiagnosticLimiter Diagnostics, bool Thinking)> _splits = new(StringComparer.Ordinal);

    private DatasetValidation(ValidationOptions options) => _options = options;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SplitName();

    public IEnumerable<SplitStats> Splits => _splits.Values.Select(s => s.Split.ToStats()).OrderBy(s => s.Path, StringComparer.Ordinal);

    /// <summary>Everything decidable before reading content. The decisions are the walk's; configs are read from disk.</summary>
    public static DatasetValidation Prepare(IFileSystem fileSystem, IFileTypeProbe probe, string root, IReadOnlyList<Decision> decisions, ValidationOptions options, DiagnosticBag diagnostics)
    {
        var validation = new DatasetValidation(options);
        var packed = decisions.Where(d => d.Included && d.Entry.Kind == EntryKind.File).Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var splitFiles = packed.Where(IsSplitFile).Order(StringComparer.Ordinal).ToList();
        var selections = new ConfigValidator(fileSystem, new EnvironmentWalker(fileSystem, probe), decisions).Read(diagnostics);
        var thinkingFiles = new HashSet<string>(StringComparer.Ordinal);

        foreach (var selection in selections)
        {
            var target = Resolve(selection, packed, diagnostics);
            if (target is not null && selection.Thinking)
            {
                thinkingFiles.Add(target);
            }
        }

        foreach (var path in splitFiles)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (!SplitName().IsMatch(name))
            {
                diagnostics.Add(DiagnosticCatalog.SplitFileNameInvalid(path, name));
            }

            validation._splits[path] = (new SplitAccumulator(name, path), new DiagnosticLimiter(options.MaxDiagnosticsPerFileAndCode), thinkingFiles.Contains(path));
        }

        CheckDatasetsFolder(fileSystem, root, diagnostics);
        return validation;
    }

    /// <summary>The observer that validates this member's bytes, or null when it is not a split.</summary>
    public IContentObserver? CreateObserver(string path)
    {
        if (!_splits.TryGetValue(path, out var split))
        {
            return null;
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" => new JsonlValidator(path, split.Split, _options, split.Diagnostics, split.Thinking),
            ".json" => new JsonArrayValidator(path, split.Split, _options, split.Diagnostics, split.Thinking),
            ".csv" => new CsvValidator(path, split.Split, _options, split.Diagnostics, split.Thinking),
            ".txt" => new TextValidator(path, split.Split, _options, split.Diagnostics),
            _ => new BsonValidator(path, split.Split, _options, split.Diagnostics, split.Thinking),
        };
    }

    /// <summary>Reports what was found per file and across splits; call once every split was observed.</summary>
    public void Finish(DiagnosticBag diagnostics)
    {
        foreach (var (path, (split, limiter, _)) in _splits.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            limiter.FlushTo(diagnostics, path);
            if (split.Rows == 0)
            {
                diagnostics.Add(DiagnosticCatalog.SplitHoldsNoRecords(path, split.Name));
            }

            ReportDuplicates(split, diagnostics);
        }

        ReportLeakage(diagnostics);
    }

    private static bool IsSplitFile(string path) =>
        path.StartsWith(DatasetFolder, StringComparison.Ordinal)
        && path.IndexOf('/', DatasetFolder.Length) < 0
        && Formats.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>The packed file a config trains on: dataset_path wins over split, split defaults to train.</summary>
    private static string? Resolve(ConfigSelection selection, HashSet<string> packed, DiagnosticBag diagnostics)
    {
        if (selection.DatasetPath is { } datasetPath)
        {
            if (datasetPath.Contains("://", StringComparison.Ordinal))
            {
                return null;
            }

            var normalized = datasetPath.Replace('\\', '/').TrimStart('.', '/');
            if (!packed.Contains(normalized))
            {
                diagnostics.Add(DiagnosticCatalog.SelectedDatasetPathNotPacked(selection.File, datasetPath, selection.Line, selection.Column));
                return null;
            }

            return normalized;
        }

        var split = selection.Split ?? "train";
        var found = SelectableFormats.Select(f => DatasetFolder + split + f).FirstOrDefault(packed.Contains);
        if (found is null && selection.Split is not null)
        {
            var available = packed.Where(IsSplitFile).Select(p => Path.GetFileNameWithoutExtension(p)).Distinct().Order(StringComparer.Ordinal);
            diagnostics.Add(DiagnosticCatalog.SelectedSplitNotPacked(selection.File, split, available, selection.Line, selection.Column));
        }

        return found;
    }

    private static void CheckDatasetsFolder(IFileSystem fileSystem, string root, DiagnosticBag diagnostics)
    {
        if (!fileSystem.Directory.Exists(fileSystem.Path.Combine(root, "datasets")))
        {
            return;
        }

        diagnostics.Add(DiagnosticCatalog.DatasetsFolderFound(fileSystem.Directory.Exists(fileSystem.Path.Combine(root, "dataset"))));
    }

    private static void ReportDuplicates(SplitAccumulator split, DiagnosticBag diagnostics)
    {
        var repeated = split.Inputs.Values.Where(v => v.Count > 1).ToList();
        if (repeated.Count == 0)
        {
            return;
        }

        var extra = repeated.Sum(v => v.Count - 1);
        var first = repeated.MinBy(v => v.SecondLine);
        diagnostics.Add(DiagnosticCatalog.SplitDuplicateInputs(split.Path, repeated.Count, extra, first.SecondLine, first.FirstLine));
    }

    private void ReportLeakage(DiagnosticBag diagnostics)
    {
        var train = _splits.Values.Where(s => s.Split.Name == "train").Select(s => s.Split).FirstOrDefault();
        if (train is null)
        {
            return;
        }

        foreach (var other in _splits.Values.Select(s => s.Split).Where(s => s.Name != "train").OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            var shared = other.Inputs.Where(p => train.Inputs.ContainsKey(p.Key)).ToList();
            if (shared.Count == 0)
            {
                continue;
            }

            var first = shared.MinBy(p => p.Value.FirstLine);
            diagnostics.Add(DiagnosticCatalog.SplitInputsAlsoInTrain(other.Path, shared.Count, other.Name, train.Path, first.Value.FirstLine, train.Inputs[first.Key].FirstLine));
        }
    }
}
