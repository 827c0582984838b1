using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Python;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Python;

/// <summary>
/// Issue 12, "Python that does not parse passes": every packed .py is checked by CPython (ast.parse as rnow run
/// does, then compile as an import does), with the error at its line and column. These tests need a Python 3.11+
/// on PATH, as .ci/run installs one; the interpreter's own messages are asserted only where 3.11 to 3.13 agree.
/// </summary>
public class PythonSyntaxCheckTests
{
    private const string Entry = "{\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}],\"rewards\":[\"accuracy\"]}";
    private const string Rewards = "from rnow.core import RewardArgs, reward\n\n@reward\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    return 1.0\n";

    private static ProjectFiles Rn(string rewards) =>
        new ProjectFiles().File("config.yml", "dataset_type: rl\n").File("rewards.py", rewards).Lines("train.jsonl", Entry);

    private static ValidateResult Validate(ProjectFiles project, Profile profile, ValidationOptions? options = null) =>
        new ValidateEngine(project.FileSystem).Validate(new PackRequest
        {
            EnvironmentDirectory = ProjectFiles.Root,
            OutputDirectory = "/out",
            Profile = profile,
            Validation = options ?? ValidationOptions.Default,
        });

    [Fact]
    public void A_python_3_11_or_newer_is_found_on_this_machine_as_in_ci()
    {
        var lookup = PythonInterpreter.Find(null);

        Assert.True(lookup.Interpreter is not null, $"The syntax tests need Python {PythonInterpreter.Minimum}+ on PATH (.ci/run installs python3): {lookup.Problem}");
        Assert.True(lookup.Interpreter!.Version >= PythonInterpreter.Minimum);
    }

    // Validate lets CPython run while the dataset pass does (EnvironmentAnalyzer.DeferPythonChecks): the findings are
    // those of the analysis that waits for it, the syntax error, the import closure's and the records' alike.
    [Fact]
    public void Validate_reports_what_the_waiting_analysis_reports_while_cpython_runs_beside_the_dataset_pass()
    {
        var project = new ProjectFiles()
            .File("environment.py", "import helpers\n\ndef load_environment(**params)\n    return None\n")
            .File("dataset/train.jsonl", "{\"input\":\"a\",\"output\":\"1\"}\n{\"output\":\"2\"}\n");

        var validated = Validate(project, Profile.Freesolo).Diagnostics;
        var waiting = new DiagnosticBag();
        var plan = new EnvironmentAnalyzer(project.FileSystem).Analyze(new PackRequest { EnvironmentDirectory = ProjectFiles.Root, OutputDirectory = "/out", Profile = Profile.Freesolo }, waiting);

        var syntax = Assert.Single(validated, d => d.Code == DiagnosticCatalog.PythonSyntaxInvalid.Code);
        Assert.Equal(("environment.py", 3), (syntax.File, syntax.Line));
        Assert.Contains(validated, d => d.Code == DiagnosticCatalog.InputInvalid.Code && d.Line == 2);
        Assert.NotNull(plan);
        Assert.Equal("environment.py", Assert.Single(plan.PythonSyntax.Errors.Keys));
        Assert.All(waiting.ToSortedList(), d => Assert.Contains(d, validated));
    }

    // rnow/core/reward.py:238-242: `Syntax error in rewards.py: expected ':' (rewards.py, line 4)`; before issue 12, no diagnostic.
    [Fact]
    public void A_missing_colon_in_rewards_py_is_an_error_at_cpythons_line_and_column()
    {
        var broken = Rewards.Replace("-> float:", "-> float", StringComparison.Ordinal);

        var result = Validate(Rn(broken), Profile.ReinforceNow);

        var error = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.PythonSyntaxInvalid.Code);
        Assert.Equal((Severity.Error, "rewards.py", 4, 56), (error.Severity, error.File, error.Line, error.Column));
        Assert.Contains("expected ':'", error.Message, StringComparison.Ordinal);
        Assert.Contains("CPython 3.", error.Message, StringComparison.Ordinal);

