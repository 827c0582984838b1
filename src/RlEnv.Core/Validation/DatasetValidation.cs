using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.Freesolo;
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
public sealed class DatasetValidation : IDatasetChecks
{
    public const string DatasetFolder = "dataset/";

    private static readonly string[] Formats = [".jsonl", ".json", ".csv", ".txt", ".bson"];

    private readonly ValidationOptions _options;
    private readonly Dictionary<string, (SplitAccumulator Split, DiagnosticLimiter Diagnostics, bool Thinking)> _splits = new(StringComparer.Ordinal);

    private readonly InputDigestBudget _digests;

    // The split files share one lane: the next file is read while the last one's blocks are still merged.
    private readonly MergeLane _lane = new();

    private DatasetValidation(IFileSystem fileSystem, ValidationOptions options)
    {
        _options = options;
        _digests = new InputDigestBudget(fileSystem, options.InputDigestBytes);
    }

    public IEnumerable<SplitStats> Splits
    {
        get
        {
            // After a pass that stopped early the last file's merges may still run: the counts are read once they are done.
            _lane.Settle();
            return _splits.Values.Select(s => s.Split.ToStats()).OrderBy(s => s.Path, StringComparer.Ordinal);
        }
    }

    /// <summary>Everything decidable before reading content. The decisions are the walk's; configs are read from disk.</summary>
    public static DatasetValidation Prepare(IFileSystem fileSystem, IFileTypeProbe probe, string root, IReadOnlyList<Decision> decisions, ValidationOptions options, DiagnosticBag diagnostics)
    {
        var validation = new DatasetValidation(fileSystem, options);
        var packed = decisions.Where(d => d.Included && d.Entry.Kind == EntryKind.File).ToDictionary(d => d.Path, d => d.Entry.Size, StringComparer.Ordinal);
        var package = new FreesoloPackageView(
            path => packed.TryGetValue(path, out var size) ? size : null,
            path => fileSystem.File.Exists(fileSystem.Path.Combine(root, path)),
            fileSystem.Directory.Exists(fileSystem.Path.Combine(root, "datasets")),
            packed.Keys.Any(p => p.StartsWith(DatasetFolder, StringComparison.Ordinal)));
        var selections = new ConfigValidator(fileSystem, new EnvironmentWalker(fileSystem, probe), decisions).Read(diagnostics);

        // The files rows are read from: every split in dataset/, what each config selects (a root split, a dataset_path),
        // and what Flash trains on when nothing says otherwise (the train probe, which may find a root train.jsonl).
        var thinkingFiles = new HashSet<string>(StringComparer.Ordinal);
        var selected = new HashSet<string>(StringComparer.Ordinal);
        var datasets = new DatasetsVerdict();
        foreach (var selection in selections)
        {
            var outcome = FreesoloSplits.Select(selection.Request, package);
            Report(selection, outcome, diagnostics);
            datasets.Add(outcome);
            if (outcome.File is { } file && Formats.Contains(Path.GetExtension(file).ToLowerInvariant()))
            {
                selected.Add(file);
                if (selection.Thinking)
                {
                    thinkingFiles.Add(file);
                }
            }
        }

        var implicitTrain = FreesoloSplits.Select(new FreesoloDatasetRequest(null, null, false, false, null), package);
        if (selections.Count == 0)
        {
            datasets.Add(implicitTrain);
        }

        if (implicitTrain.File is { } trainFile)
        {
            selected.Add(trainFile);
        }

        foreach (var path in packed.Keys.Where(IsSplitFile).Concat(selected).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (IsSplitFile(path) && !FreesoloSplits.IsSimpleName(name))
            {
                diagnostics.Add(DiagnosticCatalog.SplitFileNameInvalid(path, name));
            }

            validation._splits[path] = (new SplitAccumulator(name, path, validation._digests) { ExpectedBytes = packed.GetValueOrDefault(path), Lane = validation._lane }, new DiagnosticLimiter(options.MaxDiagnosticsPerFileAndCode), thinkingFiles.Contains(path));
        }

        // A dataset_path into datasets/ reads it after all (Flash then skips the layout guard), so it is no finding.
        if (package.AuthorHasDatasetsFolder && (datasets.HidesRows || !selected.Any(p => p.StartsWith("datasets/", StringComparison.Ordinal))))
        {
            diagnostics.Add(DiagnosticCatalog.DatasetsFolderFound(datasets.Certain, datasets.HidesRows, datasets.UnreadSplitFile, datasets.UnreadSplit));
        }

        return validation;
    }

