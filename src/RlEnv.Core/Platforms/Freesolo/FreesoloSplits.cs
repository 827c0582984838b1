// Mirrors flash/envs/dataset_selection.py (_packaged_dataset_file, _plural_dataset_file,
// _validate_packaged_dataset_split, select_dataset_source), flash/envs/loader.py (_resolve_path_arg and the
// deferred datasets/ verdict in _load_resolved_freesolo_environment) and the SFT submit's profiler
// flash/engine/profiling/dataset_profile.py (_selected_dataset_path, _read_dataset_rows), freesolo-co/flash 1.2.89.
// Flash's docs (guides/datasets.mdx) say a missing split never falls back and name only dataset/; the code
// also probes the package root, and refuses only when a default train file exists.
using System.Text.RegularExpressions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>What one config asks for in [environment.params], as Flash reads it.</summary>
/// <param name="Split">The split after stripping; null when absent, not a string, or blank (all mean train).</param>
/// <param name="DatasetPath">dataset_path when it is a non-empty string.</param>
/// <param name="DatasetPathNotString">Whether dataset_path is set to a non-string.</param>
/// <param name="HasRecords">Whether inline records are set (they win over everything else).</param>
/// <param name="Algorithm">sft, grpo or opd; null when the config does not say (an overlay).</param>
public sealed record FreesoloDatasetRequest(string? Split, string? DatasetPath, bool DatasetPathNotString, bool HasRecords, string? Algorithm);

/// <summary>The package as Flash's worker sees it (what is packed) and the author's tree (for datasets/).</summary>
/// <param name="PackedFileSize">The size of a packed regular file, or null when that path is not packed.</param>
/// <param name="AuthorFileExists">Whether a file exists in the author's folder (datasets/ is not packed in every mode).</param>
/// <param name="AuthorHasDatasetsFolder">Whether the author's folder holds datasets/.</param>
/// <param name="PackageHasDatasetFolder">Whether anything under dataset/ is packed.</param>
public sealed record FreesoloPackageView(Func<string, long?> PackedFileSize, Func<string, bool> AuthorFileExists, bool AuthorHasDatasetsFolder, bool PackageHasDatasetFolder);

public enum FreesoloSplitProblem
{
    /// <summary>select_dataset_source refuses: the split is missing and a default train file exists.</summary>
    RefusedFallback,

    /// <summary>The SFT submit's profiler finds no packaged file for the split (it never falls back).</summary>
    SftNoPackagedSplit,

    /// <summary>dataset_path names nothing packed (missing, outside the root, absolute, a URL for SFT, not a string).</summary>
    DatasetPathNotPacked,

    /// <summary>The SFT profiler cannot read the file: not .jsonl/.json.</summary>
    SftWrongExtension,

    /// <summary>The SFT profiler refuses a file over 32 MiB.</summary>
    SftTooLarge,
}

/// <summary>Where a config's rows come from, and what Flash would refuse about it.</summary>
/// <param name="Wanted">The split probed (null when records or dataset_path decide).</param>
/// <param name="File">The packed file the run trains on, when RlEnv can name it.</param>
/// <param name="Problem">What Flash refuses, if anything.</param>
/// <param name="DatasetsUnread">Whether the datasets/ layout hid the rows (Flash's datasets_dir_unread).</param>
/// <param name="DatasetsCertain">Whether Flash then certainly fails (a side split, or SFT); otherwise only when
/// load_environment builds no rows of its own.</param>
/// <param name="UnreadSplitFile">The datasets/ file holding the wanted split, if any.</param>
public sealed record FreesoloDatasetSelection(
    string? Wanted,
    string? File,
    FreesoloSplitProblem? Problem,
    bool DatasetsUnread,
    bool DatasetsCertain,
    string? UnreadSplitFile);

public static partial class FreesoloSplits
{
    /// <summary>_MAX_PROFILE_DATASET_BYTES: the SFT profiler's cap on the selected file.</summary>
    public const long MaxProfiledBytes = 32L * 1024 * 1024;

    public const string Train = "train";

