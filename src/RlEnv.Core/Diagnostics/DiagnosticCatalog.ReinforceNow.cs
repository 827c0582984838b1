namespace RlEnv.Core.Diagnostics;

// ReinforceNow projects: train.jsonl entries, rewards.py and tools.py, config.yml.
public static partial class DiagnosticCatalog
{
    public static Diagnostic RnTrainFileMissing(string file) =>
        SplitEmpty.At(file, "A ReinforceNow project needs train.jsonl at its root.");

    public static Diagnostic RnConfigYamlNestedTooDeep(string file, int maxDepth, int line, int column) =>
        RnConfigInvalid.At(file, $"Invalid YAML: sequences and mappings nest deeper than {maxDepth} levels here; no config needs that.", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="detail">YamlDotNet's own message about the syntax error.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnConfigYamlSyntaxError(string file, string detail, int line, int column) =>
        RnConfigInvalid.At(file, $"Invalid YAML: {detail}", line, column);

    public static Diagnostic RnConfigNotMapping(string file, int line, int column) =>
        RnConfigInvalid.At(file, "config.yml must be a mapping of settings.", line, column);

    public static Diagnostic RnDatasetTypeNotAllowed(string file, IEnumerable<string> allowed, int line, int column) =>
        RnDatasetType.At(file, $"dataset_type must be one of {string.Join(", ", allowed)}.", line, column);

    public static Diagnostic RnConfigKeyNotKnown(string file, string key, IEnumerable<string> known, int line, int column) =>
        RnConfigUnknownKey.At(file, $"'{key}' is not a config.yml key this profile knows; a misspelt key is silently ignored. Known: {string.Join(", ", known.Order(StringComparer.Ordinal))}.", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="detail">What <c>JsonErrors.Describe</c> says about the parser's exception.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnEntryJsonInvalid(string file, string detail, int line, int column) =>
        JsonSyntax.At(file, detail, line, column);
}
