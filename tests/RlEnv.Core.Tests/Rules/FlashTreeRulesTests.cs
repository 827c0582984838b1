using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Rules;

public class FlashTreeRulesTests
{
    public static TheoryData<string> ExcludedNames() =>
    [
        ".prime", ".git", ".github", "__pycache__", ".venv", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".idea", ".vscode",
        ".ds_store", ".git-worktrees", ".env", ".netrc", ".aws", ".ssh", "venv", "node_modules", "credentials", "secrets",
    ];

    [Theory]
    [MemberData(nameof(ExcludedNames))]
    public void Listed_name_is_excluded_at_any_depth_as_a_file_or_folder(string name)
    {
        var env = new MockEnvironment().File($"{name}/x.txt").File($"pkg/{name.ToUpperInvariant()}").File("pkg/keep.py");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root, RuleSet.FlashTree);

        var atRoot = plan.DecisionFor(name);
        var nested = plan.DecisionFor($"pkg/{name.ToUpperInvariant()}");
        Assert.False(atRoot.Included);
        Assert.False(nested.Included);
        Assert.Contains(atRoot.Reason, new[] { Reasons.ExcludedName, Reasons.DotName });
        Assert.Equal(SecretFiles.IsSecret(name) ? Reasons.Secret : Reasons.ExcludedName, nested.Reason);
        Assert.True(plan.DecisionFor("pkg/keep.py").Included);
    }

    [Theory]
    [InlineData(".hidden")]
    [InlineData(".config")]
    [InlineData(".pre-commit-config.yaml")]
    public void Any_dot_name_is_excluded_at_the_root_and_nested(string name)
    {
        var env = new MockEnvironment().File(name).File($"pkg/{name}").File("pkg/keep.txt");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root, RuleSet.FlashTree);

        Assert.Equal((false, Reasons.DotName), (plan.DecisionFor(name).Included, plan.DecisionFor(name).Reason));
        Assert.Equal((false, Reasons.DotName), (plan.DecisionFor($"pkg/{name}").Included, plan.DecisionFor($"pkg/{name}").Reason));
    }

    [Theory]
    [InlineData("pyproject.toml")]
    [InlineData("source")]
    public void Root_only_names_are_excluded_at_the_root_but_packed_when_nested(string name)
    {
        var env = new MockEnvironment().File(name).File($"pkg/{name}");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root, RuleSet.FlashTree);

        Assert.Equal((false, Reasons.RootExcluded), (plan.DecisionFor(name).Included, plan.DecisionFor(name).Reason));
        Assert.Equal((true, Reasons.Tree), (plan.DecisionFor($"pkg/{name}").Included, plan.DecisionFor($"pkg/{name}").Reason));
    }

    [Fact]
    public void Whole_tree_is_packed_including_subfolders_and_other_extensions()
    {
        var env = new MockEnvironment().File("utils/helpers.py").File("model.bin").File("configs/rl.toml");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root, RuleSet.FlashTree);

        Assert.Equal(["configs", "configs/rl.toml", "environment.py", "model.bin", "utils", "utils/helpers.py"], plan.Members.Select(m => m.Path));
        Assert.Equal(Reasons.EntryPoint, plan.DecisionFor("environment.py").Reason);
    }

    [Fact]
    public void Folder_holding_pyvenv_cfg_is_excluded()
    {
        var env = new MockEnvironment().File("tools/env1/pyvenv.cfg").File("tools/env1/bin/python");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root, RuleSet.FlashTree);

        Assert.Equal((false, Reasons.Virtualenv), (plan.DecisionFor("tools/env1").Included, plan.DecisionFor("tools/env1").Reason));
    }
}
