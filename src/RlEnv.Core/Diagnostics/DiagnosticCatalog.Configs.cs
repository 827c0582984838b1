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
        ConfigWithoutEnvironment.At(file,
            "This config has no [environment] table, so `flash train` refuses it on its own (\"config must set [environment] id\"); read as a --config overlay, only the keys it sets are checked.",
            line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="line">The [environment] table's line.</param>
    /// <param name="column">The [environment] table's column.</param>
    public static Diagnostic ConfigEnvironmentIdMissing(string file, int line, int column) =>
        EnvironmentIdInvalid.At(file,
            "config must set [environment] id (upload an environment with `flash env push --project <project-uuid> --name <name>` and paste the returned id, e.g. \"your-org/your-project/your-env\"); there is no local path mode.",
            line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="valueRepr">The id as Python's repr() shows it (after Flash's str()).</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic ConfigEnvironmentIdMalformed(string file, string valueRepr, int line, int column) =>
        EnvironmentIdInvalid.At(file,
            $"[environment] id must be a Freesolo environment id (for example \"your-org/your-project/your-env\"): {valueRepr} is neither org/project/name (three segments of letters, digits, '.', '_', '-') nor a github: reference.",
            line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="valueRepr">The id as Python's repr() shows it.</param>
    /// <param name="submitSays">The managed submit's refusal (envs.py::_validate_slug).</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic ConfigEnvironmentIdRefusedBySubmit(string file, string valueRepr, string submitSays, int line, int column) =>
        EnvironmentIdInvalid.At(file,
            $"[environment] id {valueRepr}: Flash's parser takes it, but the managed service refuses it at submit ({submitSays}). Write the id as the hub returns it: three lower-case segments, no padding. (A self-hosted plane takes no slug at all.)",
            line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="valueRepr">The id as Python's repr() shows it.</param>
    /// <param name="slug">The slug it names, or null when the hub reference is malformed.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic ConfigEnvironmentIdHubReference(string file, string valueRepr, string? slug, int line, int column) =>
        EnvironmentIdInvalid.At(file,
            $"[environment] id {valueRepr} names Freesolo's managed environment hub (freesolo-co/environment-hub) by a GitHub reference: the managed service runs hub environments by their slug"
            + (slug is null ? " (and a hub reference must be github:freesolo-co/environment-hub@main:<namespace>/<project>/<name>/environment.py)" : $" (id = \"{slug}\")")
            + ", and a self-hosted plane cannot read the private hub.",
            line, column);
}
