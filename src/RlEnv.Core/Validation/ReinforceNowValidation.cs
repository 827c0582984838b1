using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.ReinforceNow;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Scanning;
using RlEnv.Core.Walking;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RlEnv.Core.Validation;

/// <summary>
/// A ReinforceNow project: train.jsonl entries checked against the @reward functions of rewards.py and
/// the @tool functions of tools.py (sandbox=True needs docker), and config.yml read with YamlDotNet.
/// </summary>
public sealed class ReinforceNowValidation : IDatasetChecks
{
    public const string TrainFile = "train.jsonl";
    public const string ConfigFile = "config.yml";

    /// <summary>The keys this profile knows in config.yml; any other is reported, since a typo is silently ignored.</summary>
    public static readonly IReadOnlySet<string> ConfigKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "project_id", "project_name", "name", "description", "dataset_type", "model", "base_model", "algorithm",
        "data", "dataset", "hf_dataset", "rollout", "trainer", "training", "learning_rate", "epochs", "batch_size",
        "max_turns", "max_tokens", "temperature", "docker", "env", "sandbox", "rewards", "tools", "eval", "seed",
    };

    private static readonly string[] DatasetTypes = ["rl", "sft", "distill", "midtrain"];

    private readonly ValidationOptions _options;
    private readonly SplitAccumulator _split = new("train", TrainFile);
    private readonly DiagnosticLimiter _diagnostics;
    private readonly ReinforceNowCatalog _catalog;
    private readonly RnDatasetType? _datasetType;
    private readonly bool _hasTrainFile;
    private readonly ReinforceNowLineCounts _lines = new();

    private ReinforceNowValidation(ValidationOptions options, ReinforceNowCatalog catalog, RnDatasetType? datasetType, bool hasTrainFile)
    {
        _options = options;
        _catalog = catalog;
        _datasetType = datasetType;
        _hasTrainFile = hasTrainFile;
        _diagnostics = new DiagnosticLimiter(options.MaxDiagnosticsPerFileAndCode);
    }

    /// <summary>train.jsonl's lines as the entry checks saw them; complete after <see cref="Finish"/>.</summary>
    public ReinforceNowLineCounts TrainLines => _lines;

    public IEnumerable<SplitStats> Splits => [_split.ToStats()];

    public static ReinforceNowValidation Prepare(IFileSystem fileSystem, string root, IReadOnlyList<Decision> decisions, ValidationOptions options, DiagnosticBag diagnostics)
    {
        var packed = decisions.Where(d => d.Included && d.Entry.Kind == EntryKind.File).ToDictionary(d => d.Path, d => d.Entry, StringComparer.Ordinal);
        var catalog = new ReinforceNowCatalog(
            Functions(fileSystem, packed, "rewards.py", "reward"),
            Functions(fileSystem, packed, "tools.py", "tool"),
            packed.ContainsKey("rewards.py"),
            packed.ContainsKey("tools.py"));
        if (!packed.ContainsKey(TrainFile))
        {
            diagnostics.Add(DiagnosticCatalog.RnTrainFileMissing(TrainFile));
        }

        if (packed.TryGetValue(ConfigFile, out var config) && WalkedFileReader.ReadText(fileSystem, config, diagnostics) is { } text)
        {
            CheckConfig(text, diagnostics);
        }

        var hasTrainFile = packed.ContainsKey(TrainFile);
        var datasetType = RowsDatasetType(fileSystem, packed);
        if (hasTrainFile && datasetType is null)
        {
            diagnostics.Add(DiagnosticCatalog.RnRowsWithoutDatasetType(TrainFile));
        }

        ReportSecretsFile(decisions, diagnostics);
        return new ReinforceNowValidation(options, catalog, datasetType, hasTrainFile);
    }

    public IContentObserver? CreateObserver(string path) =>
        path == TrainFile ? new ReinforceNowEntryValidator(path, _split, _options, _diagnostics, _catalog, _datasetType, _lines) : null;

    public void Finish(DiagnosticBag diagnostics)
    {
        // rnow refuses a 0-byte train.jsonl (commands.py 2094-2098) and one with no JSON line (535-536); a file whose
        // lines are all broken is already reported line by line.
        if (_hasTrainFile && _lines.Lines == 0 && _diagnostics.IsEmpty)
        {
            diagnostics.Add(DiagnosticCatalog.RnTrainFileEmpty(TrainFile, _split.Bytes == 0));
        }

        _diagnostics.FlushTo(diagnostics, TrainFile);
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

    private static Dictionary<string, bool> Functions(IFileSystem fileSystem, Dictionary<string, WalkEntry> packed, string file, string decorator)
    {
        if (!packed.TryGetValue(file, out var entry))
        {
            return [];
        }

        // Size and read failures, like syntax errors, are reported by the import check, which reads every uploaded .py.
        if (WalkedFileReader.ReadText(fileSystem, entry, new DiagnosticBag()) is not { } source)
        {
            return [];
        }

        try
        {
            return PythonModuleScanner.Scan(source).Functions
                .Where(f => f.Decorators.Contains(decorator))
                .GroupBy(f => f.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Any(f => f.Sandbox), StringComparer.Ordinal);
        }
        catch (PythonSyntaxException)
        {
            // Reported (RLENV1006) by the import check, which reads every uploaded .py.
            return [];
        }
    }

    private static void CheckConfig(string text, DiagnosticBag diagnostics)
    {
        // YamlStream builds its node tree recursively: a deep document would overflow the stack.
        if (NestingDepth.Yaml(text, NestingDepth.MaxDepth) is { } tooDeep)
        {
            diagnostics.Add(DiagnosticCatalog.RnConfigYamlNestedTooDeep(ConfigFile, NestingDepth.MaxDepth, tooDeep.Line, tooDeep.Column));
            return;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            diagnostics.Add(DiagnosticCatalog.RnConfigYamlSyntaxError(ConfigFile, e.InnerException?.Message ?? e.Message, (int)e.Start.Line, (int)e.Start.Column));
            return;
        }

        if (stream.Documents.Count == 0)
        {
            return;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            diagnostics.Add(DiagnosticCatalog.RnConfigNotMapping(ConfigFile, 1, 1));
            return;
        }

        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var line = (int)keyNode.Start.Line;
            var column = (int)keyNode.Start.Column;
            if (key == "dataset_type" && (value is not YamlScalarNode { Value: { } type } || !DatasetTypes.Contains(type)))
            {
                diagnostics.Add(DiagnosticCatalog.RnDatasetTypeNotAllowed(ConfigFile, DatasetTypes, (int)value.Start.Line, (int)value.Start.Column));
            }
            else if (!ConfigKeys.Contains(key))
            {
                diagnostics.Add(DiagnosticCatalog.RnConfigKeyNotKnown(ConfigFile, key, ConfigKeys, line, column));
            }
        }
    }
}

/// <summary>What rewards.py and tools.py define: name to whether it needs a sandbox.</summary>
public sealed record ReinforceNowCatalog(IReadOnlyDictionary<string, bool> Rewards, IReadOnlyDictionary<string, bool> Tools, bool HasRewardsFile, bool HasToolsFile);
