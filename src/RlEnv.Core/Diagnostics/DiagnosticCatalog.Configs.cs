namespace RlEnv.Core.Diagnostics;

// Flash configs: configs/*.toml and root *.toml with an [environment] table.
public static partial class DiagnosticCatalog
{
    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="symlink">Whether the entry is a symbolic link (otherwise a special file such as a FIFO).</param>
    public static Diagnostic ConfigCandidateNotRegularFile(string file, bool symlink) =>
        (symlink ? SymlinkSkipped : SpecialFileSkipped).At(file, "Not read as a config: only regular files are, never a link's target or a special file.");

    public static Diagnostic ConfigTomlNestedTooDeep(string file, int maxDepth, int line, int column) =>
        TomlSyntax.At(file, $"Invalid TOML: arrays and inline tables nest deeper than {maxDepth} levels here; no config needs that.", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="detail">Tomlyn's own message about the syntax error.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic ConfigTomlSyntaxError(string file, string detail, int line, int column) =>
        TomlSyntax.At(file, $"Invalid TOML: {detail}", line, column);

    public static Diagnostic ConfigEnvironmentTableMissing(string file, int line, int column) =>
        ConfigWithoutEnvironment.At(file, "This config has no [environment] table with the id of the environment it trains on.", line, column);

    public static Diagnostic ConfigEnvironmentIdMissing(string file, int line, int column) =>
        EnvironmentIdInvalid.At(file, "[environment] has no id (\"org/name\").", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="value">The id's value as written in the config (a quoted string or another TOML value), if any.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic ConfigEnvironmentIdMalformed(string file, string? value, int line, int column) =>
        EnvironmentIdInvalid.At(file, $"[environment] id {value} is not of the shape \"org/name\" (letters, digits, '.', '_', '-').", line, column);
}
