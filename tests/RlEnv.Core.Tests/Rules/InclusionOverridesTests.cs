using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Rules;

public class InclusionOverridesTests
{
    private static InclusionOverrides Overrides(string[] include, string[] exclude) =>
        new(include.ToHashSet(StringComparer.Ordinal), exclude.ToHashSet(StringComparer.Ordinal));

    [Fact]
    public void Included_file_in_a_folder_the_rules_leave_out_is_packed_alone()
    {
        var env = new MockEnvironment().File("utils/helpers.py").File("utils/scratch.py");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root, overrides: Overrides(["utils/helpers.py"], []));

        Assert.Equal((true, Reasons.IncludedByProject), (plan.DecisionFor("utils").Included, plan.DecisionFor("utils").Reason));
        Assert.Equal((true, Reasons.IncludedByProject), (plan.DecisionFor("utils/helpers.py").Included, plan.DecisionFor("utils/helpers.py").Reason));
        Assert.Equal((false, Reasons.NotInUploadSet), (plan.DecisionFor("utils/scratch.py").Included, plan.DecisionFor("utils/scratch.py").Reason));
    }

    [Fact]
    public void Excluded_path_wins_and_a_folder_emptied_by_exclusion_goes_too()
    {
        var env = new MockEnvironment().File("dataset/train.jsonl", "{\"input\":\"a\"}\n").File("dataset/raw/a.bin").File("dataset/raw/b.bin");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root, overrides: Overrides(["dataset/raw/a.bin"], ["dataset/raw/a.bin", "dataset/raw/b.bin"]));

        Assert.Equal((false, Reasons.ExcludedByProject), (plan.DecisionFor("dataset/raw").Included, plan.DecisionFor("dataset/raw").Reason));
        Assert.Equal(["dataset", "dataset/train.jsonl", "environment.py"], plan.Members.Select(m => m.Path));
    }

    [Fact]
    public void Secrets_stay_out_even_when_included()
    {
        var env = new MockEnvironment().File(".env", "SECRET=1");

        var (plan, _) = Analysis.Run(env.FileSystem, MockEnvironment.Root, overrides: Overrides([".env"], []));

        Assert.Equal((false, Reasons.Secret), (plan.DecisionFor(".env").Included, plan.DecisionFor(".env").Reason));
    }
}
