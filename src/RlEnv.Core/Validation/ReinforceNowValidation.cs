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

    private ReinforceNowValidation(ValidationOptions options, ReinforceNowCatalog catalog)
    {
        _options = options;
        _catalog = catalog;
        _diagnostics = new DiagnosticLimiter(options.MaxDiagnosticsPerFileAndCode);
    }

    public IEnumerable<SplitStats> Splits => [_split.ToStats()];

    public static ReinforceNowValidation Prepare(IFileSystem fileSystem, string root, IReadOnlyList<Decision> decisions, PythonFiles python, ValidationOptions options, DiagnosticBag diagnostics)
    {
        var packed = decisions.Where(d => d.Included && d.Entry.Kind == EntryKind.File).ToDictionary(d => d.Path, d => d.Entry, StringComparer.Ordinal);

        // rewards.py and tools.py as rnow run and the trainer's import check them (Platforms/ReinforceNow).
        var catalog = ReinforceNowPythonFiles.Check(python, packed.ContainsKey, ReinforceNowDatasetType.Read(fileSystem, packed), diagnostics);
        if (!packed.ContainsKey(TrainFile))
        {
            diagnostics.Add(DiagnosticCatalog.RnTrainFileMissing(TrainFile));
        }

        if (packed.TryGetValue(ConfigFile, out var config) && WalkedFileReader.ReadText(fileSystem, config, diagnostics) is { } text)
        {
            CheckConfig(text, diagnostics);
        }

        return new ReinforceNowValidation(options, catalog);
    }

    public IContentObserver? CreateObserver(string path) =>
        path == TrainFile ? new ReinforceNowEntryValidator(path, _split, _options, _diagnostics, _catalog) : null;

    public void Finish(DiagnosticBag diagnostics)
    {
        _diagnostics.FlushTo(diagnostics, TrainFile);
        if (_split.Bytes > 0 && _split.Rows == 0)
        {
            diagnostics.Add(DiagnosticCatalog.RnTrainFileWithoutEntries(TrainFile));
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

/// <summary>What rewards.py and tools.py define as rnow sees them (bare @reward and @tool, anywhere in the file): name to whether it needs a sandbox.</summary>
public sealed record ReinforceNowCatalog(IReadOnlyDictionary<string, bool> Rewards, IReadOnlyDictionary<string, bool> Tools, bool HasRewardsFile, bool HasToolsFile);
