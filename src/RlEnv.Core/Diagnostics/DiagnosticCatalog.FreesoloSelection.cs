namespace RlEnv.Core.Diagnostics;

// What the two Freesolo modes ship: the environment root itself and project includes the rules refuse.
public static partial class DiagnosticCatalog
{
    /// <param name="directory">The environment folder as given.</param>
    public static Diagnostic EnvironmentFolderIsLink(string directory) =>
        EnvironmentRootIsLink.At(null, $"The environment folder '{directory}' is a symbolic link; flash env push refuses it (symlinks are not allowed). Pass the folder it points to.");

    /// <param name="file">The included path (or the folder holding the included paths).</param>
    /// <param name="reason">Why the rules leave it out.</param>
    public static Diagnostic IncludeCannotReadmit(string file, string reason) =>
        IncludeRefused.At(file, $"RlEnvInclude names this path, but it stays out ({reason}): Flash never ships credentials, its ignored names, links or special files, and the hub refuses a top-level source, .git or .github.");
}
