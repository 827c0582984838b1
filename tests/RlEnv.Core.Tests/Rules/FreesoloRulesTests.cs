using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Rules;

public class FreesoloRulesTests
{
    [Theory]
    [InlineData(".idea", Reasons.WorkspaceMetadata)]
    [InlineData(".vscode", Reasons.WorkspaceMetadata)]
    [InlineData(".DS_Store", Reasons.WorkspaceMetadata)]
    [InlineData(".git-worktrees", Reasons.WorkspaceMetadata)]
    [InlineData("__pycache__", Reasons.Cache)]
    [InlineData(".mypy_cache", Reasons.Cache)]
    [InlineData(".pytest_cache", Reasons.Cache)]
    [InlineData(".ruff_cache", Reasons.Cache)]
    [InlineData(".venv", Reasons.Virtualenv)]
    [InlineData("venv", Reasons.Virtualenv)]
    [InlineData(".git", Reasons.VersionControl)]
    [InlineData(".hg", Reasons.VersionControl)]
    [InlineData(".svn", Reasons.VersionControl)]
    [InlineData("node_modules", Reasons.NodeModules)]
    public void Never_packed_folder_is_excluded_at_the_root_and_inside_dataset(string name, string reason)
    {
        var env = new MockEnvironment().File($"{name}/inner.json").File($"dataset/{name}/inner.json").File("dataset/train.jsonl");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.Equal((false, reason), (plan.DecisionFor(name).Included, plan.DecisionFor(name).Reason));
        Assert.Equal((false, reason), (plan.DecisionFor($"dataset/{name}").Included, plan.DecisionFor($"dataset/{name}").Reason));
        Assert.DoesNotContain(plan.Members, m => m.Path.Contains("inner", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("__PYCACHE__")]
    [InlineData("Node_Modules")]
    [InlineData(".GIT")]
    public void Never_packed_names_match_without_regard_to_case(string name)
    {
        var env = new MockEnvironment().File($"dataset/{name}/x.jsonl");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.False(plan.DecisionFor($"dataset/{name}").Included);
    }

    [Fact]
    public void Folder_holding_pyvenv_cfg_is_a_virtualenv_whatever_its_name()
    {
        var env = new MockEnvironment().File("dataset/myenv/pyvenv.cfg").File("dataset/myenv/lib/site.py");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.Equal((false, Reasons.Virtualenv), (plan.DecisionFor("dataset/myenv").Included, plan.DecisionFor("dataset/myenv").Reason));
    }

    [Theory]
    [InlineData("environment.py", true, Reasons.EntryPoint)]
    [InlineData("helpers.py", true, Reasons.PythonHelper)]
    [InlineData("notes.md", true, Reasons.DataFile)]
    [InlineData("extra.jsonl", true, Reasons.DataFile)]
    [InlineData("table.json", true, Reasons.DataFile)]
    [InlineData("table.csv", true, Reasons.DataFile)]
    [InlineData("prompt.txt", true, Reasons.DataFile)]
    [InlineData("big.parquet", true, Reasons.DataFile)]
    [InlineData("table.tsv", true, Reasons.DataFile)]
    [InlineData("conf.yaml", true, Reasons.DataFile)]
    [InlineData("conf.yml", true, Reasons.DataFile)]
    [InlineData("NOTES.MD", true, Reasons.DataFile)]
    [InlineData("run.sh", false, Reasons.NotInUploadSet)]
    [InlineData("model.bin", false, Reasons.NotInUploadSet)]
    [InlineData("stubs.pyi", false, Reasons.NotInUploadSet)]
    [InlineData("config.toml", false, Reasons.NotInUploadSet)]
    public void Root_files_follow_the_documented_upload_set(string name, bool included, string reason)
    {
        var env = new MockEnvironment().File(name == "environment.py" ? "other.md" : name);

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        var decision = plan.DecisionFor(name);
        Assert.Equal((included, reason), (decision.Included, decision.Reason));
    }

    [Fact]
    public void Subfolders_other_than_dataset_are_left_out_and_never_entered()
    {
        var env = new MockEnvironment().File("utils/helpers.py").File("datasets/train.jsonl").File("configs/rl.toml");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        foreach (var folder in new[] { "utils", "datasets", "configs" })
        {
            Assert.Equal((false, Reasons.NotInUploadSet), (plan.DecisionFor(folder).Included, plan.DecisionFor(folder).Reason));
        }

        Assert.DoesNotContain(plan.Decisions, d => d.Path.StartsWith("utils/", StringComparison.Ordinal));
    }

    [Fact]
    public void Dataset_folder_is_packed_whole_with_any_extension_and_depth()
    {
        var env = new MockEnvironment().File("dataset/train.jsonl").File("dataset/images/a/b.png").File("dataset/tools.py");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.Equal(
            ["dataset", "dataset/images", "dataset/images/a", "dataset/images/a/b.png", "dataset/tools.py", "dataset/train.jsonl"],
            plan.Members.Where(m => m.Path.StartsWith("dataset", StringComparison.Ordinal)).Select(m => m.Path));
        Assert.All(plan.Members.Where(m => m.Path.StartsWith("dataset", StringComparison.Ordinal)), m => Assert.Equal(Reasons.DatasetDirectory, m.Reason));
    }

    [Fact]
    public void Nested_python_files_outside_dataset_are_not_helpers()
    {
        var env = new MockEnvironment().File("pkg/mod.py");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.DoesNotContain(plan.Members, m => m.Path == "pkg/mod.py");
    }

    [Fact]
    public void Walk_order_is_sorted_ordinally_whatever_the_creation_order()
    {
        var env = new MockEnvironment(withEntryPoint: false).File("b.md").File("B.md").File("a.md").File("environment.py", MockEnvironment.ValidEntryPoint).File("_.md");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.Equal(["B.md", "_.md", "a.md", "b.md", "environment.py"], plan.Decisions.Select(d => d.Path));
    }
}
