using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.ReinforceNow;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Scanning;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Validation;

/// <summary>
/// A ReinforceNow project: train.jsonl entries checked against the @reward functions of rewards.py and
/// the @tool functions of tools.py (sandbox=True needs docker), and config.yml (or config.json) checked as rnow's
/// ProjectConfig does (<see cref="RnConfigFile"/>), its batch_size against the samples train.jsonl holds.
/// </summary>
public sealed class ReinforceNowValidation : IDatasetChecks
{
    public const string TrainFile = "train.jsonl";
    private readonly ValidationOptions _options;
    private readonly SplitAccumulator _split = new("train", TrainFile);
    private readonly DiagnosticLimiter _diagnostics;
    private readonly ReinforceNowCatalog _catalog;
    private readonly RnDatasetType? _datasetType;
    private readonly bool _hasTrainFile;
    private readonly ReinforceNowLineCounts _lines = new();
    private RnSampleCount? _samples;

    private ReinforceNowValidation(ValidationOptions options, ReinforceNowCatalog catalog, RnConfigRead config, RnDatasetType? datasetType, bool hasTrainFile)
    {
        _options = options;
        _catalog = catalog;
        Config = config;
        _datasetType = datasetType;
        _hasTrainFile = hasTrainFile;
        _diagnostics = new DiagnosticLimiter(options.MaxDiagnosticsPerFileAndCode);
    }

    /// <summary>train.jsonl's lines as the entry checks saw them; complete after <see cref="Finish"/>.</summary>
    public ReinforceNowLineCounts TrainLines => _lines;

    /// <summary>The config rnow reads (config.yml, else config.json) and what it says: dataset_type, batch_size, model.</summary>
    public RnConfigRead Config { get; }

    public IEnumerable<SplitStats> Splits => [_split.ToStats()];

    public static ReinforceNowValidation Prepare(IFileSystem fileSystem, string root, IReadOnlyList<Decision> decisions, PythonFiles python, ValidationOptions options, DiagnosticBag diagnostics)
    {
        var packed = decisions.Where(d => d.Included && d.Entry.Kind == EntryKind.File).ToDictionary(d => d.Path, d => d.Entry, StringComparer.Ordinal);
        var datasetType = RowsDatasetType(fileSystem, packed);

        // rewards.py and tools.py as rnow run and the trainer's import check them (Platforms/ReinforceNow).
        var catalog = ReinforceNowPythonFiles.Check(python, packed, datasetType, diagnostics);
        if (!packed.ContainsKey(TrainFile))
        {
            diagnostics.Add(DiagnosticCatalog.RnTrainFileMissing(TrainFile));
        }

        var config = RnConfigFile.Check(fileSystem, decisions, diagnostics);
        CheckToolSupport(config, packed, diagnostics);
        RnRequirementsFile.Check(fileSystem, packed, config.Facts.IsMultiModel, diagnostics);

        var hasTrainFile = packed.ContainsKey(TrainFile);
        if (hasTrainFile && datasetType is null)
        {
            diagnostics.Add(DiagnosticCatalog.RnRowsWithoutDatasetType(TrainFile));
        }

        ReportSecretsFile(decisions, diagnostics);
        return new ReinforceNowValidation(options, catalog, config, datasetType, hasTrainFile);
    }

    public IContentObserver? CreateObserver(string path)
    {
        if (path != TrainFile)
        {
            return null;
        }

        IContentObserver rows = new ReinforceNowEntryValidator(path, _split, _options, _diagnostics, _catalog, _datasetType, _lines);
        if (Config.Facts.BatchSize is not { } batchSize)
        {
            return rows;
        }

        _samples = new RnSampleCount(batchSize);
        return new RnSampleCounter(rows, _samples, (int)Math.Min(_options.MaxLineBytes, Array.MaxLength));
    }

    public void Dispose() => _split.Inputs.Dispose();

