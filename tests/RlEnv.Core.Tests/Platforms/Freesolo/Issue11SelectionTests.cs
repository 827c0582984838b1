using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Tests.Platforms.Freesolo;

/// <summary>
/// Issue 11, items 2-4: one scenario per item that failed before the Freesolo selection followed Flash's code, plus the
/// include bug. They use only the engine's public entry points, so they also run against the code before the change.
/// </summary>
public class Issue11SelectionTests
{
    private const string ImportClosureReason = "import-closure";
    private const string Ep = "def load_environment(**k):\n    return None\n";

    private static List<string> PackedFiles(EnvironmentPlan plan) =>
        [.. plan.Members.Where(m => m.Entry.Kind == EntryKind.File).Select(m => m.Path).Order(StringComparer.Ordinal)];

    private static InclusionOverrides Include(params string[] paths) => new(paths.ToHashSet(StringComparer.Ordinal), new HashSet<string>());

    /// <summary>Item 2: dynamic imports through an alias, followed transitively; a regular package beats a module.</summary>
    [Fact]
    public void Item2_default_mode_ships_what_a_dynamic_import_alias_names_and_the_check_sees_dynamic_imports()
    {
        var env = new MockEnvironment(withEntryPoint: false)
            .File("environment.py", "from importlib import import_module as load\n\ndef load_environment(**k):\n    load('judge')\n    return None\n")
            .File("judge.py", "import graders\n")
            .File("graders.py", "SHADOWED = True\n").File("graders/__init__.py", string.Empty).File("graders/rules.py", "X = 1\n");

        var (plan, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.Equal((true, ImportClosureReason), (plan.DecisionFor("graders/rules.py").Included, plan.DecisionFor("graders/rules.py").Reason));
        Assert.True(plan.DecisionFor("graders/__init__.py").Included);
        Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCatalog.ImportedModuleNotPacked.Code);

        // Where nothing can ship it (the project excludes it), the dynamic import is still warned at its call.
        var excluded = new InclusionOverrides(new HashSet<string>(), new HashSet<string>(StringComparer.Ordinal) { "judge.py" });
        var (_, warned) = Analysis.Run(env.FileSystem, MockEnvironment.Root, RuleSet.FlashTree, overrides: excluded);
        var warning = Assert.Single(warned, d => d.Code == DiagnosticCatalog.ImportedModuleNotPacked.Code);
        Assert.Equal(("environment.py", 4), (warning.File, warning.Line));
    }

    /// <summary>Item 3: the default mode never ships what Flash ignores, and ships imported helper packages.</summary>
    [Fact]
    public void Item3_default_mode_is_the_documented_set_minus_flashs_ignore_rules_plus_the_import_closure()
    {
        var env = new MockEnvironment(withEntryPoint: false)
            .File("environment.py", "from helpers import scoring\n" + Ep)
            .File("helpers/__init__.py", string.Empty).File("helpers/scoring.py", "X = 1\n").File("helpers/table.csv", "a\n")
            .File("dataset/train.jsonl", "{\"input\":\"a\"}\n").File("dataset/.hidden.jsonl", "{\"input\":\"a\"}\n")
            .File("dataset/.prime/meta.json", "{}").File("dataset/.aws/config", "x").File("dataset/.netrc", "x")
            .File("dataset/secrets/token.txt", "t").File("dataset/credentials/c.json", "{}")
            .File("Environment.py", "X = 1\n").File("server.\u212Aey", "k").File(".local.py", "X = 1\n").File(".notes.md", "n");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.Equal(["dataset/train.jsonl", "environment.py", "helpers/__init__.py", "helpers/scoring.py", "helpers/table.csv"], PackedFiles(plan));
        Assert.Equal(ImportClosureReason, plan.DecisionFor("helpers").Reason);
    }

