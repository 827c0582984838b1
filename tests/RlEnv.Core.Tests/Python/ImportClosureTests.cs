using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Tests.Python;

/// <summary>
/// Flash's single-file import-closure cases (tests/test_env_push.py), rebuilt against the closure the freesolo mode
/// ships. Flash's "does not ship" holds for the closure; the freesolo mode still packs every root *.py as documented.
/// </summary>
public class ImportClosureTests
{
    private const string Ep = "def load_environment(**k):\n    return None\n";
    private const string Evals = "\ndef load_evaluations(environment=None): return []\n";

    private static MockEnvironment Env() => new();

    private static List<string> Closure(MockEnvironment env) =>
        [.. ImportClosure.Compute(env.FileSystem, RegularFilesOnlyProbe.Instance, MockEnvironment.Root).Files.Order(StringComparer.Ordinal)];

    private static EnvironmentPlan Freesolo(MockEnvironment env) => Analysis.Run(env.FileSystem, MockEnvironment.Root).Plan;

    [Fact]
    public void Carries_direct_evaluation_helper_imports() // T:286
    {
        var env = Env().File("evaluations.py", "import eval_constants\nfrom eval_scorer import score\n" + Evals)
            .File("eval_constants.py", "EXPECTED = '4'\n").File("eval_scorer.py", "def score(value): return value == '4'\n")
            .File("unrelated.py", "VALUE = 'do not publish'\n");

        Assert.Equal(["eval_constants.py", "eval_scorer.py"], Closure(env));
    }