    /// <summary>_DATASET_SPLIT_RE (fullmatch).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z")]
    private static partial Regex SimpleName();

    public static bool IsSimpleName(string split) => SimpleName().IsMatch(split);

    /// <summary>_packaged_dataset_file's probe order.</summary>
    public static IReadOnlyList<string> Candidates(string name) =>
        [$"dataset/{name}.jsonl", $"dataset/{name}.json", $"{name}.jsonl", $"{name}.json"];

    /// <summary>_packaged_dataset_file: the first packed candidate.</summary>
    public static string? Probe(string name, FreesoloPackageView package) =>
        Candidates(name).FirstOrDefault(c => package.PackedFileSize(c) is not null);

    /// <summary>_plural_dataset_file: the split as laid out under datasets/, which Flash never reads.</summary>
    public static string? PluralProbe(string name, FreesoloPackageView package) =>
        new[] { $"datasets/{name}.jsonl", $"datasets/{name}.json" }.FirstOrDefault(package.AuthorFileExists);

    /// <summary>
    /// select_dataset_source (and, for SFT, the submit's profiler): records win outright, then dataset_path, then the
    /// probe for the split (train when none). The split name itself is checked by the caller first.
    /// </summary>
    public static FreesoloDatasetSelection Select(FreesoloDatasetRequest request, FreesoloPackageView package)
    {
        var sft = request.Algorithm == "sft";
        if (request.HasRecords)
        {
            return new(null, null, null, false, false, null);
        }

        if (request.DatasetPath is { } datasetPath)
        {
            return SelectPath(datasetPath, sft, package);
        }

        if (request.DatasetPathNotString)
        {
            // _resolve_path_arg hands a non-string to the SDK as-is, and the profiler finds no packaged file.
            return new(null, null, FreesoloSplitProblem.DatasetPathNotPacked, false, false, null);
        }

        var sideSplit = request.Split is { } s && s != Train;
        var wanted = sideSplit ? request.Split! : Train;
        var found = Probe(wanted, package);
        if (found is not null)
        {
            return WithSftLimits(new(wanted, found, null, false, false, null), sft, package);
        }

        // The split sitting unread under datasets/ is the layout error, and it wins over the missing-split refusal.
        var plural = PluralProbe(wanted, package);
        if (plural is null && sideSplit && Probe(Train, package) is not null)
        {
            return new(wanted, null, FreesoloSplitProblem.RefusedFallback, false, false, null);
        }

        if (plural is not null || (package.AuthorHasDatasetsFolder && !package.PackageHasDatasetFolder))
        {
            // Deferred to after load_environment: it raises for a side split, or when the env has no rows of its own.
            // The SFT profiler needs the packaged file whatever the env does.
            return new(wanted, null, null, true, sideSplit || sft, plural);
        }

        // Nothing packaged for the split: the worker leaves it to the environment (it may build rows in code), but
        // the SFT submit profiles the packaged file and has none.
        return new(wanted, null, sft ? FreesoloSplitProblem.SftNoPackagedSplit : null, false, false, null);
    }

