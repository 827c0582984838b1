using RlEnv.Core.Python;

namespace RlEnv.Core.Diagnostics;

// Python files checked by CPython itself (Python/PythonSyntaxCheck.cs): RLENV1010-1012.
public static partial class DiagnosticCatalog
{
    /// <param name="file">The Python file.</param>
    /// <param name="error">CPython's exception for it.</param>
    /// <param name="interpreter">The interpreter that refused it.</param>
    /// <param name="imported">Whether the platform certainly imports the file (an error) rather than perhaps (a warning).</param>
    /// <param name="platform">Who imports it: "ReinforceNow's trainer", "the worker".</param>
    public static Diagnostic PythonSyntaxRefused(string file, PythonSyntaxError error, PythonInterpreter interpreter, bool imported, string platform)
    {
        var stage = error.RefusedByParse
            ? string.Empty
            : " (ast.parse accepts the file; compiling it, as an import does, refuses it)";
        var consequence = imported
            ? $"{platform} imports this file, so the run fails there."
            : $"{platform} fails only if it imports this file.";
        return PythonSyntaxInvalid.At(imported ? Severity.Error : Severity.Warning, file,
            $"{interpreter.Description} refuses this file: {error.Kind}: {error.Message}{stage}. {consequence}",
            error.Line is > 0 ? error.Line : null, error.Line is > 0 && error.Column is > 0 ? error.Column : null);
    }

    /// <param name="file">The Python file.</param>
    /// <param name="error">The older grammar's exception.</param>
    /// <param name="interpreter">The newer interpreter that accepts the file.</param>
    /// <param name="target">The version whose grammar refuses it.</param>
    public static Diagnostic PythonSyntaxNewerThanTarget(string file, PythonSyntaxError error, PythonInterpreter interpreter, Version target) =>
        PythonSyntaxTooNew.At(file,
            $"{interpreter.Description} accepts this file, but Python {target}'s grammar refuses it: {error.Message}. " +
            $"ReinforceNow supports Python {target} and its templates run python:{target}-slim; write it for {target}, or check with a {target} interpreter ({PythonInterpreter.EnvironmentVariable}=python{target}).",
            error.Line is > 0 ? error.Line : null, error.Line is > 0 && error.Column is > 0 ? error.Column : null);

    /// <param name="files">How many .py files were left unchecked.</param>
    /// <param name="reason">Why: what was tried, or what went wrong.</param>
    public static Diagnostic PythonSyntaxNotChecked(int files, string reason) =>
        PythonSyntaxUnchecked.At(null,
            $"The syntax of {files} Python file{(files == 1 ? string.Empty : "s")} was not checked: {reason}. " +
            $"Install Python {PythonInterpreter.Minimum}+ on PATH (python3.11, python3 or python) or name one in {PythonInterpreter.EnvironmentVariable}; until then only unclosed brackets and strings are found (RLENV1006).");
}
