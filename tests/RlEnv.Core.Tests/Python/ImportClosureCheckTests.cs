using RlEnv.Core.Diagnostics;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Python;

public class ImportClosureCheckTests
{
    private const string Load = "\ndef load_environment(**params):\n    return None\n";

    [Fact]
    public void Missing_environment_py_is_an_RLENV1001_error()
    {
        var env = new MockEnvironment(withEntryPoint: false).File("dataset/train.jsonl");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        var error = Assert.Single(diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal((DiagnosticCatalog.EntryPointMissing.Code, "environment.py"), (error.Code, error.File));
    }

    [Fact]
    public void Environment_py_without_load_environment_is_an_RLENV1002_error()
    {
        var env = new MockEnvironment(withEntryPoint: false).File("environment.py", "def load_env():\n    pass\n");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.Equal(DiagnosticCatalog.LoadEnvironmentMissing.Code, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void Imported_package_folder_left_behind_is_warned_at_the_import_line()
    {
        // scorer.py is packed (a sibling helper) but nothing environment.py imports reaches it, so the closure never
        // follows its imports: its utils/ stays behind.
        var env = new MockEnvironment()
            .File("scorer.py", "import os\nfrom utils.scoring import score\n")
            .File("utils/__init__.py", "")
            .File("utils/scoring.py", "def score(): pass\n");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        var warning = Assert.Single(diagnostics, d => d.Code == DiagnosticCatalog.ImportedModuleNotPacked.Code);
        Assert.Equal((Severity.Warning, "scorer.py", 2, 1), (warning.Severity, warning.File, warning.Line, warning.Column));
        Assert.Contains("utils/__init__.py", warning.Message, StringComparison.Ordinal);
        Assert.Contains("utils/scoring.py", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_package_without_init_is_named_by_its_module_file()
    {
        var env = new MockEnvironment()
            .File("scorer.py", "from utils import helpers\n")
            .File("utils/helpers.py", "");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        var warning = Assert.Single(diagnostics, d => d.Code == DiagnosticCatalog.ImportedModuleNotPacked.Code);
        Assert.Contains("utils/helpers.py", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_imports_are_satisfied_under_flash_tree_rules()
    {
        var env = new MockEnvironment(withEntryPoint: false)
            .File("environment.py", "from utils import helpers\nimport utils.scoring as s\n" + Load)
            .File("utils/helpers.py", "")
            .File("utils/scoring.py", "");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root, RuleSet.FlashTree);

        Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCatalog.ImportedModuleNotPacked.Code);
    }

    [Fact]
    public void Sibling_helper_imports_are_satisfied_and_helpers_are_scanned_too()
    {
        var env = new MockEnvironment(withEntryPoint: false)
            .File("environment.py", "from . import scoring\nimport prompts\n" + Load)
            .File("scoring.py", "from lib.math import add\n")
            .File("prompts.py", "")
            .File("lib/math.py", "")
            .File("unused.py", "\nimport tools.grade\n")
            .File("tools/grade.py", "");

        var (plan, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        // scoring.py is reached from environment.py, so what it imports ships; unused.py is packed but reached by nothing.
        Assert.Equal((true, Reasons.ImportClosure), (plan.DecisionFor("lib/math.py").Included, plan.DecisionFor("lib/math.py").Reason));
        var warning = Assert.Single(diagnostics, d => d.Code == DiagnosticCatalog.ImportedModuleNotPacked.Code);
        Assert.Equal(("unused.py", 2), (warning.File, warning.Line));
    }

    [Fact]
    public void Third_party_and_stdlib_imports_are_never_warned()
    {
        var env = new MockEnvironment(withEntryPoint: false).File("environment.py", "import numpy as np\nfrom freesolo.environments import EnvironmentSingleTurn\nimport json, os.path\n" + Load);

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Import_in_a_docstring_of_a_left_out_module_is_not_warned()
    {
        var env = new MockEnvironment(withEntryPoint: false)
            .File("environment.py", "\"\"\"Usage: import utils\"\"\"\n# from utils import x\n" + Load)
            .File("utils/x.py", "");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Unreadable_environment_py_is_an_error_with_position()
    {
        var env = new MockEnvironment(withEntryPoint: false).File("environment.py", "def load_environment():\n    return 'oops\n");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        // CPython's "unterminated string literal" (RLENV1010) where the tokenizer would say the same (RLENV1006, its fallback without Python).
        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCatalog.PythonSyntaxInvalid.Code, Severity.Error, 2, 12), (error.Code, error.Severity, error.Line, error.Column));
    }
}
