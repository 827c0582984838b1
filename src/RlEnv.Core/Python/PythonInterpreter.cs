using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace RlEnv.Core.Python;

/// <summary>
/// The CPython that checks syntax: found once per process and command, then run by its real path (a pyenv shim
/// costs half a second a start; the interpreter itself about 30 ms).
/// </summary>
/// <param name="Executable">The interpreter's own path (<c>sys.executable</c>), or the command when it reports none.</param>
/// <param name="Version">Its version.</param>
/// <param name="Implementation">sys.implementation.name: cpython, pypy.</param>
public sealed record PythonInterpreter(string Executable, Version Version, string Implementation)
{
    /// <summary>The environment variable that names the interpreter; set but empty, no interpreter is used.</summary>
    public const string EnvironmentVariable = "RLENV_PYTHON";

    /// <summary>
    /// The oldest Python whose answer counts: rnow declares <c>requires-python = "&gt;=3.11,&lt;3.15"</c> and checks
    /// requirements against 3.11 (pyproject.toml; rnow/cli/commands.py <c>validate_requirements_txt(..., target_python="3.11")</c>),
    /// and its templates run <c>python:3.11-slim</c>. An older grammar would refuse code those accept.
    /// </summary>
    public static readonly Version Minimum = new(3, 11);

    /// <summary>Tried in order when neither the request nor <see cref="EnvironmentVariable"/> names one: 3.11 first, so the answer is the one rnow's floor gives.</summary>
    public static readonly IReadOnlyList<string> Candidates = ["python3.11", "python3", "python"];

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);

    private static readonly ConcurrentDictionary<string, Lazy<PythonLookup>> Lookups = new(StringComparer.Ordinal);

    /// <summary>Where the interpreter runs: outside the environment, so nothing there (a .pth, a module) is picked up.</summary>
    internal static string WorkingDirectory => Path.GetTempPath();

    public string Description => $"{(Implementation == "cpython" ? "CPython" : Implementation)} {Version} ({Executable})";

    /// <summary>Runs the interpreter with isolated mode, no site, no bytecode written, warnings ignored (a SyntaxWarning is not an error).</summary>
    /// <param name="executable">The interpreter or the command that starts it.</param>
    /// <param name="code">The program for <c>-c</c>.</param>
    public static ProcessStartInfo StartInfo(string executable, string code)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = WorkingDirectory,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in new[] { "-I", "-S", "-B", "-W", "ignore", "-c", code })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>
    /// The interpreter for <paramref name="command"/> (null: <see cref="EnvironmentVariable"/>, else the first of
    /// <see cref="Candidates"/> that is Python <see cref="Minimum"/> or newer), or why there is none.
    /// </summary>
    /// <param name="command">A command or path.</param>
    public static PythonLookup Find(string? command)
    {
        command ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        return Lookups.GetOrAdd(command ?? "\0", key => new Lazy<PythonLookup>(() => Look(command, Environment.GetEnvironmentVariable))).Value;
    }

    /// <summary>As <see cref="Find(string?)"/> for one command, uncached, with pyenv's choice made from <paramref name="environment"/>: for tests.</summary>
    /// <param name="command">A command or path.</param>
    /// <param name="environment">The variables the interpreter would see (PATH, pyenv's).</param>
    internal static PythonLookup Find(string command, Func<string, string?> environment) => Look(command, environment);

    private static PythonLookup Look(string? command, Func<string, string?> environment)
    {
        if (command is { Length: 0 })
        {
            return new PythonLookup(null, $"{EnvironmentVariable} is set but empty");
        }

        var tried = new List<string>();
        foreach (var candidate in command is null ? Candidates : [command])
        {
            var (interpreter, problem) = Run(candidate, environment);
            if (interpreter is not null && interpreter.Version >= Minimum)
            {
                return new PythonLookup(interpreter, null);
            }

            tried.Add(interpreter is not null ? $"{candidate} is {interpreter.Description}, older than {Minimum}" : $"{candidate}: {problem}");
        }

        return new PythonLookup(null, string.Join("; ", tried));
    }

    /// <summary>
    /// Starts the syntax worker with <paramref name="command"/> and reads which interpreter it is; a worker new enough
    /// is kept for the check, so finding the interpreter and checking cost one start.
    /// </summary>
    private static (PythonInterpreter? Interpreter, string? Problem) Run(string command, Func<string, string?> environment)
    {
        // Through a pyenv shim, the interpreter it would choose is started directly (PyenvShim), or nothing when pyenv would
        // certainly fail; if the chosen interpreter does not start, or pyenv's answer is not certain, the shim runs.
        var pyenv = PyenvShim.Resolve(command, WorkingDirectory, environment);
        if (pyenv.Refusal is { } refusal)
        {
            return (null, refusal);
        }

        var (worker, hello, problem) = pyenv.Interpreter is { } direct ? PythonSyntaxWorker.Start(direct, ProbeTimeout) : default;
        if (worker is null)
        {
            (worker, hello, problem) = PythonSyntaxWorker.Start(command, ProbeTimeout);
        }

        if (worker is null)
        {
            return (null, problem);
        }

        PythonHello? said = null;
        try
        {
            said = JsonSerializer.Deserialize(hello!, PythonSyntaxJsonContext.Default.PythonHello);
        }
        catch (JsonException)
        {
            // Reported below with what it said.
        }

        if (said is null || !Version.TryParse(said.Version, out var version))
        {
            worker.Dispose();
            return (null, "answered something other than the expected JSON: " + Shorten(hello!));
        }

        var interpreter = new PythonInterpreter(said.Executable is { Length: > 0 } path ? path : command, version, said.Implementation);
        if (version >= Minimum)
        {
            PythonSyntaxWorker.Park(interpreter.Executable, worker);
        }
        else
        {
            worker.Dispose();
        }

        return (interpreter, null);
    }

    internal static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
    }

    internal static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}

/// <summary>The interpreter found, or why none was.</summary>
/// <param name="Interpreter">The interpreter, or null.</param>
/// <param name="Problem">Why there is none: what was tried and what each answered.</param>
public sealed record PythonLookup(PythonInterpreter? Interpreter, string? Problem);
