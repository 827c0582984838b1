namespace RlEnv.Core.Rules;

/// <summary>
/// Paths a project adds to or removes from what the rules decide (MSBuild's RlEnvInclude and RlEnvExclude
/// items, globs already expanded). Relative, '/'-separated. Exclusion wins; secrets, links and special
/// files stay out whatever is included.
/// </summary>
public sealed record InclusionOverrides(IReadOnlySet<string> Include, IReadOnlySet<string> Exclude)
{
    public static readonly InclusionOverrides None = new(new HashSet<string>(), new HashSet<string>());

    public bool IsEmpty => Include.Count == 0 && Exclude.Count == 0;

    /// <summary>Whether something included lies below this folder, so the walk must enter it.</summary>
    public bool HasIncludesBelow(string directory) => Include.Any(p => p.StartsWith(directory + "/", StringComparison.Ordinal));
}
