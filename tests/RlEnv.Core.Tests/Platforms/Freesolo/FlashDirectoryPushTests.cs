using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Tests.Platforms.Freesolo;

/// <summary>
/// Flash's directory-push selection cases (tests/test_env_push.py, <c>flash env push DIR</c>) rebuilt against the
/// flash-tree mode: the regular files RlEnv packs equal the ones Flash ships. (Whether folders get tar entries of their
/// own is the artifact's shape, not the selection; the member-count and token cases are the limits' and scanner's.)
/// </summary>
public class FlashDirectoryPushTests
{
    private const string Ep = "def load_environment(**k):\n    return None\n";

    private static List<string> Shipped(EnvironmentPlan plan) =>
        [.. plan.Members.Where(m => m.Entry.Kind == EntryKind.File).Select(m => m.Path).Order(StringComparer.Ordinal)];

    private static (EnvironmentPlan Plan, IReadOnlyList<Diagnostic> Diagnostics) FlashTree(MockEnvironment env) =>
        Analysis.Run(env.FileSystem, MockEnvironment.Root, RuleSet.FlashTree);

    private static MockEnvironment Env() => new MockEnvironment(withEntryPoint: false).File("environment.py", Ep);

    [Fact]
    public void Dir_without_the_canonical_entrypoint_is_refused() // T:767, T:1724
    {
        var env = new MockEnvironment(withEntryPoint: false).File("custom.py", Ep).File("other.py", Ep).File("evaluations.py", "X = 1\n");

        var (_, diagnostics) = FlashTree(env);

        Assert.Contains(diagnostics, d => d.Code == DiagnosticCatalog.EntryPointMissing.Code && d.Severity == Severity.Error);
    }

    [Fact]
    public void Dir_with_pyproject_leaves_out_pyproject_and_source() // T:787
    {
        var env = Env().File("pyproject.toml", "[project]\nname = 'explicit-env'\n").File("source/index.ts", "export {}\n");

        Assert.Equal(["environment.py"], Shipped(FlashTree(env).Plan));
    }

    [Fact]
    public void Dir_prefers_environment_py_and_ships_helpers() // T:818
    {
        var env = new MockEnvironment(withEntryPoint: false).File("environment.py", "import helper\n" + Ep).File("helper.py", "X = 1\n")
            .File("evaluations.py", "X = 1\n").File("dataset/train.jsonl", "{\"input\":\"a\"}\n");

        Assert.Equal(["dataset/train.jsonl", "environment.py", "evaluations.py", "helper.py"], Shipped(FlashTree(env).Plan));
    }

    [Fact]
    public void Directory_recursively_ships_full_tree() // T:878
    {
        var env = new MockEnvironment(withEntryPoint: false).File("environment.py", "from exploit_env import verifier\n" + Ep)
            .File("exploit_env/__init__.py", string.Empty).File("exploit_env/verifier.py", "X = 1\n")
            .File("dataset/train.jsonl", "{\"input\":\"a\"}\n").File("datasets/eval.parquet", "PAR1");

        Assert.Equal(["dataset/train.jsonl", "datasets/eval.parquet", "environment.py", "exploit_env/__init__.py", "exploit_env/verifier.py"], Shipped(FlashTree(env).Plan));
    }

    [Fact]
    public void Directory_ships_full_environment_tree() // T:901
    {
        var env = Env().File("state.sqlite", "db").File("db/state.sqlite", "db").File("configs/env.toml", "x = 1\n").File("rl.toml", "x = 1\n").File("assets/labels.json", "{}");

        Assert.Equal(["assets/labels.json", "configs/env.toml", "db/state.sqlite", "environment.py", "rl.toml", "state.sqlite"], Shipped(FlashTree(env).Plan));
    }

    [Fact]
    public void Ships_training_md_and_keeps_user_readme() // T:925
    {
        var env = Env().File("TRAINING.md", "playbook body").File("README.md", "my own readme");

        Assert.Equal(["README.md", "TRAINING.md", "environment.py"], Shipped(FlashTree(env).Plan));
    }

    [Fact]
    public void Excludes_root_only_paths_but_keeps_nested_package_content() // T:1301
    {
        var env = Env().File("pyproject.toml", "[project]\n").File("source/root.py", "X = 1\n")
            .File("my_pkg/source/loader.py", "X = 1\n").File("my_pkg/config/nested.py", "X = 1\n");

        Assert.Equal(["environment.py", "my_pkg/config/nested.py", "my_pkg/source/loader.py"], Shipped(FlashTree(env).Plan));
    }

    [Fact]
    public void Does_not_emit_files_from_empty_or_ignored_only_directories() // T:1344
    {
        var env = Env().Directory("empty").File("ignored-only/credentials.json", "{}");

        var shipped = Shipped(FlashTree(env).Plan);

        Assert.Equal(["environment.py"], shipped);
    }

    [Fact]
    public void Directory_ships_binary_images_across_full_tree() // T:1368
    {
        var env = Env().File("dataset/red.png", "png-bytes").File("assets/blue.png", "other-png-bytes");

        Assert.Equal(["assets/blue.png", "dataset/red.png", "environment.py"], Shipped(FlashTree(env).Plan));
    }

