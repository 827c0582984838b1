using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Platforms.ReinforceNow;
using RlEnv.Core.Platforms.RunRl;
using RlEnv.Core.Profiles;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Validation;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms;

/// <summary>
/// A training platform, whole: its name, what it uploads, the Python it needs, the file checks and record model it
/// applies, and the package shape and caps of what it receives. <see cref="EnvironmentAnalyzer"/> asks the platform
/// for each of these and decides nothing by platform itself. Each platform's rules live in its own folder:
/// <see cref="FreesoloPlatform"/> in Platforms/Freesolo, <see cref="ReinforceNowPlatform"/> in Platforms/ReinforceNow,
/// <see cref="RunRlPlatform"/> in Platforms/RunRl.
/// </summary>
public abstract class Platform
{
    /// <summary>Which platform this is, as the fronts name it (<c>--profile</c>, <c>RlEnvProfile</c>).</summary>
    public abstract Profile Profile { get; }

    /// <summary>The name the tool prints and <c>--json</c> reports as <c>profile</c>: freesolo, reinforcenow or runrl.</summary>
    public string Name => Profile.ToName();

    /// <summary>The upload set's name, as the manifest records it (<c>rules</c>): freesolo, flash-tree, reinforcenow or runrl.</summary>
    public abstract RuleSet Rules { get; }

    /// <summary>Whether an environment folder that is itself a symbolic link is refused (RLENV1008) before anything is read.</summary>
    public virtual bool RefusesLinkedRoot => false;

    /// <summary>The oldest Python whose grammar must accept every packed .py file, or null for the interpreter RlEnv finds.</summary>
    public virtual Version? MinimumPython => null;

    /// <summary>The file the platform imports first and that must exist (Freesolo: environment.py with load_environment), or null.</summary>
    public virtual string? EntryPoint => null;

    /// <summary>What the platform uploads, for one analysis (Freesolo computes its import closure here, before the walk).</summary>
    /// <param name="context">The analysis.</param>
    public abstract IUploadSet UploadSet(AnalysisContext context);

    /// <summary>
    /// CPython's verdict on the packed .py files, reported where the platform knows which files it imports for certain
    /// (an error there, a warning for a helper it may never import). ReinforceNow and RunRL report it from their file
    /// checks, which know those files; Freesolo here.
    /// </summary>
    /// <param name="python">The packed .py files and CPython's verdict.</param>
    /// <param name="diagnostics">Where findings go.</param>
    public virtual void ReportPythonSyntax(PythonFiles python, DiagnosticBag diagnostics)
    {
    }

    /// <summary>
    /// The platform's file checks, decided from the walk before any content streams (its config schema among them), and
    /// the record model that checks each data file's bytes as they stream by.
    /// </summary>
    /// <param name="context">The analysis.</param>
    /// <param name="decisions">The walk's decisions.</param>
    /// <param name="python">The packed .py files and CPython's verdict.</param>
    /// <param name="diagnostics">Where findings go.</param>
    public abstract IDatasetChecks PrepareChecks(AnalysisContext context, IReadOnlyList<Decision> decisions, PythonFiles python, DiagnosticBag diagnostics);

    /// <summary>The files the artifact holds, in order: by default every included file as it is.</summary>
    /// <param name="context">The analysis.</param>
    /// <param name="members">The included decisions, in walk order.</param>
    /// <param name="name">The name the package is published under.</param>
    /// <param name="diagnostics">Where findings about the shape go.</param>
    public virtual IReadOnlyList<PackageMember> Package(AnalysisContext context, IReadOnlyList<Decision> members, string name, DiagnosticBag diagnostics) =>
        [.. members.Where(m => m.Entry.Kind == EntryKind.File).Select(m => PackageMember.FromFile(m.Entry))];

    /// <summary>Whether the receiving side also counts the folders of the checkout it serves against the member cap (Freesolo's hub).</summary>
    public virtual bool CountsCheckoutMembers => false;

    /// <summary>Whether a single file over <see cref="PackLimits.MaxFileBytes"/> is refused (Freesolo: the hub's GitHub repository takes 100 MiB).</summary>
    public virtual bool LimitsFileSize => false;

    /// <summary>
    /// The caps the platform's own client applies before upload, checked before the hub's; says which of the hub's
    /// checks it already answered (the client stops at its first refusal).
    /// </summary>
    /// <param name="plan">The analysis so far.</param>
    /// <param name="limits">The caps asked for.</param>
    /// <param name="name">The name the package is published under.</param>
    /// <param name="diagnostics">Where refusals go.</param>
    public virtual (bool BytesReported, bool MembersReported) CheckClientCaps(EnvironmentPlan plan, PackLimits limits, string name, DiagnosticBag diagnostics) => (false, false);

