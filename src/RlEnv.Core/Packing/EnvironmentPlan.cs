using RlEnv.Core.Rules;

namespace RlEnv.Core.Packing;

/// <summary>The outcome of walking and checking an environment: every decision, and the members to write, in order.</summary>
public sealed record EnvironmentPlan(string Root, RuleSet Rules, IReadOnlyList<Decision> Decisions)
{
    public IReadOnlyList<Decision> Members { get; } = [.. Decisions.Where(d => d.Included)];

    public long UncompressedBytes => Members.Sum(m => m.Entry.Size);
}