    /// <summary>
    /// _resolve_path_arg, then where the file is in the package: a relative path resolves against the root
    /// (only if it exists there), a URL or absolute path is used as-is. Returns the packed path, or null.
    /// </summary>
    public static string? PackedPath(string datasetPath, FreesoloPackageView package)
    {
        if (IsUrl(datasetPath) || datasetPath.StartsWith('/'))
        {
            return null;
        }

        var segments = new List<string>();
        foreach (var segment in datasetPath.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (segments.Count == 0)
                    {
                        return null;
                    }

                    segments.RemoveAt(segments.Count - 1);
                    break;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        var path = string.Join('/', segments);
        return path.Length > 0 && package.PackedFileSize(path) is not null ? path : null;
    }

    /// <summary>urllib.parse.urlparse(value).scheme is non-empty: Flash leaves such a path to the SDK.</summary>
    public static bool IsUrl(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && char.IsAsciiLetter(value[0]) && value[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
    }

    private static FreesoloDatasetSelection SelectPath(string datasetPath, bool sft, FreesoloPackageView package)
    {
        // A URL is fetched by the SDK on the worker; the SFT profiler reads packaged files only.
        if (IsUrl(datasetPath) && !sft)
        {
            return new(null, null, null, false, false, null);
        }

        var packed = PackedPath(datasetPath, package);
        return packed is null
            ? new(null, null, FreesoloSplitProblem.DatasetPathNotPacked, false, false, null)
            : WithSftLimits(new(null, packed, null, false, false, null), sft, package);
    }

    private static FreesoloDatasetSelection WithSftLimits(FreesoloDatasetSelection selection, bool sft, FreesoloPackageView package)
    {
        if (!sft || selection.File is not { } file)
        {
            return selection;
        }

        var extension = Path.GetExtension(file).ToLowerInvariant();
        if (extension is not (".jsonl" or ".json"))
        {
            return selection with { Problem = FreesoloSplitProblem.SftWrongExtension };
        }

        return package.PackedFileSize(file) > MaxProfiledBytes ? selection with { Problem = FreesoloSplitProblem.SftTooLarge } : selection;
    }

    /// <summary>
    /// Reads [environment.params] as select_dataset_source does: split only when it is a string, stripped, blank meaning
    /// train, and refused unless it is a simple name (then there is no request: Flash raises before choosing rows);
    /// dataset_path when non-empty; records (any value) win, and are checked as the SFT profiler reads them.
    /// </summary>
    public static FreesoloDatasetRequest? Request(TomlValue? parameters, string? algorithm, FreesoloConfigReport report)
    {
        string? split = null;
        if (parameters?["split"] is { } splitValue)
        {
            if (splitValue.AsString is not { } text)
            {
                report.Add(DiagnosticCatalog.ConfigSplitNotAString(report.File, splitValue.PythonTypeName, splitValue.Line, splitValue.Column));
            }
            else if ((split = PythonStrings.Strip(text)).Length == 0)
            {
                split = null;
            }
            else if (!IsSimpleName(split))
            {
                report.Add(DiagnosticCatalog.ConfigSplitNotSimple(report.File, PythonStrings.Repr(text), splitValue.Line, splitValue.Column));
                return null;
            }
        }

        var pathValue = parameters?["dataset_path"];
        var datasetPath = pathValue?.AsString is { Length: > 0 } path ? path : null;
        var pathNotString = pathValue is not null && pathValue.Kind != TomlKind.Text;
        var records = parameters?["records"];
        if (records is not null)
        {
            CheckRecords(records, report);
            if (pathValue is not null && pathValue.IsTruthy)
            {
                report.Add(DiagnosticCatalog.ConfigDatasetPathBesideRecords(report.File, pathValue.Line, pathValue.Column));
            }
        }

        return new(split, datasetPath, pathNotString, records is not null, algorithm);
    }

    /// <summary>dataset_profile._validate_dataset_rows on inline records: a non-empty list of tables, each with an input.</summary>
    private static void CheckRecords(TomlValue records, FreesoloConfigReport report)
    {
        if (records.Kind != TomlKind.Array || records.Items.FirstOrDefault(r => !r.IsTable) is not null)
        {
            var anchor = records.Kind == TomlKind.Array ? records.Items.First(r => !r.IsTable) : records;
            report.Add(DiagnosticCatalog.ConfigRecords(report.File, "[environment.params] records must contain JSON object rows. Add valid training records", anchor.Line, anchor.Column));
            return;
        }

        var missing = records.Items.Select((row, index) => (row, index)).Where(r => !r.row.Has("input")).ToList();
        if (missing.Count > 0)
        {
            report.Add(DiagnosticCatalog.ConfigRecords(report.File,
                $"Freesolo dataset records must contain an input field; missing at row indexes [{string.Join(", ", missing.Take(10).Select(m => m.index))}]",
                missing[0].row.Line, missing[0].row.Column));
        }
        else if (records.Items.Count == 0)
        {
            report.Add(DiagnosticCatalog.ConfigRecords(report.File, "[environment.params] records contain no rows. Add training rows to records", records.Line, records.Column));
        }
    }
}
