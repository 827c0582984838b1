using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Naming;
using RlEnv.Core.Platforms;
using RlEnv.Core.Profiles;
using RlEnv.Core.Python;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Packing;

/// <summary>
/// Everything decided from the walk, before any content is streamed: which platform, what it uploads, portable paths,
/// the Python files (read once, into one <see cref="PythonSources"/>) and their imports, the platform's file checks,
/// its package shape and the caps that sizes alone determine. Every platform-specific answer comes from the
/// <see cref="Platform"/>.
/// </summary>
public sealed class EnvironmentAnalyzer(IFileSystem fileSystem, IFileTypeProbe probe)
{
    public EnvironmentAnalyzer(IFileSystem fileSystem)
        : this(fileSystem, FileTypeProbes.For(fileSystem))
    {
    }

    /// <summary>Where walks are kept between the steps of one run; null walks every time.</summary>
    public IWalkCache? WalkCache { get; init; }

    /// <summary>
    /// Starts CPython's syntax check in the background and leaves what depends on it (its findings and the import
    /// closure's) to <see cref="EnvironmentPlan.CompleteDeferredChecks"/>, so the caller's content pass runs meanwhile.
    /// Validate reports every finding whatever the others are; pack settles the verdict before it renames anything and,
    /// when it refuses a file, reports what the analysis alone reports (<see cref="PackEngine"/>). A platform whose
    /// dataset checks need the verdict (ReinforceNow, RunRL) waits for it in <see cref="Platform.PrepareChecks"/>.
    /// </summary>
    public bool DeferPythonChecks { get; init; }

    /// <summary>
    /// The first stage alone: the platform and the walk's decisions, with what the walk reports; null when there is
    /// nothing to walk (a platform conflict, a missing or linked root, reported). Kept in <see cref="WalkCache"/>.
    /// </summary>
    /// <param name="request">What the front asked.</param>
    /// <param name="diagnostics">Where the walk's diagnostics go.</param>
    public EnvironmentWalk? Walk(PackRequest request, DiagnosticBag diagnostics) => Walk(request, diagnostics, out _);

    public EnvironmentPlan? Analyze(PackRequest request, DiagnosticBag diagnostics)
    {
        var walk = Walk(request, diagnostics, out var sources);
        if (walk is null)
        {
            return null;
        }

        AnalysisTrace.Record("analyze", walk.Root);
        var fullRoot = walk.Root;
        var (platform, decisions) = (walk.Platform, walk.Decisions);
        var context = new AnalysisContext(fileSystem, probe, fullRoot, request, sources);

        // Every packed .py, checked by CPython in one run; the platform says which files it imports for certain.
        var python = PythonFiles.Read(sources, decisions, request.Validation, platform.MinimumPython, request.CancellationToken, inBackground: DeferPythonChecks);
        var datasets = platform.PrepareChecks(context, decisions, python, diagnostics);
        // What needs CPython's verdict; the bag sorts its findings, so running these now or after the pass reports the same.
        void PythonChecks(DiagnosticBag bag)
        {
            platform.ReportPythonSyntax(python, bag);
            new ImportClosureCheck(fileSystem, fullRoot, sources) { RequireEntryPoint = platform.EntryPoint is not null, Syntax = python.Syntax }.Run(decisions, bag);
        }

        var plan = new EnvironmentPlan(fullRoot, platform, decisions, datasets) { ProfileReason = walk.ProfileReason, Python = python, DeferredChecks = DeferPythonChecks ? PythonChecks : null };
        CheckPaths(plan, diagnostics);
        if (!DeferPythonChecks)
        {
            PythonChecks(diagnostics);
        }

        var name = PublishedName(request, fullRoot);
        plan = plan with { Package = FromSources(platform.Package(context, plan.Members, name, diagnostics), sources) };
        platform.CheckCaps(plan, request.Limits, name, diagnostics);
        return plan;
    }

