using System.Text.Json;
using System.Text.Json.Serialization;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Python;

/// <summary>
/// Checks every packed .py file as CPython does, with one interpreter run per analysis: <c>ast.parse</c> (what
/// <c>rnow run</c> checks before upload) and then <c>compile(source, name, "exec", dont_inherit=True)</c> (what an
/// import adds: 'return' outside function, duplicate arguments, nonlocal at module level). No .NET parser gives
/// CPython's answer, and none that tries restores from this machine's NuGet mirror (IronPython,
/// Microsoft.Python.Parsing, TreeSitter.DotNet: NU1101), so the interpreter itself answers (a pooled worker, see
/// <see cref="PythonSyntaxWorker"/>): the files are sent as bytes on stdin and never imported or run. Without a
/// Python 3.11+ the check says so in an info line.
/// </summary>
public static class PythonSyntaxCheck
{
    /// <summary>How long one run may take before it is killed and the files reported as not checked.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Checks <paramref name="files"/> with one run of the interpreter.</summary>
    /// <param name="files">Each file's path (relative to the environment root) and bytes.</param>
    /// <param name="command">The interpreter to use; null finds one (see <see cref="PythonInterpreter.Find(string?)"/>).</param>
    /// <param name="target">When set, also parse with <c>feature_version</c> this version, on a newer interpreter.</param>
    /// <param name="cancellation">Kills the interpreter; the files are then reported as not checked.</param>
    public static PythonSyntaxReport Run(IReadOnlyList<(string Path, byte[] Bytes)> files, string? command, Version? target, CancellationToken cancellation)
    {
        if (files.Count == 0)
        {
            return PythonSyntaxReport.NothingToCheck;
        }

        var paths = files.Select(f => f.Path).ToList();
        var lookup = PythonInterpreter.Find(command);
        if (lookup.Interpreter is not { } interpreter)
        {
            return PythonSyntaxReport.NotChecked(paths, $"no Python {PythonInterpreter.Minimum} or newer was found ({lookup.Problem})");
        }

        var (output, problem) = Execute(interpreter, files, target, cancellation);
        if (output is null || output.Results.Count != files.Count)
        {
            return PythonSyntaxReport.NotChecked(paths, $"{interpreter.Description} {problem ?? "gave no answer for every file"}");
        }

        var errors = new Dictionary<string, PythonSyntaxError>(StringComparer.Ordinal);
        var newer = new Dictionary<string, PythonSyntaxError>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            if (output.Results[i].Error is { } error)
            {
                errors[files[i].Path] = error;
            }
            else if (output.Results[i].Newer is { } tooNew)
            {
                newer[files[i].Path] = tooNew;
            }
        }

        return new PythonSyntaxReport(paths, interpreter, null, errors, newer, target);
    }

    private static (SyntaxCheckOutput? Output, string? Problem) Execute(PythonInterpreter interpreter, IReadOnlyList<(string Path, byte[] Bytes)> files, Version? target, CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested)
        {
            return (null, "was not asked: the run was cancelled");
        }

        using var request = new MemoryStream();
        WriteRequest(request, files, target);
        var (answer, problem) = PythonSyntaxWorker.Ask(interpreter.Executable, request.ToArray(), Timeout, cancellation);
        if (answer is null)
        {
            return (null, problem);
        }

        try
        {
            return (JsonSerializer.Deserialize(answer, PythonSyntaxJsonContext.Default.SyntaxCheckOutput), null);
        }
        catch (JsonException e)
        {
            return (null, "answered something other than the expected JSON: " + e.Message);
        }
    }

    /// <summary>
    /// One line: the target ("3.11", or "-" for none), then each file's bytes as "b" and standard base64, separated by
    /// spaces. Only the bytes go: a path may hold characters the line cannot carry, and the answers come back in order.
    /// </summary>
    private static void WriteRequest(Stream stdin, IReadOnlyList<(string Path, byte[] Bytes)> files, Version? target)
    {
        using var line = new StreamWriter(stdin, new System.Text.UTF8Encoding(false), leaveOpen: true);
        line.Write(target is null ? "-" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{target.Major}.{target.Minor}"));
        foreach (var (_, bytes) in files)
        {
            line.Write(" b");
            line.Write(Convert.ToBase64String(bytes));
        }
    }
}

