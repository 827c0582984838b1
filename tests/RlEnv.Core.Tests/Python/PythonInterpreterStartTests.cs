using RlEnv.Core.Python;

namespace RlEnv.Core.Tests.Python;

/// <summary>
/// Issue 15, start-up: the process that finds the interpreter is the one that checks (its first line says which
/// interpreter it is), so a check costs one interpreter start, not a probe and then a worker. The interpreters here are
/// shell scripts that speak the worker's protocol and log each start, because CI has one Python and these need others.
/// </summary>
public sealed class PythonInterpreterStartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rlenv-python-start-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A script that logs its start, says hello as <paramref name="version"/> and answers every file with no error.</summary>
    private string ScriptedInterpreter(string name, string version) =>
        ScriptedPython.Interpreter(Path.Combine(_folder, name), version, log: Path.Combine(_folder, name + ".starts"));

    private string Script(string name, string text) => ScriptedPython.Executable(Path.Combine(_folder, name), text);

    private int Starts(string name) => File.Exists(Path.Combine(_folder, name + ".starts")) ? File.ReadAllLines(Path.Combine(_folder, name + ".starts")).Length : 0;

    [Fact]
    public void Finding_the_interpreter_and_checking_three_files_start_it_once()
    {
        var python = ScriptedInterpreter("python3.12", "3.12.4");

        var report = PythonSyntaxCheck.Run([("a.py", "x = 1\n"u8.ToArray()), ("b.py", []), ("c.py", "y = 2\n"u8.ToArray())], python, null, CancellationToken.None);

        Assert.Null(report.NotCheckedReason);
        Assert.Equal(new Version(3, 12, 4), report.Interpreter!.Version);
        Assert.Equal(python, report.Interpreter.Executable);
        Assert.True(report.Accepts("a.py") && report.Accepts("b.py") && report.Accepts("c.py"));
        Assert.Equal(1, Starts("python3.12"));
    }

    [Fact]
    public void An_interpreter_older_than_3_11_is_turned_down_from_its_first_line_with_its_version_named()
    {
        var python = ScriptedInterpreter("python3.8", "3.8.18");

        var lookup = PythonInterpreter.Find(python);

        Assert.Null(lookup.Interpreter);
        Assert.Equal($"{python} is CPython 3.8.18 ({python}), older than 3.11", lookup.Problem);
        Assert.Equal(1, Starts("python3.8"));
    }

    [Fact]
    public void A_first_line_that_is_not_the_hello_says_what_the_interpreter_answered()
    {
        var path = Script("not-python", "#!/bin/sh\necho 'Python 3.12.0'\n");

        var lookup = PythonInterpreter.Find(path);

        Assert.Null(lookup.Interpreter);
        Assert.Equal($"{path}: answered something other than the expected JSON: Python 3.12.0", lookup.Problem);
    }

    [Fact]
    public void An_interpreter_that_exits_before_its_first_line_is_reported_with_its_exit_code_and_stderr()
    {
        var path = Script("python2", "#!/bin/sh\necho 'Unknown option: -I' >&2\nexit 2\n");

        var lookup = PythonInterpreter.Find(path);

        Assert.Null(lookup.Interpreter);
        Assert.Equal($"{path}: exited with 2: Unknown option: -I", lookup.Problem);
    }
}
