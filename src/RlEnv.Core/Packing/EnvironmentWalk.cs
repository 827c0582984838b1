using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms;
using RlEnv.Core.Rules;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Packing;

/// <summary>
/// The first stage of an analysis: the platform chosen, every path the walk decided and what the walk reported.
/// Immutable, so one build can hand it from the task that lists the inputs to the task that packs (<see cref="IWalkCache"/>).
/// </summary>
/// <param name="Root">The environment root, a full path.</param>
/// <param name="Platform">The platform chosen, given or detected.</param>
/// <param name="ProfileReason">Why this platform: "given", or what detection found.</param>
/// <param name="Decisions">Every path the walk decided, in walk order.</param>
/// <param name="Diagnostics">What the walk reported, as found (the run's WarningsAsErrors is applied when they are added to its bag).</param>
public sealed record EnvironmentWalk(string Root, Platform Platform, string ProfileReason, IReadOnlyList<Decision> Decisions, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>What the decisions were made from; null when a path changed too recently to trust (then it is not cached).</summary>
    public WalkStamp? Stamp { get; init; }

    /// <summary>
    /// Everything besides the files that decides a walk: the root, the rules, the profile, the project's includes and
    /// excludes, and (generously) the name, caps and validation options. The files are the <see cref="Stamp"/>'s concern.
    /// </summary>
    /// <param name="request">The request the walk is for.</param>
    /// <param name="fullRoot">Its environment folder, a full path.</param>
    public static string Key(PackRequest request, string fullRoot) => string.Join('\n',
        "rlenv-walk/1",
        fullRoot,
        request.Rules.ToString(),
        request.Profile?.ToString() ?? "detect",
        request.Name ?? string.Empty,
        request.Limits.ToString(),
        request.Validation.ToString(),
        "include:" + string.Join('\0', request.Overrides.Include.Order(StringComparer.Ordinal)),
        "exclude:" + string.Join('\0', request.Overrides.Exclude.Order(StringComparer.Ordinal)));
}

/// <summary>
/// Where a front keeps walks between the steps of one run (the MSBuild SDK: a build-lifetime task object), so the
/// steps of one `dotnet pack` walk the environment once. An entry is used only while its stamp is current.
/// </summary>
public interface IWalkCache
{
    /// <summary>The walk kept under <paramref name="key"/> (<see cref="EnvironmentWalk.Key"/>), or null.</summary>
    /// <param name="key">The walk's key.</param>
    EnvironmentWalk? Find(string key);

    /// <summary>Keeps a stamped walk under <paramref name="key"/>, replacing what was there.</summary>
    /// <param name="key">The walk's key.</param>
    /// <param name="walk">The walk, with its <see cref="EnvironmentWalk.Stamp"/>.</param>
    void Keep(string key, EnvironmentWalk walk);
}
