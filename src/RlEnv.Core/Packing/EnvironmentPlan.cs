using RlEnv.Core.Profiles;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Packing;

/// <summary>
/// The outcome of walking and checking an environment: every decision, the members to write in order,
/// and the dataset checks that the content pass feeds.
/// </summary>
public sealed record EnvironmentPlan(string Root, RuleSet Rules, IReadOnlyList<Decision> Decisions, IDatasetChecks Datasets)
{
    public Profile Profile { get; init; } = Profile.Freesolo;

    /// <summary>Why this profile: "given", or what detection found.</summary>
    public string ProfileReason { get; init; } = "given";

    public IReadOnlyList<Decision> Members { get; } = [.. Decisions.Where(d => d.Included)];

    /// <summary>CPython's verdict on the packed .py files, and which interpreter gave it (or why none did).</summary>
    public PythonSyntaxReport PythonSyntax { get; init; } = PythonSyntaxReport.NothingToCheck;

    public long UncompressedBytes => Members.Sum(m => m.Entry.Size);
}
