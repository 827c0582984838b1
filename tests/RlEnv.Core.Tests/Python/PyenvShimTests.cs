using RlEnv.Core.Python;

namespace RlEnv.Core.Tests.Python;

/// <summary>
/// Issue 15, start-up: where <c>python3</c> is a pyenv shim, the interpreter pyenv would choose is started directly,
/// saving the shim's 0.3 s. These rebuild pyenv's own rules (libexec/pyenv-version-file, -version-file-read,
/// -version-name, -which) over a pyenv root made in a temp folder, with the shim text pyenv writes.
/// </summary>
public sealed class PyenvShimTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rlenv-pyenv-").FullName;

    public PyenvShimTests()
    {
        Root = Path.Combine(_folder, "pyenv");
        Work = Path.Combine(_folder, "work", "project");
        Directory.CreateDirectory(Work);
        Shim("python3");
        Interpreter("3.12.1", "python3");
        Interpreter("3.11.7", "python3");
        Directory.CreateDirectory(Path.Combine(Root, "versions", "3.10.13", "bin")); // installed, without python3
        File.WriteAllText(Path.Combine(Root, "version"), "3.12.1\n");
    }

    private string Root { get; }

    private string Work { get; }

    private string Shims => Path.Combine(Root, "shims");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A shim as `pyenv rehash` writes it (pyenv 2.3, libexec/pyenv-rehash).</summary>
    private string Shim(string program, string? root = null)
    {
        root ??= Root;
        return Executable(Path.Combine(Shims, program), $$"""
            #!/usr/bin/env bash
            set -e
            [ -n "$PYENV_DEBUG" ] && set -x

            program="${0##*/}"

            export PYENV_ROOT="{{root}}"
            SHIM_PATH=${0%/*}
            if [[ $SHIM_PATH != "{{root}}/shims" ]]; then
              export _PYENV_SHIM_PATH="$SHIM_PATH"
            fi
            exec "{{root}}/libexec/pyenv" exec "$program" "$@"

            """);
    }

    /// <summary>A shim as pyenv writes it that, if ever run, logs to <paramref name="log"/> and fails.</summary>
    private string LoggingShim(string program, string log) =>
        Executable(Path.Combine(Shims, program), File.ReadAllText(Path.Combine(Shims, "python3"))
            .Replace("set -e\n", $"set -e\necho ran >> '{log}'\nexit 3\n", StringComparison.Ordinal));

    private string Interpreter(string version, string program) =>
        Executable(Path.Combine(Root, "versions", version, "bin", program), "#!/bin/sh\nexit 0\n");

    private static string Executable(string path, string text) => ScriptedPython.Executable(path, text);

    /// <summary>The system's programs, outside pyenv: on PATH after the shims.</summary>
    private string SystemBin => Path.Combine(_folder, "usr", "bin");

    private Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = $"/nonexistent:{Shims}:{SystemBin}" };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return name => environment.GetValueOrDefault(name);
    }

    private PyenvAnswer Answer(string command = "python3", params (string Name, string Value)[] variables) =>
        PyenvShim.Resolve(command, Work, Environment(variables));

    private string? Resolve(string command = "python3", params (string Name, string Value)[] variables) => Answer(command, variables).Interpreter;

    private string Versions(string version, string program = "python3") => Path.Combine(Root, "versions", version, "bin", program);

    [Fact]
    public void The_global_version_file_chooses_when_nothing_else_does() => Assert.Equal(Versions("3.12.1"), Resolve());

    [Fact]
    public void A_shim_named_by_its_path_is_resolved_as_one_found_on_path() =>
        Assert.Equal(Versions("3.12.1"), Resolve(Path.Combine(Shims, "python3"), ("PATH", "")));

    [Fact]
    public void PYENV_VERSION_wins_and_its_first_version_with_the_command_is_taken() =>
        Assert.Equal(Versions("3.11.7"), Resolve("python3", ("PYENV_VERSION", "3.10.13:3.11.7:3.12.1")));

    [Fact]
    public void A_python_version_file_above_the_working_directory_wins_over_the_global_one()
    {
        File.WriteAllText(Path.Combine(_folder, "work", ".python-version"), "# pinned for the project\r\n\r\n  3.11.7  trailing words\r\n");

        Assert.Equal(Versions("3.11.7"), Resolve());
    }

    [Fact]
    public void PYENV_DIR_is_searched_before_the_working_directory()
    {
        File.WriteAllText(Path.Combine(Work, ".python-version"), "3.12.1\n");
        var other = Directory.CreateDirectory(Path.Combine(_folder, "other", "deep")).FullName;
        File.WriteAllText(Path.Combine(_folder, "other", ".python-version"), "3.11.7\n");

        Assert.Equal(Versions("3.11.7"), Resolve("python3", ("PYENV_DIR", other)));
    }

    [Theory]
    [InlineData("..\n3.11.7\n")]
    [InlineData("3.11.7/envs/tools\n3.11.7\n")]
    public void A_version_file_name_pyenv_releases_read_differently_leaves_the_shim_to_run(string text)
    {
        // Older pyenv skips ".." and names holding '/' (CVE-2022-35861); newer pyenv keeps those that stay in versions/.
        File.WriteAllText(Path.Combine(Work, ".python-version"), text);

        Assert.Equal(default, Answer());
    }

    [Theory]
    [InlineData("system")]
    [InlineData("3.12")] // a prefix pyenv would resolve with pyenv-latest: the shim decides
    [InlineData("python-3.12.1")] // a python- name pyenv would normalise
    [InlineData("3.11.7:3.99.0")] // pyenv-version-name refuses a list holding a version not installed
    [InlineData("3.11.7::3.12.1")]
    public void Whatever_pyenv_would_answer_other_than_an_installed_interpreter_leaves_the_shim_to_run(string version) =>
        Assert.Equal(default, Answer("python3", ("PYENV_VERSION", version)));

    [Fact]
    public void No_listed_version_holding_the_command_and_none_outside_the_shims_is_pyenvs_failure()
    {
        // Older pyenv fails ("command not found"); newer looks on PATH without the shims, finds nothing, and fails too.
        var answer = Answer("python3", ("PYENV_VERSION", "3.10.13"));

        Assert.Null(answer.Interpreter);
        Assert.Equal("pyenv: no version it selects (3.10.13) has python3, and none is found outside its shims", answer.Refusal);
    }

    [Fact]
    public void Pyenv_virtualenvs_own_which_hooks_leave_a_failure_certain()
    {
        // They act only for conda, python*-config and virtualenv versions.
        foreach (var hook in new[] { "conda.bash", "python-config.bash", "system-site-packages.bash" })
        {
            Executable(Path.Combine(Root, "plugins", "pyenv-virtualenv", "etc", "pyenv.d", "which", hook), "true\n");
        }

        Assert.NotNull(Answer("python3", ("PYENV_VERSION", "3.10.13")).Refusal);
    }

    [Fact]
    public void A_system_program_newer_pyenv_would_fall_back_to_leaves_the_shim_to_choose()
    {
        Executable(Path.Combine(SystemBin, "python3"), "#!/bin/sh\nexit 0\n");

        Assert.Equal(default, Answer("python3", ("PYENV_VERSION", "3.10.13")));
    }

    [Fact]
    public void A_virtualenv_version_whose_hook_may_look_into_its_base_leaves_the_shim_to_choose()
    {
        Executable(Path.Combine(Root, "versions", "tools", "bin", "activate"), "true\n");

        Assert.Equal(default, Answer("python3", ("PYENV_VERSION", "tools")));
    }

    [Fact]
    public void A_which_hook_pyenv_virtualenv_does_not_ship_leaves_the_shim_to_choose()
    {
        Executable(Path.Combine(Root, "pyenv.d", "which", "local.bash"), "true\n");

        Assert.Equal(default, Answer("python3", ("PYENV_VERSION", "3.10.13")));
    }

    [Fact]
    public void A_custom_shim_path_for_the_program_leaves_the_shim_to_choose() =>
        Assert.Equal(default, Answer("python3", ("PYENV_VERSION", "3.10.13"), ("_PYENV_SHIM_PATHS_PYTHON3", "/opt/shims")));

    [Fact]
    public void No_version_file_at_all_is_pyenvs_system_python_and_leaves_the_shim_to_run()
    {
        File.Delete(Path.Combine(Root, "version"));

        Assert.Equal(default, Answer());
    }

    [Fact]
    public void A_script_that_is_not_a_pyenv_shim_is_run_as_given()
    {
        Executable(Path.Combine(Shims, "python3"), "#!/usr/bin/env bash\nexec /usr/bin/python3 \"$@\"\n");

        Assert.Equal(default, Answer());
    }

    [Fact]
    public void A_shim_outside_the_root_it_names_is_run_as_given()
    {
        var elsewhere = Path.Combine(_folder, "elsewhere", "python3");
        Executable(elsewhere, File.ReadAllText(Path.Combine(Shims, "python3")));

        Assert.Equal(default, Answer(elsewhere));
    }

    [Fact]
    public void A_fifo_python_version_is_passed_over_as_pyenv_passes_over_what_is_not_a_regular_file()
    {
        // Opening a FIFO blocks until a writer comes: it must never be opened (the temp folder anyone writes to is where
        // the interpreter runs). pyenv's `-f` skips it too, and goes on to the global version.
        Fifo(Path.Combine(Work, ".python-version"));

        Assert.Equal(Versions("3.12.1"), Resolve());
    }

    [Fact]
    public void A_fifo_on_path_where_the_shim_would_be_is_run_as_given_without_being_opened()
    {
        File.Delete(Path.Combine(Shims, "python3"));
        Fifo(Path.Combine(Shims, "python3"));
        File.SetUnixFileMode(Path.Combine(Shims, "python3"), UnixFileMode.UserRead | UnixFileMode.UserExecute);

        Assert.Equal(default, Answer());
    }

    private static void Fifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public void A_command_not_on_path_is_run_as_given() => Assert.Equal(default, Answer("python3.99"));

    [Fact]
    public void The_interpreter_is_started_directly_and_the_shim_never_runs()
    {
        // The shim would log and fail; the chosen version's interpreter says hello as a 3.12 worker.
        var log = Path.Combine(_folder, "shim.log");
        var shim = LoggingShim("python3.12", log);
        var python = ScriptedPython.Interpreter(Versions("3.12.1", "python3.12"), "3.12.1");

        var lookup = PythonInterpreter.Find(shim, Environment());

        Assert.Null(lookup.Problem);
        Assert.Equal(python, lookup.Interpreter!.Executable);
        Assert.False(File.Exists(log));
    }

    [Fact]
    public void A_shim_pyenv_would_certainly_fail_for_is_turned_down_without_running()
    {
        // python3.11 where the global version is 3.12.1: no selected version has it and there is none outside pyenv, so
        // the candidate is passed over at once instead of after the shim's 0.3 s.
        var log = Path.Combine(_folder, "shim.log");
        var shim = LoggingShim("python3.11", log);

        var lookup = PythonInterpreter.Find(shim, Environment());

        Assert.Null(lookup.Interpreter);
        Assert.Equal($"{shim}: pyenv: no version it selects (3.12.1) has python3.11, and none is found outside its shims", lookup.Problem);
        Assert.False(File.Exists(log));
    }
}
