using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Rules;

namespace RlEnv.Core.Tests.Support;

internal static class Analysis
{
    public static (EnvironmentPlan Plan, IReadOnlyList<Diagnostic> Diagnostics) Run(IFileSystem fileSystem, string root, RuleSet rules = RuleSet.Freesolo, PackLimits? limits = null, InclusionOverrides? overrides = null)
    {
        var bag = new DiagnosticBag();
        var request = new PackRequest
        {
            EnvironmentDirectory = root,
            OutputDirectory = root,
            Rules = rules,
            Limits = limits ?? PackLimits.Hub,
            Overrides = overrides ?? InclusionOverrides.None,
            Profile = Core.Profiles.Profile.Freesolo,
        };
        var plan = new EnvironmentAnalyzer(fileSystem).Analyze(request, bag);
        Assert.NotNull(plan);
        return (plan, bag.ToSortedList());
    }

    public static Decision DecisionFor(this EnvironmentPlan plan, string path) =>
        plan.Decisions.SingleOrDefault(d => d.Path == path) ?? throw new Xunit.Sdk.XunitException($"'{path}' was not walked; walked: {string.Join(", ", plan.Decisions.Select(d => d.Path))}");
}