    /// <summary>Item 4: flash-tree drops root case variants of environment.py and Kelvin-sign keys, as Python's lower() does.</summary>
    [Fact]
    public void Item4_flash_tree_drops_root_environment_variants_and_folds_the_kelvin_sign()
    {
        var env = new MockEnvironment().File("Environment.py", "X = 1\n").File("ENVIRONMENT.PY", "X = 1\n").File("pkg/Environment.py", "X = 1\n")
            .File("x.\u212Aey", "k").File("pkg/id_\u212Aey.txt", "x");

        var (plan, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root, RuleSet.FlashTree);

        Assert.Equal(["environment.py", "pkg/Environment.py", "pkg/id_\u212Aey.txt"], PackedFiles(plan));
        Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCatalog.PathCollision.Code);
    }

    /// <summary>Item 4: a virtualenv is a folder whose pyvenv.cfg is a regular file; a FIFO or dangling link is not one.</summary>
    [Fact]
    public void Item4_flash_tree_treats_a_fifo_or_dangling_pyvenv_cfg_as_no_virtualenv()
    {
        using var env = new RealEnvironment();
        env.Write("fifo_venv/lib.py", "X = 1\n");
        env.Write("dangling_venv/lib.py", "X = 1\n");
        env.Write("real_venv/lib.py", "X = 1\n");
        env.Write("real_venv/pyvenv.cfg", "home = /usr\n");
        env.Write("linked_venv/lib.py", "X = 1\n");
        TempDirectory.Shell($"mkfifo '{env.Root}/fifo_venv/pyvenv.cfg' && ln -s '{env.Root}/missing.cfg' '{env.Root}/dangling_venv/pyvenv.cfg'"
            + $" && ln -s '{env.Root}/real_venv/pyvenv.cfg' '{env.Root}/linked_venv/pyvenv.cfg'");

        var (plan, _) = Analysis.Run(new System.IO.Abstractions.FileSystem(), env.Root, RuleSet.FlashTree);

        Assert.Equal(["dangling_venv/lib.py", "environment.py", "fifo_venv/lib.py"], PackedFiles(plan));
    }

    /// <summary>Item 4: links and special files are never opened, so a FIFO config cannot hang the listing.</summary>
    [Theory]
    [InlineData(RuleSet.FlashTree)]
    [InlineData(RuleSet.Freesolo)]
    public async Task Item4_a_fifo_config_is_skipped_and_never_opened(RuleSet rules)
    {
        using var env = new RealEnvironment();
        env.Write("configs/base.toml", "x = 1\n");
        env.Write("environment.py", "import pipe\n" + Ep);
        TempDirectory.Shell($"mkfifo '{env.Root}/configs/x.toml' '{env.Root}/pipe.py'");

        var analysis = Task.Run(() => Analysis.Run(new System.IO.Abstractions.FileSystem(), env.Root, rules));

        Assert.Same(analysis, await Task.WhenAny(analysis, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.DoesNotContain(PackedFiles((await analysis).Plan), p => p is "configs/x.toml" or "pipe.py");
    }

    /// <summary>Item 4: Flash refuses a symlinked environment folder (push.py, _resolve_local_env_entrypoint).</summary>
    [Theory]
    [InlineData(RuleSet.FlashTree)]
    [InlineData(RuleSet.Freesolo)]
    public void Item4_a_symlinked_environment_folder_is_refused(RuleSet rules)
    {
        using var env = new RealEnvironment();
        var link = Path.Combine(env.Outside + "-link");
        Directory.CreateSymbolicLink(link, env.Root);
        try
        {
            var bag = new DiagnosticBag();
            var request = new PackRequest { EnvironmentDirectory = link + "/", OutputDirectory = env.Output, Rules = rules, Profile = Core.Profiles.Profile.Freesolo };

            var plan = new EnvironmentAnalyzer(new System.IO.Abstractions.FileSystem()).Analyze(request, bag);

            Assert.Null(plan);
            Assert.Contains(bag.ToSortedList(), d => d.Severity == Severity.Error && d.Message.Contains("symbolic link", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(link);
        }
    }

    /// <summary>The include bug (flash-push.md §5.A item 14): an include re-admitted secrets and hub-refused top-level paths.</summary>
    [Theory]
    [InlineData(RuleSet.FlashTree)]
    [InlineData(RuleSet.Freesolo)]
    public void An_include_never_readmits_a_secret_an_ignored_name_or_a_hub_refused_top_level_path(RuleSet rules)
    {
        var env = new MockEnvironment().File(".env", "A=1").File(".env.local", "A=1").File("credentials", "x").File("node_modules/x.js", "x")
            .File("source/x.py", "X = 1\n").File(".github/ci.yml", "on: push\n").File("secrets/token.txt", "t").File("pkg/.git/config", "x")
            .File("tools/run.sh", "echo\n");

        var (plan, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root, rules,
            overrides: Include(".env", ".env.local", "credentials", "node_modules/x.js", "source/x.py", ".github/ci.yml", "secrets/token.txt", "pkg/.git/config", "tools/run.sh"));

        var packed = PackedFiles(plan);
        Assert.Contains("tools/run.sh", packed);
        Assert.DoesNotContain(packed, p => p is not ("environment.py" or "tools/run.sh"));
        Assert.DoesNotContain(plan.Members, m => m.Path.Split('/')[0] is "source" or ".github" or "secrets" or "node_modules");
        Assert.Contains(diagnostics, d => d.Code == "RLENV1009" && d.File == ".env");
    }
}
