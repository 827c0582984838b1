namespace RlEnv.Core.Diagnostics;

// The environment folder: its walk, its Python entry point and imports, and paths other systems cannot hold.
public static partial class DiagnosticCatalog
{
    public static Diagnostic EnvironmentFolderNotFound(string directory) =>
        EnvironmentDirectoryMissing.At(null, $"The environment folder '{directory}' does not exist.");

    /// <param name="file">The entry point's name at the root.</param>
    /// <param name="why">Why there is no packed entry point: left out (and the reason), or none at the root.</param>
    public static Diagnostic EntryPointNotPacked(string file, string why) =>
        EntryPointMissing.At(file, $"environment.py is required at the environment's root, but {why}. It must define load_environment(**params).");

    public static Diagnostic EntryPointWithoutLoadEnvironment(string file) =>
        LoadEnvironmentMissing.At(file, "environment.py binds no module-level load_environment on any path, and nothing in it (a star import, globals(), a module __getattr__) could provide one; the hub calls load_environment(**params) to build the environment.");

    /// <param name="file">The importing file.</param>
    /// <param name="module">The module as written in the import (relative dots kept), or the imported names when it has none.</param>
    /// <param name="missing">The files and folders the import needs that are not packed, each with why it is left out.</param>
    /// <param name="line">The import's line.</param>
    /// <param name="column">The import's column.</param>
    public static Diagnostic ImportedModuleLeftOut(string file, string module, string missing, int line, int column) =>
        ImportedModuleNotPacked.At(file, $"'{module}' is imported, but {missing} is not packed; the import will fail on the worker.", line, column);

    public static Diagnostic SpecialFileLeftOut(string file) =>
        SpecialFileSkipped.At(file, "Special file (FIFO, socket or device) left out: only regular files and folders are packed.");

    public static Diagnostic SymlinkLeftOut(string file) =>
        SymlinkSkipped.At(file, "Symbolic link left out: the hub refuses links, and its target is never read through it.");

    /// <param name="file">The Python file.</param>
    /// <param name="detail">The tokenizer's own sentence about the problem.</param>
    /// <param name="entryPoint">Whether the file is the entry point (an error) rather than a helper (a warning).</param>
    /// <param name="line">Where Python would report the problem.</param>
    /// <param name="column">Where Python would report the problem.</param>
    public static Diagnostic PythonFileNotTokenizable(string file, string detail, bool entryPoint, int line, int column) =>
        PythonTokenizeError.At(entryPoint ? Severity.Error : Severity.Warning, file, $"Python cannot read this file: {detail}.", line, column);

    /// <param name="file">The Python file.</param>
    /// <param name="problem">Why CPython's source decoding refuses it, as a clause (<see cref="Python.PythonDecoded.Problem"/>).</param>
    /// <param name="entryPoint">Whether the file is the entry point (an error) rather than a helper (a warning).</param>
    public static Diagnostic PythonFileNotDecodable(string file, string problem, bool entryPoint) =>
        PythonTokenizeError.At(entryPoint ? Severity.Error : Severity.Warning, file, $"Python cannot read this file: {problem}.");

    public static Diagnostic CredentialFileLeftOut(string file) =>
        SecretFileExcluded.At(file, "Credential file left out: files such as .env, *.pem, *.key and id_rsa are never packed.");

    /// <summary>The sentence every portability warning ends with: what still works, what breaks.</summary>
    private const string LinuxOnly = "It works on the Linux worker (Flash pushes it and the hub accepts it), but breaks a Windows or macOS checkout of the environment; rename it to keep the environment portable.";

    public static Diagnostic PathHasControlCharacter(string file, char character) =>
        PathControlCharacter.At(file, $"The path contains the control character U+{(int)character:X4}; rename it. Windows cannot create it, and it rewrites the terminals and logs that print the name.");

    public static Diagnostic PathHasReservedCharacter(string file, char character) =>
        PathReservedCharacter.At(file, $"The path contains '{character}', which Windows does not allow in file names. {LinuxOnly}");

    public static Diagnostic PathNameEndsWithDotOrSpace(string file, string name) =>
        PathTrailingDotOrSpace.At(file, $"The name '{name}' ends with a dot or a space, which Windows strips. {LinuxOnly}");

    /// <param name="file">The whole path.</param>
    /// <param name="name">The path segment, extension included.</param>
    /// <param name="stem">The segment before its first dot, which Windows compares with its device names.</param>
    public static Diagnostic PathNameIsDeviceName(string file, string name, string stem) =>
        PathDeviceName.At(file, $"The name '{name}' is a Windows device name ({stem.ToUpperInvariant()}), whatever its extension. {LinuxOnly}");

    public static Diagnostic PathNotUtf8(string file) =>
        PathInvalidUtf8.At(file, "The path is not valid UTF-8, so RlEnv can neither open the file by its name nor record it in the manifest; rename it.");

    /// <param name="file">The path seen second.</param>
    /// <param name="otherFile">The path seen first that this one collides with.</param>
    public static Diagnostic PathCollidesIgnoringCase(string file, string otherFile) =>
        PathCollision.At(file, $"This path and '{otherFile}' differ only in case or Unicode normalization. Both ship and work on the Linux worker, but on a macOS or Windows checkout one overwrites the other; rename one to keep the environment portable.");
}