        // rnow's get_reward_names_from_file gives no names for a file that does not parse; rnow run reports only the syntax error.
        Assert.DoesNotContain(result.Diagnostics, d => d.Code is "RLENV2360" or "RLENV2362");
        Assert.DoesNotContain(Validate(Rn(Rewards), Profile.ReinforceNow).Diagnostics, d => d.Code == DiagnosticCatalog.PythonSyntaxInvalid.Code);
    }

    // ast.parse accepts these; compile(), as the trainer's import, refuses them (symbol-table errors).
    [Theory]
    [InlineData("return 1\n", 1)]
    [InlineData("def f(a, a):\n    pass\n", 1)]
    [InlineData("nonlocal x\n", 1)]
    public void What_only_an_import_refuses_is_an_error_that_says_so(string tail, int tailLine)
    {
        var result = Validate(Rn(Rewards + tail), Profile.ReinforceNow);

        var error = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.PythonSyntaxInvalid.Code);
        Assert.Equal(("rewards.py", 5 + tailLine), (error.File, error.Line));
        Assert.Contains("ast.parse accepts the file", error.Message, StringComparison.Ordinal);
    }

    // rnow/core/tool.py:458-462: tools.py is refused the same way, for every dataset_type.
    [Fact]
    public void A_tools_py_that_does_not_parse_is_an_error()
    {
        var result = Validate(Rn(Rewards).File("tools.py", "from rnow.core import tool\n\n@tool\ndef f(q: str) -> str\n    '''Doc.'''\n"), Profile.ReinforceNow);

        var error = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.PythonSyntaxInvalid.Code);
        Assert.Equal(("tools.py", 4), (error.File, error.Line));
    }

    // Freesolo: environment.py is imported by the worker (an error); a helper only if something imports it (a warning).
    [Fact]
    public void In_a_freesolo_environment_the_entry_point_is_an_error_and_a_helper_a_warning()
    {
        var env = new MockEnvironment(withEntryPoint: false)
            .File("environment.py", "def load_environment(**params):\n    return None\nbreak\n")
            .File("helper.py", "x = (1,\n");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.Equal(
            [(Severity.Error, "environment.py", 3), (Severity.Warning, "helper.py", 1)],
            diagnostics.Where(d => d.Code == DiagnosticCatalog.PythonSyntaxInvalid.Code).Select(d => (d.Severity, d.File, d.Line)));

        // CPython's "'(' was never closed" replaces the tokenizer's same finding (RLENV1006).
        Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCatalog.PythonTokenizeError.Code);
    }

    [Fact]
    public void Without_an_interpreter_an_info_line_says_so_and_the_tokenizer_still_finds_what_it_can()
    {
        var options = ValidationOptions.Default with { PythonCommand = "/nonexistent/python3.11" };
        var result = Validate(Rn(Rewards).File("tools.py", "x = '\n"), Profile.ReinforceNow, options);

        var info = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.PythonSyntaxUnchecked.Code);
        Assert.Equal(Severity.Info, info.Severity);
        Assert.StartsWith("The syntax of 2 Python files was not checked", info.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/python3.11: not found", info.Message, StringComparison.Ordinal);
        Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.PythonTokenizeError.Code && d.File == "tools.py");
    }

    [Fact]
    public void The_interpreter_and_its_version_are_recorded_on_the_plan()
    {
        var plan = new EnvironmentAnalyzer(Rn(Rewards).FileSystem).Analyze(new PackRequest { EnvironmentDirectory = ProjectFiles.Root, OutputDirectory = "/o" }, new DiagnosticBag())!;

        Assert.NotNull(plan.PythonSyntax.Interpreter);
        Assert.True(plan.PythonSyntax.Interpreter!.Version >= PythonInterpreter.Minimum);
        Assert.Equal(["rewards.py"], plan.PythonSyntax.Files);
    }

    [Fact]
    public void A_cancelled_run_reports_the_files_as_not_checked()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var report = PythonSyntaxCheck.Run([("rewards.py", "x = (\n"u8.ToArray())], null, null, cancelled.Token);

        Assert.Empty(report.Errors);
        Assert.Contains("cancelled", report.NotCheckedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void One_run_answers_for_many_files_in_their_order()
    {
        var files = Enumerable.Range(0, 40).Select(i => ($"m{i}.py", System.Text.Encoding.UTF8.GetBytes(i % 3 == 0 ? $"x = {i}\nif x\n" : $"x = {i}\n"))).ToList();

        var report = PythonSyntaxCheck.Run(files, null, null, CancellationToken.None);

        Assert.Equal(files.Where((_, i) => i % 3 == 0).Select(f => f.Item1).Order(StringComparer.Ordinal), report.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(report.Errors.Values, e => Assert.Equal(2, e.Line));
    }

    [Fact]
    public void A_file_in_a_coding_it_declares_is_read_as_an_import_reads_it()
    {
        var latin1 = System.Text.Encoding.Latin1.GetBytes("# -*- coding: latin-1 -*-\nname = 'caf\u00e9'\n");
        var undeclared = System.Text.Encoding.Latin1.GetBytes("name = 'caf\u00e9'\n");

        var report = PythonSyntaxCheck.Run([("a.py", latin1), ("b.py", undeclared)], null, null, CancellationToken.None);

        Assert.Equal(["b.py"], report.Errors.Keys);
    }

    // A 3.12-only form on a newer interpreter: warned for ReinforceNow, whose floor is 3.11 (pyproject.toml requires-python).
    [Fact]
    public void A_file_only_a_newer_python_accepts_is_a_warning_naming_both_versions()
    {
        var interpreter = new PythonInterpreter("/usr/bin/python3.12", new Version(3, 12, 1), "cpython");
        var report = new PythonSyntaxReport(["rewards.py"], interpreter, null, new Dictionary<string, PythonSyntaxError>(),
            new Dictionary<string, PythonSyntaxError> { ["rewards.py"] = new("feature", "SyntaxError", "invalid syntax", 3, 1) }, PythonInterpreter.Minimum);
        var diagnostics = new DiagnosticBag();

        report.Report(diagnostics, _ => true, "ReinforceNow");

        var warning = Assert.Single(diagnostics.ToSortedList());
        Assert.Equal((DiagnosticCatalog.PythonSyntaxTooNew.Code, Severity.Warning, 3), (warning.Code, warning.Severity, warning.Line));
        Assert.Contains("CPython 3.12.1", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Python 3.11's grammar refuses it", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_walk_alone_runs_no_interpreter()
    {
        var plan = new EnvironmentAnalyzer(Rn(Rewards + "if x\n").FileSystem).Analyze(new PackRequest
        {
            EnvironmentDirectory = ProjectFiles.Root,
            OutputDirectory = "/o",
            Validation = ValidationOptions.Default with { CheckPythonSyntax = false },
        }, new DiagnosticBag())!;

        Assert.Null(plan.PythonSyntax.Interpreter);
        Assert.Empty(plan.PythonSyntax.Files);
    }
}