    public void Finish(DiagnosticBag diagnostics)
    {
        // rnow refuses a 0-byte train.jsonl (commands.py 2094-2098) and one with no JSON line (535-536); a file whose
        // lines are all broken is already reported line by line.
        if (_hasTrainFile && _lines.Lines == 0 && _diagnostics.IsEmpty)
        {
            diagnostics.Add(DiagnosticCatalog.RnTrainFileEmpty(TrainFile, _split.Bytes == 0));
        }

        _diagnostics.FlushTo(diagnostics, TrainFile);
        CheckBatchSize(diagnostics);
        RnContextWindow.Check(Config, _lines.JsonLines, diagnostics);
    }

    /// <summary>The dataset_type that chooses the rows' entry model: config.yml's, or config.json's when rnow reads that.</summary>
    private static RnDatasetType? RowsDatasetType(IFileSystem fileSystem, Dictionary<string, WalkEntry> packed)
    {
        // Read failures are the config check's to report; here they only leave the type unknown.
        var quiet = new DiagnosticBag();
        if (packed.TryGetValue(RnUploadSet.ConfigYml, out var yml))
        {
            return WalkedFileReader.ReadText(fileSystem, yml, quiet) is { } text ? RnDatasetTypes.FromYaml(text) : null;
        }

        return packed.TryGetValue(RnUploadSet.ConfigJson, out var json) && WalkedFileReader.ReadText(fileSystem, json, quiet) is { } jsonText
            ? RnDatasetTypes.FromJson(jsonText)
            : null;
    }

    private static void ReportSecretsFile(IReadOnlyList<Decision> decisions, DiagnosticBag diagnostics)
    {
        if (decisions.Any(d => d.Path == RnUploadSet.EnvFile && d.Entry.Kind is EntryKind.File or EntryKind.Symlink))
        {
            diagnostics.Add(DiagnosticCatalog.RnEnvFileSentAsSecrets(RnUploadSet.EnvFile));
        }
    }

    /// <summary>
    /// rnow refuses a batch_size above the samples train.jsonl holds (C:2127-2136). A file with no sample at all, or one
    /// that is not UTF-8, is refused earlier by rnow and reported by the row checks, so this adds nothing there.
    /// </summary>
    private void CheckBatchSize(DiagnosticBag diagnostics)
    {
        if (_samples is { Completed: true, Unreadable: false, Enough: false, Count: > 0 } samples && Config is { File: { } file, Facts: var facts })
        {
            diagnostics.Add(DiagnosticCatalog.RnBatchSizeOverSamples(file, facts.BatchSize!.Value, samples.Count, facts.BatchSizeLine, facts.BatchSizeColumn));
        }
    }

    /// <summary>C:2316-2340: a model without tool calling refuses a non-empty tools.py or an MCP server (single-model runs).</summary>
    private static void CheckToolSupport(RnConfigRead config, Dictionary<string, WalkEntry> packed, DiagnosticBag diagnostics)
    {
        var facts = config.Facts;
        if (config.File is null || facts.IsMultiModel || facts.ModelPaths is not [var path] || RnModelCatalog.SupportsTools(path))
        {
            return;
        }

        var toolsFile = packed.TryGetValue("tools.py", out var tools) && tools.Size > 0;
        if (toolsFile || facts.McpUrl)
        {
            var source = toolsFile && facts.McpUrl ? "a non-empty tools.py and rollout.mcp_url" : toolsFile ? "a non-empty tools.py" : "rollout.mcp_url";
            diagnostics.Add(DiagnosticCatalog.RnModelWithoutToolSupport(config.File, path, source, facts.ModelPathLine, facts.ModelPathColumn));
        }
    }
}

/// <summary>What rewards.py and tools.py define as rnow sees them (bare @reward and @tool, anywhere in the file): name to whether it needs a sandbox.</summary>
public sealed record ReinforceNowCatalog(IReadOnlyDictionary<string, bool> Rewards, IReadOnlyDictionary<string, bool> Tools, bool HasRewardsFile, bool HasToolsFile);