    /// <summary>The observer that validates this member's bytes, or null when it is not a split.</summary>
    public IContentObserver? CreateObserver(string path)
    {
        if (!_splits.TryGetValue(path, out var split))
        {
            return null;
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".jsonl" or ".txt"))
        {
            // These validators add to their split on the reading thread: no merge of an earlier file may run beside them.
            _lane.Drain();
        }

        return extension switch
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
        _lane.Drain();
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

    /// <summary>What Flash refuses about one config's selection, at the config's line.</summary>
    private static void Report(ConfigSelection selection, FreesoloDatasetSelection outcome, DiagnosticBag diagnostics)
    {
        var (file, line, column) = (selection.File, selection.Line, selection.Column);
        switch (outcome.Problem)
        {
            case FreesoloSplitProblem.RefusedFallback:
                diagnostics.Add(DiagnosticCatalog.SelectedSplitRefusesFallback(file, outcome.Wanted!, line, column));
                break;
            case FreesoloSplitProblem.SftNoPackagedSplit:
                diagnostics.Add(DiagnosticCatalog.SftSplitNotPackaged(file, outcome.Wanted!, line, column));
                break;
            case FreesoloSplitProblem.DatasetPathNotPacked:
                diagnostics.Add(DiagnosticCatalog.SelectedDatasetPathNotPacked(file, selection.DatasetPathRepr ?? "?", DatasetPathReason(selection.Request), line, column));
                break;
            case FreesoloSplitProblem.SftWrongExtension or FreesoloSplitProblem.SftTooLarge:
                diagnostics.Add(DiagnosticCatalog.SftDatasetCannotBeProfiled(file, outcome.File!, outcome.Problem == FreesoloSplitProblem.SftTooLarge, line, column));
                break;
        }
    }

    private static string DatasetPathReason(FreesoloDatasetRequest request) => request.DatasetPath switch
    {
        null => "it is not a string",
        var p when FreesoloSplits.IsUrl(p) => "an SFT submit profiles the packaged dataset, and a URL is not packaged",
        var p when p.StartsWith('/') => "an absolute path names a file on the worker's disk, not in the artifact",
        var p when p.Split('/').Contains("..") => "it leads outside the environment root",
        var p when p.Contains('\\', StringComparison.Ordinal) => "no packed file has that name (the worker is Linux: separate folders with '/')",
        _ => "no packed file has that name",
    };

    /// <summary>The datasets/ verdicts of every selection, folded into the one finding about the folder.</summary>
    private sealed class DatasetsVerdict
    {
        public bool HidesRows { get; private set; }

        public bool Certain { get; private set; }

        public string? UnreadSplitFile { get; private set; }

        public string? UnreadSplit { get; private set; }

        public void Add(FreesoloDatasetSelection outcome)
        {
            if (!outcome.DatasetsUnread)
            {
                return;
            }

            HidesRows = true;
            Certain |= outcome.DatasetsCertain;
            if (UnreadSplitFile is null && outcome.UnreadSplitFile is { } unread)
            {
                (UnreadSplitFile, UnreadSplit) = (unread, outcome.Wanted);
            }
        }
    }

    private static void ReportDuplicates(SplitAccumulator split, DiagnosticBag diagnostics)
    {
        if (split.Inputs.Duplicates() is { } found)
        {
            diagnostics.Add(DiagnosticCatalog.SplitDuplicateInputs(split.Path, found.Repeated, found.Extra, found.FirstRepeatLine, found.OriginalLine));
        }
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
            if (other.Inputs.SharedWith(train.Inputs) is { } found)
            {
                diagnostics.Add(DiagnosticCatalog.SplitInputsAlsoInTrain(other.Path, found.Shared, other.Name, train.Path, found.FirstLine, found.TrainLine));
            }
        }
    }

    /// <summary>Deletes the digests' temp files, if any were written.</summary>
    public void Dispose()
    {
        _lane.Settle();
        _digests.Dispose();
    }
}