    /// <summary>
    /// The caps as the side that decides counts them: first the platform's own client (<see cref="CheckClientCaps"/>),
    /// then what the hub counts of the archive RlEnv writes: its files, their sizes and the tar stream, and where the
    /// platform says so the files and folders of the checkout it serves and the largest file it takes.
    /// </summary>
    /// <param name="plan">The analysis, its package built.</param>
    /// <param name="limits">The caps asked for.</param>
    /// <param name="name">The name the package is published under.</param>
    /// <param name="diagnostics">Where refusals go.</param>
    public void CheckCaps(EnvironmentPlan plan, PackLimits limits, string name, DiagnosticBag diagnostics)
    {
        var hub = FreesoloLimits.CountAsHub(plan.Package.Select(m => (m.Path, m.Size)));
        var (bytesReported, membersReported) = CheckClientCaps(plan, limits, name, diagnostics);
        if (!bytesReported && hub.Bytes > limits.MaxUncompressedBytes)
        {
            diagnostics.Add(DiagnosticCatalog.UncompressedSizeOverCap(hub.Bytes, limits.MaxUncompressedBytes, Largest(plan)));
        }

        if (!membersReported && hub.Members > limits.MaxMembers)
        {
            diagnostics.Add(DiagnosticCatalog.MemberCountOverCap(hub.Members, limits.MaxMembers));
        }
        else if (!membersReported && CountsCheckoutMembers && hub.CheckoutMembers > limits.MaxMembers)
        {
            diagnostics.Add(DiagnosticCatalog.HubCheckoutMembersOverCap(hub.CheckoutMembers, hub.Members, hub.CheckoutMembers - hub.Members, limits.MaxMembers));
        }

        if (hub.TarStreamBytes > limits.MaxTarStreamBytes)
        {
            diagnostics.Add(DiagnosticCatalog.TarStreamOverBound(hub.TarStreamBytes, limits.MaxTarStreamBytes));
        }

        if (LimitsFileSize)
        {
            foreach (var member in plan.Package.Where(m => m.Size > limits.MaxFileBytes))
            {
                diagnostics.Add(DiagnosticCatalog.FileOverHubFileLimit(PathPortability.Display(member.Path), member.Size, limits.MaxFileBytes));
            }
        }
    }

    /// <summary>The five largest packed files, for a message about a size cap.</summary>
    /// <param name="plan">The analysis, its package built.</param>
    protected static string Largest(EnvironmentPlan plan) =>
        string.Join(", ", plan.Package.OrderByDescending(m => m.Size).ThenBy(m => m.Path, StringComparer.Ordinal).Take(5)
            .Select(m => $"{PathPortability.Display(m.Path)} ({EnvironmentAnalyzer.Bytes(m.Size)})"));

    /// <summary>The platform for a profile; <paramref name="rules"/> chooses Freesolo's upload mode and means nothing to the others.</summary>
    /// <param name="profile">The platform.</param>
    /// <param name="rules">Freesolo's mode: <see cref="RuleSet.Freesolo"/> or <see cref="RuleSet.FlashTree"/>.</param>
    public static Platform For(Profile profile, RuleSet rules = RuleSet.Freesolo) => profile switch
    {
        Profile.ReinforceNow => ReinforceNowPlatform.Instance,
        Profile.RunRl => RunRlPlatform.Instance,
        _ => rules == RuleSet.FlashTree ? FreesoloPlatform.FlashTree : FreesoloPlatform.Documented,
    };

    /// <summary>
    /// The usage error when the rules asked for belong to another platform than the profile asked for
    /// (<c>--rules flash-tree --profile reinforcenow</c>), else null. <see cref="RuleSet.Freesolo"/>, the default, never conflicts.
    /// </summary>
    /// <param name="rules">The rules asked for.</param>
    /// <param name="profile">The profile asked for, or null to detect it.</param>
    public static Diagnostic? Conflict(RuleSet rules, Profile? profile) =>
        profile is { } given && OwnerOf(rules) is { } owner && owner != given
            ? DiagnosticCatalog.RulesConflictWithProfile(rules.ToName(), owner.ToName(), given.ToName())
            : null;

    /// <summary>
    /// The platform for a request: the one it names, else the one its rules belong to, else the one the files show.
    /// Ask <see cref="Conflict"/> first: a request whose rules and profile disagree is a usage error, not a choice.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="detect">Detects the platform from the files; asked only when the request names none.</param>
    /// <returns>The platform and why it was chosen: "given", or what detection found.</returns>
    public static (Platform Platform, string Reason) Choose(PackRequest request, Func<(Profile Profile, string Reason)> detect)
    {
        // Rules that belong to one platform name it as surely as a profile does: flash-tree is Freesolo's.
        if ((request.Profile ?? OwnerOf(request.Rules)) is { } given)
        {
            return (For(given, request.Rules), "given");
        }

        var (detected, reason) = detect();
        return (For(detected, request.Rules), reason);
    }

    /// <summary>The platform whose upload set the rules name; null for the default, which every platform reads as its own.</summary>
    private static Profile? OwnerOf(RuleSet rules) => rules switch
    {
        RuleSet.FlashTree => Profile.Freesolo,
        RuleSet.ReinforceNow => Profile.ReinforceNow,
        RuleSet.RunRl => Profile.RunRl,
        _ => null,
    };
}