/// <summary>CPython's SyntaxError (or the other exception its parser raised) for one file.</summary>
/// <param name="Stage">"parse" (ast.parse refused it: so does <c>rnow run</c>), "compile" (only compile, as an import, refused it) or "feature" (the parse for an older target).</param>
/// <param name="Kind">The exception's type: SyntaxError, IndentationError, TabError, ValueError, RecursionError.</param>
/// <param name="Message">Its message (SyntaxError.msg).</param>
/// <param name="Line">Its 1-based line, when it has one.</param>
/// <param name="Column">Its 1-based column (SyntaxError.offset), when it has one.</param>
public sealed record PythonSyntaxError(string Stage, string Kind, string Message, int? Line, int? Column)
{
    /// <summary>Whether <c>ast.parse</c> refuses it too, as <c>rnow run</c>'s own check does.</summary>
    public bool RefusedByParse => Stage == "parse";
}

/// <summary>What the syntax check found for the files of one analysis.</summary>
public sealed class PythonSyntaxReport(
    IReadOnlyCollection<string> files,
    PythonInterpreter? interpreter,
    string? notChecked,
    IReadOnlyDictionary<string, PythonSyntaxError> errors,
    IReadOnlyDictionary<string, PythonSyntaxError> newer,
    Version? target)
{
    /// <summary>No .py file was packed, or the caller asked for the walk alone.</summary>
    public static PythonSyntaxReport NothingToCheck { get; } = new([], null, null, new Dictionary<string, PythonSyntaxError>(), new Dictionary<string, PythonSyntaxError>(), null);

    /// <summary>The .py files the check was for.</summary>
    public IReadOnlyCollection<string> Files { get; } = files;

    /// <summary>The interpreter that answered, or null.</summary>
    public PythonInterpreter? Interpreter { get; } = interpreter;

    /// <summary>Why there are files but no answer, or null.</summary>
    public string? NotCheckedReason { get; } = notChecked;

    public IReadOnlyDictionary<string, PythonSyntaxError> Errors { get; } = errors;

    /// <summary>Files this interpreter accepts but <see cref="Target"/>'s grammar refuses.</summary>
    public IReadOnlyDictionary<string, PythonSyntaxError> NewerThanTarget { get; } = newer;

    public Version? Target { get; } = target;

    /// <summary>Whether CPython checked <paramref name="path"/> and refused it.</summary>
    /// <param name="path">The file, relative to the environment root.</param>
    public bool Refuses(string path) => Errors.ContainsKey(path);

    /// <summary>Whether CPython checked <paramref name="path"/> and accepted it.</summary>
    /// <param name="path">The file, relative to the environment root.</param>
    public bool Accepts(string path) => Interpreter is not null && Files.Contains(path) && !Errors.ContainsKey(path);

    public static PythonSyntaxReport NotChecked(IReadOnlyCollection<string> files, string reason) =>
        new(files, null, reason, new Dictionary<string, PythonSyntaxError>(), new Dictionary<string, PythonSyntaxError>(), null);

    /// <summary>
    /// One error per refused file (an error where the platform imports the file for certain, a warning for a helper it
    /// may never import), one warning per file newer than the target, and one info line when nothing could be checked.
    /// </summary>
    /// <param name="diagnostics">Where findings go.</param>
    /// <param name="imported">Whether the platform certainly imports the file.</param>
    /// <param name="platform">Who imports it, for the message: "ReinforceNow's trainer", "the worker".</param>
    public void Report(DiagnosticBag diagnostics, Func<string, bool> imported, string platform)
    {
        foreach (var (path, error) in Errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            diagnostics.Add(DiagnosticCatalog.PythonSyntaxRefused(PathPortability.Display(path), error, Interpreter!, imported(path), platform));
        }

        foreach (var (path, error) in NewerThanTarget.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            diagnostics.Add(DiagnosticCatalog.PythonSyntaxNewerThanTarget(PathPortability.Display(path), error, Interpreter!, Target!));
        }

        if (NotCheckedReason is { } reason)
        {
            diagnostics.Add(DiagnosticCatalog.PythonSyntaxNotChecked(Files.Count, reason));
        }
    }
}

/// <summary>The worker's first line: which interpreter it is.</summary>
internal sealed record PythonHello(string? Executable, string Version, string Implementation);

internal sealed record SyntaxCheckOutput(string Version, string Implementation, List<SyntaxCheckResult> Results);

internal sealed record SyntaxCheckResult(PythonSyntaxError? Error, PythonSyntaxError? Newer);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SyntaxCheckOutput))]
[JsonSerializable(typeof(PythonHello))]
internal sealed partial class PythonSyntaxJsonContext : JsonSerializerContext;