    /// <param name="request">What the front asked.</param>
    /// <param name="diagnostics">Where the walk's diagnostics go.</param>
    /// <param name="sources">The .py files the walk read (a fresh set when the walk came from the cache: read again, as the checks need).</param>
    private EnvironmentWalk? Walk(PackRequest request, DiagnosticBag diagnostics, out PythonSources sources)
    {
        sources = new PythonSources(fileSystem);
        var fullRoot = fileSystem.Path.GetFullPath(request.EnvironmentDirectory);
        if (Platform.Conflict(request.Rules, request.Profile) is { } conflict)
        {
            diagnostics.Add(conflict);
            return null;
        }

        if (!fileSystem.Directory.Exists(fullRoot))
        {
            diagnostics.Add(DiagnosticCatalog.EnvironmentFolderNotFound(request.EnvironmentDirectory));
            return null;
        }

        var key = WalkCache is null ? null : EnvironmentWalk.Key(request, fullRoot);
        if (key is not null && WalkCache!.Find(key) is { Stamp: { } stamp } cached && stamp.IsCurrent(fileSystem))
        {
            foreach (var diagnostic in cached.Diagnostics)
            {
                diagnostics.Add(diagnostic);
            }

            return cached;
        }

        AnalysisTrace.Record("walk", fullRoot);
        var started = DateTime.UtcNow;
        var found = new DiagnosticBag();
        var walkSources = sources;
        var (platform, reason) = Platform.Choose(request, () => ProfileDetector.Detect(fileSystem, fullRoot, probe, walkSources));
        var walker = new EnvironmentWalker(fileSystem, probe);
        if (platform.RefusesLinkedRoot && walker.IsLink(fullRoot))
        {
            diagnostics.Add(DiagnosticCatalog.EnvironmentFolderIsLink(request.EnvironmentDirectory));
            return null;
        }

        var context = new AnalysisContext(fileSystem, probe, fullRoot, request, sources);
        var decisions = walker.Walk(fullRoot, platform.UploadSet(context), found, request.Overrides);
        var walk = new EnvironmentWalk(fullRoot, platform, reason, decisions, found.ToSortedList());
        foreach (var diagnostic in walk.Diagnostics)
        {
            diagnostics.Add(diagnostic);
        }

        if (key is not null)
        {
            walk = walk with { Stamp = WalkStamp.Take(fileSystem, fullRoot, decisions, started) };
            if (walk.Stamp is not null)
            {
                WalkCache!.Keep(key, walk);
            }
        }

        return walk;
    }

    /// <summary>
    /// A .py file the analysis read is packed from those bytes, the ones every check saw, rather than read again; only
    /// when they are still the size the walk saw (a file that changed in between is streamed, and that check reports it).
    /// </summary>
    private static IReadOnlyList<PackageMember> FromSources(IReadOnlyList<PackageMember> package, PythonSources sources) =>
        [.. package.Select(m => m is { Source: { } entry, Content: null } && sources.Find(entry.Path) is { Bytes: { } bytes } && bytes.Length == entry.Size
            ? m with { Content = bytes }
            : m)];

    private static void CheckPaths(EnvironmentPlan plan, DiagnosticBag diagnostics)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in plan.Members)
        {
            if (PathPortability.Check(member.Path) is { } problem)
            {
                diagnostics.Add(problem);
            }

            var key = PathPortability.CollisionKey(member.Path);
            if (seen.TryGetValue(key, out var first))
            {
                diagnostics.Add(DiagnosticCatalog.PathCollidesIgnoringCase(PathPortability.Display(member.Path), PathPortability.Display(first)));
            }
            else
            {
                seen.Add(key, member.Path);
            }
        }
    }

    /// <summary>The name the package is published under, as the pack names the artifact; the stub README holds it.</summary>
    private static string PublishedName(PackRequest request, string fullRoot) =>
        ArtifactIdentity.ResolveName(request.Name, fullRoot, new DiagnosticBag()) ?? "environment";

    internal static string Bytes(long bytes) => $"{bytes:N0} bytes";
}