    [Fact]
    public void Carries_lazily_imported_evaluation_helpers() // T:309
    {
        var env = Env().File("evaluations.py", "def load_evaluations(environment=None):\n    import eval_lazy\n    try:\n        from eval_guarded import score\n"
                + "    except ImportError:\n        score = None\n    return []\n")
            .File("eval_lazy.py", "EXPECTED = '4'\n").File("eval_guarded.py", "def score(value): return True\n").File("unrelated.py", "VALUE = 1\n");

        Assert.Equal(["eval_guarded.py", "eval_lazy.py"], Closure(env));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Carries_an_imported_sibling_package(bool namespacePackage) // T:342
    {
        var env = Env().File("evaluations.py", "from graders.rules import score\n" + Evals)
            .File("graders/rules.py", "def score(value): return True\n").File("graders/nested/deep.py", "THRESHOLD = 0.5\n")
            .File("unused_pkg/__init__.py", "VALUE = 'do not publish'\n");
        if (!namespacePackage)
        {
            env.File("graders/__init__.py", string.Empty).File("graders/nested/__init__.py", string.Empty);
        }

        var plan = Freesolo(env);

        string[] expected = namespacePackage
            ? ["graders/nested/deep.py", "graders/rules.py"]
            : ["graders/__init__.py", "graders/nested/__init__.py", "graders/nested/deep.py", "graders/rules.py"];
        Assert.Equal(expected, Closure(env));
        Assert.All(expected, p => Assert.Equal((true, Reasons.ImportClosure), (plan.DecisionFor(p).Included, plan.DecisionFor(p).Reason)));
        Assert.Equal((false, Reasons.NotInUploadSet), (plan.DecisionFor("unused_pkg").Included, plan.DecisionFor("unused_pkg").Reason));
    }

    [Fact]
    public void Ships_the_package_when_a_module_of_the_same_name_shadows_it() // T:385
    {
        var env = Env().File("evaluations.py", "from graders.rules import score\n" + Evals).File("graders.py", "SHADOWED = True\n")
            .File("graders/__init__.py", string.Empty).File("graders/rules.py", "def score(value): return True\n");

        Assert.Equal(["graders/__init__.py", "graders/rules.py"], Closure(env));
        Assert.DoesNotContain(Analysis.Run(env.FileSystem, MockEnvironment.Root).Diagnostics, d => d.Code == DiagnosticCatalog.ImportedModuleNotPacked.Code);
    }

    [Fact]
    public void Ships_a_namespace_package_helper() // T:411
    {
        var env = Env().File("evaluations.py", "from graders.rules import score\n" + Evals).File("graders/rules.py", "def score(value): return True\n");

        Assert.Equal(["graders/rules.py"], Closure(env));
        Assert.True(Freesolo(env).DecisionFor("graders/rules.py").Included);
    }

    [Fact]
    public void Prefers_the_module_over_a_namespace_directory() // T:434
    {
        var env = Env().File("evaluations.py", "import graders\n" + Evals).File("graders.py", "WINS = True\n").File("graders/rules.py", "def score(value): return True\n");

        Assert.Equal(["graders.py"], Closure(env));
        Assert.False(Freesolo(env).DecisionFor("graders").Included);
    }

    [Fact]
    public void Ships_helpers_a_helper_imports() // T:458
    {
        var env = Env().File("evaluations.py", "import scorer\n" + Evals).File("scorer.py", "from thresholds import CUTOFF\n")
            .File("thresholds.py", "import units\n\nCUTOFF = 0.5\n").File("units.py", "SCALE = 2\n");

        Assert.Equal(["scorer.py", "thresholds.py", "units.py"], Closure(env));
    }

    [Fact]
    public void Ships_helpers_named_by_a_literal_dynamic_import() // T:485
    {
        var env = Env().File("evaluations.py", "import importlib\n\ndef load_evaluations(environment=None):\n    importlib.import_module('judge')\n    __import__('rubric')\n    return []\n")
            .File("judge.py", "import weights\n").File("weights.py", "W = 1\n").File("rubric.py", "RULES = ()\n");

        Assert.Equal(["judge.py", "rubric.py", "weights.py"], Closure(env));
    }

    [Fact]
    public void Ships_helpers_named_through_an_alias_of_import_module() // T:515
    {
        var env = Env().File("evaluations.py", "from importlib import import_module as load\n\ndef load_evaluations(environment=None):\n    load('judge')\n    return []\n")
            .File("judge.py", "import weights\n").File("weights.py", "W = 1\n");

        Assert.Equal(["judge.py", "weights.py"], Closure(env));
    }

    [Fact]
    public void Does_not_read_an_unrelated_load_call_as_a_dynamic_import() // T:542
    {
        var env = Env().File("evaluations.py", "import json\n\ndef load_evaluations(environment=None):\n    json.load('judge')\n    return []\n")
            .File("judge.py", "SHOULD_NOT_SHIP = 1\n");

        Assert.Empty(Closure(env));
    }

    [Fact]
    public void Ships_helpers_named_by_the_keyword_form_of_a_dynamic_import() // T:565
    {
        var env = Env().File("evaluations.py", "import importlib\n\ndef load_evaluations(environment=None):\n    importlib.import_module(name='judge')\n    __import__(name='rubric')\n    return []\n")
            .File("judge.py", "import weights\n").File("weights.py", "W = 1\n").File("rubric.py", "RULES = ()\n");

        Assert.Equal(["judge.py", "rubric.py", "weights.py"], Closure(env));
    }

    [Fact]
    public void Ships_helpers_named_through_an_assignment_bound_dynamic_import() // T:595
    {
        var env = Env().File("evaluations.py", "import importlib\n\npick = load\nload = importlib.import_module\ngrab = __import__\n\n"
                + "def load_evaluations(environment=None):\n    pick('judge')\n    grab('rubric')\n    return []\n")
            .File("judge.py", "import weights\n").File("weights.py", "W = 1\n").File("rubric.py", "RULES = ()\n");

        Assert.Equal(["judge.py", "rubric.py", "weights.py"], Closure(env));
    }

    [Fact]
    public void Alias_chain_of_300_links_ships_its_helper() // T:634
    {
        var chain = string.Join('\n', Enumerable.Range(0, 299).Select(i => $"a{i} = a{i + 1}")) + "\na299 = importlib.import_module\n";
        var env = Env().File("evaluations.py", "import importlib\n" + chain + "a0('judge')\n").File("judge.py", "X = 1\n");

        Assert.Equal(["judge.py"], Closure(env));
    }

    [Fact]
    public void Does_not_mistake_an_unrelated_callable_for_a_dynamic_import() // T:693
    {
        var env = Env().File("evaluations.py", "import os.path\n\nload = os.path.join\n\ndef load_evaluations(environment=None):\n    load('judge')\n    return []\n")
            .File("judge.py", "SHOULD_NOT_SHIP = 1\n");

        Assert.Empty(Closure(env));
    }

    [Fact]
    public void Single_py_does_not_ship_unimported_sibling_modules() // T:954
    {
        var env = Env().File("helper.py", "X = 1\n");

        Assert.Empty(Closure(env));
    }

    [Fact]
    public void Single_py_module_carries_its_own_helper_imports() // T:970
    {
        var env = new MockEnvironment(withEntryPoint: false)
            .File("environment.py", "import config\nfrom utils import load_jsonl\n" + Ep)
            .File("config.py", "MODEL = 'qwen'\n").File("utils.py", "import data\n\ndef load_jsonl(p): return []\n")
            .File("data.py", "ROWS = []\n").File("unrelated.py", "VALUE = 'do not publish'\n");

        Assert.Equal(["config.py", "data.py", "utils.py"], Closure(env));
    }

    [Fact]
    public void Carries_helpers_named_by_a_relative_import() // T:997
    {
        var env = new MockEnvironment(withEntryPoint: false)
            .File("environment.py", "try:\n    from . import config\n    from .utils import load_jsonl\nexcept ImportError:\n    import config\n    from utils import load_jsonl\n" + Ep)
            .File("config.py", "MODEL = 'qwen'\n").File("utils.py", "def load_jsonl(p): return []\n");

        Assert.Equal(["config.py", "utils.py"], Closure(env));
    }

    [Fact]
    public void Relative_import_inside_a_package_does_not_name_a_root_module() // T:1026
    {
        var env = new MockEnvironment(withEntryPoint: false)
            .File("environment.py", "import graders\n\n" + Ep)
            .File("graders/__init__.py", "from . import config\n").File("graders/config.py", "THRESHOLD = 0.5\n")
            .File("config.py", "SECRET = 'do not publish'\n");

        Assert.Equal(["graders/__init__.py", "graders/config.py"], Closure(env));
    }

    [Fact]
    public void Entrypoint_importing_evaluations_follows_the_sidecar_once() // T:1051
    {
        var env = new MockEnvironment(withEntryPoint: false)
            .File("environment.py", "import evaluations\n\n" + Ep).File("evaluations.py", "import scorers\n" + Evals).File("scorers.py", "def score(v): return 1.0\n");

        var plan = Freesolo(env);

        Assert.Equal(["evaluations.py", "scorers.py"], Closure(env));
        Assert.Single(plan.Members, m => m.Path == "evaluations.py");
    }

    [Fact]
    public void Counts_an_imported_dataset_package_once() // T:1569
    {
        var env = Env().File("evaluations.py", "import dataset\n" + Evals).File("dataset/__init__.py", string.Empty).File("dataset/rows.jsonl", "{\"input\":\"a\"}\n");

        var plan = Freesolo(env);

        Assert.Equal(["dataset/__init__.py", "dataset/rows.jsonl"], Closure(env));
        Assert.Equal(plan.Members.Count, plan.Members.Select(m => m.Path).Distinct(StringComparer.Ordinal).Count());
        Assert.True(plan.DecisionFor("dataset/rows.jsonl").Included);
    }

    [Fact]
    public void A_package_ships_whole_but_filtered_by_flashs_ignore_rules()
    {
        var env = Env().File("environment.py", "from helpers import x\n" + Ep)
            .File("helpers/__init__.py", string.Empty).File("helpers/data.bin", "b").File("helpers/.hidden.json", "{}")
            .File("helpers/secrets/api.key", "k").File("helpers/__pycache__/x.pyc", "c").File("helpers/creds.pem", "p")
            .File("helpers/env/pyvenv.cfg", "home = /usr").File("helpers/env/site.py", "X = 1\n").File("helpers/empty/.keep", string.Empty);

        Assert.Equal(["helpers/__init__.py", "helpers/data.bin"], Closure(env));
    }

    [Fact]
    public void An_ignored_package_falls_back_to_the_module_of_the_same_name()
    {
        // `secrets/` is on Flash's ignore list, so `import secrets` looks for secrets.py, as imports.py does.
        var env = Env().File("environment.py", "import secrets\n" + Ep).File("secrets/__init__.py", string.Empty).File("secrets.py", "X = 1\n");

        Assert.Equal(["secrets.py"], Closure(env));
    }

    [Fact]
    public void Unparseable_helper_ships_but_its_imports_are_not_followed()
    {
        // Flash reads helpers with ast.parse; RlEnv's tokenizer refuses an unterminated string and bytes that are not UTF-8.
        var env = Env().File("environment.py", "import broken, binary\n" + Ep).File("broken.py", "import never\ns = 'unterminated\n").File("never.py", "X = 1\n");
        env.FileSystem.File.WriteAllBytes(MockEnvironment.Full("binary.py"), [.. "import never\n"u8, 0xff, 0x0a]);

        Assert.Equal(["binary.py", "broken.py"], Closure(env));
    }

    [Fact]
    public void The_entrypoint_and_its_case_variants_are_never_closure_modules()
    {
        var env = Env().File("environment.py", "import environment, Environment\n" + Ep).File("Environment.py", "X = 1\n");

        Assert.Empty(Closure(env));
    }

    [Fact]
    public void Root_names_that_are_not_utf8_never_break_the_closure()
    {
        // Both decode to "a\uFFFD.py" in .NET: two entries under one name, neither of which names a file.
        using var env = new RealEnvironment(withEntryPoint: false);
        env.Write("environment.py", "import helper\n" + Ep);
        env.Write("helper.py", "X = 1\n");
        TempDirectory.Shell("touch \"$(printf 'a\\377.py')\" \"$(printf 'a\\376.py')\"", env.Root);

        var closure = ImportClosure.Compute(new System.IO.Abstractions.FileSystem(), StatxFileTypeProbe.Instance, env.Root);

        Assert.Equal(["helper.py"], closure.Files);
    }

    [Fact]
    public void Stdlib_and_third_party_names_resolve_to_nothing_unless_shadowed_locally()
    {
        var env = Env().File("environment.py", "import os, numpy, json\n" + Ep).File("json.py", "X = 1\n");

        Assert.Equal(["json.py"], Closure(env));
    }
}