    [Fact]
    public void Directory_keeps_secret_named_code_but_drops_actual_secrets() // T:1472
    {
        var env = Env().File("credentials_helper.py", "X = 1\n").File("id_rsa_utils.py", "X = 1\n")
            .File("credentials.json", "{}").File("id_rsa", "k").File("id_rsa.pub", "k").File("config.env", "A=1");

        Assert.Equal(["credentials_helper.py", "environment.py", "id_rsa_utils.py"], Shipped(FlashTree(env).Plan));
    }

    [Fact]
    public void Excludes_nested_secrets_directory() // T:1496
    {
        var env = Env().File("secrets/service_account.json", "{}").File("secrets/token.txt", "t");

        Assert.Equal(["environment.py"], Shipped(FlashTree(env).Plan));
    }

    [Fact]
    public void Excludes_nested_virtualenv_by_marker() // T:1510
    {
        var env = Env().File("env/pyvenv.cfg", "home = /usr/bin\n").File("env/lib/site.py", "X = 1\n").File("env_data/rows.jsonl", "{}\n");

        Assert.Equal(["env_data/rows.jsonl", "environment.py"], Shipped(FlashTree(env).Plan));
    }

    [Fact]
    public void Drops_ssh_keys_and_credential_data_but_keeps_python_modules() // T:1622
    {
        var env = Env().File("credentials.py", "X = 1\n").File("id_ed25519_loader.py", "X = 1\n").File("keys/id_ed25519", "k")
            .File("keys/id_ecdsa", "k").File("keys/id_dsa", "k").File("keys/id_ed25519.pub", "k").File("credentials.json", "{}");

        Assert.Equal(["credentials.py", "environment.py", "id_ed25519_loader.py"], Shipped(FlashTree(env).Plan));
    }

    [Fact]
    public void Drops_underscore_secret_files_but_keeps_secretish_packages() // T:1651
    {
        var env = Env().File("credentials_backup", "x").File("credentials_prod.json", "{}").File("id_rsa_backup", "k")
            .File("credentials_store/__init__.py", string.Empty).File("credentials_store/load.py", "X = 1\n");

        Assert.Equal(["credentials_store/__init__.py", "credentials_store/load.py", "environment.py"], Shipped(FlashTree(env).Plan));
    }

    [Fact]
    public void Directory_carries_an_evaluations_sidecar() // T:1700
    {
        var env = Env().File("evaluations.py", "SUITE = 'held-out'\n");

        Assert.Equal(["environment.py", "evaluations.py"], Shipped(FlashTree(env).Plan));
    }

    [Fact]
    public void Rejects_symlink_entrypoints() // T:1236
    {
        using var env = new RealEnvironment(withEntryPoint: false);
        Directory.CreateDirectory(env.Outside);
        File.WriteAllText(Path.Combine(env.Outside, "real.py"), Ep);
        File.CreateSymbolicLink(Path.Combine(env.Root, "environment.py"), Path.Combine(env.Outside, "real.py"));

        var (_, diagnostics) = Analysis.Run(new System.IO.Abstractions.FileSystem(), env.Root, RuleSet.FlashTree);

        Assert.Contains(diagnostics, d => d.Code == DiagnosticCatalog.EntryPointMissing.Code);
    }

    [Fact]
    public void Excludes_secrets_metadata_caches_and_symlinks_at_all_depths() // T:1247
    {
        using var env = new RealEnvironment();
        Directory.CreateDirectory(env.Outside);
        File.WriteAllText(Path.Combine(env.Outside, "outside.py"), "X = 1\n");
        File.WriteAllText(Path.Combine(env.Outside, "secret.json"), "{}");
        env.Write("pyproject.toml", "[project]\n");
        env.Write(".env", "A=1");
        env.Write("credentials.json", "{}");
        env.Write("client.P12", "p");
        env.Write(".prime/.env-metadata.json", "{}");
        const string Nested = "helpers/nested/";
        env.Write(Nested + "safe.py", "X = 1\n");
        env.Write(Nested + "pyproject.toml", "[project]\n");
        env.Write(Nested + "Credentials.YAML", "k: v\n");
        env.Write(Nested + "source/index.py", "X = 1\n");
        env.Write(Nested + "secrets/api.key", "k");
        env.Write(Nested + "__pycache__/safe.pyc", "c");
        env.Write(Nested + ".venv/activate.py", "X = 1\n");
        env.Write(Nested + ".git/config", "[core]\n");
        File.CreateSymbolicLink(Path.Combine(env.Root, "helpers", "nested", "linked.py"), Path.Combine(env.Outside, "outside.py"));
        Directory.CreateSymbolicLink(Path.Combine(env.Root, "helpers", "nested", "linked-data"), env.Outside);

        var (plan, _) = Analysis.Run(new System.IO.Abstractions.FileSystem(), env.Root, RuleSet.FlashTree);

        Assert.Equal(["environment.py", Nested + "pyproject.toml", Nested + "safe.py", Nested + "source/index.py"], Shipped(plan));
    }
}
