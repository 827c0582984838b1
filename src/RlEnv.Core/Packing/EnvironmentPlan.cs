using RlEnv.Core.Rules;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Packing;

/// <summary>
/// The outcome of walking and checking an environment: every decision, the members to write in order,
/// and the dataset checks that the content pass feeds.
/// </summary>
public sealed record EnvironmentPlan(string Root, RuleSet Rules, IReadOnlyList<Decision> Decisions, DatasetValidation Datasets)
{
    public IReadOnlyList<Decision> Members { get; } = [.. Decisions.Where(d => d.Included)];

    public long UncompressedBytes => Members.Sum(m => m.Entry.Size);
}
