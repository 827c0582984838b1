using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Naming;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Profiles;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Validation;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Packing;

/// <summary>
/// Everything decided from the walk, before any content is streamed: inclusion, portable paths,
/// the Python entry point and its imports, and the caps that sizes alone determine.
/// </summary>
public sealed class EnvironmentAnalyzer(IFileSystem fileSystem, IFileTypeProbe probe)
{
    public EnvironmentAnalyzer(IFileSystem fileSystem)
        : this(fileSystem, FileTypeProbes.For(fileSystem))
    {
    }

    public EnvironmentPlan? Analyze(PackRequest request, DiagnosticBag diagnostics)
    {
        var fullRoot = fileSystem.Path.GetFullPath(request.EnvironmentDirectory);
        if (!fileSystem.Directory.Exists(fullRoot))
        {
            diagnostics.Add(DiagnosticCatalog.EnvironmentFolderNotFound(request.EnvironmentDirectory));
            return null;
        }

        var (profile, reason) = request.Profile is { } given ? (given, "given") : ProfileDetector.Detect(fileSystem, fullRoot, probe);
        var rules = profile switch
        {
            Profile.ReinforceNow => RuleSet.ReinforceNow,
            Profile.RunRl => RuleSet.RunRl,
            _ => request.Rules,
        };
        var walker = new EnvironmentWalker(fileSystem, probe);
        if (rules is RuleSet.Freesolo or RuleSet.FlashTree && walker.IsLink(fullRoot))
        {
            diagnostics.Add(DiagnosticCatalog.EnvironmentFolderIsLink(request.EnvironmentDirectory));
            return null;
        }

        var closure = rules == RuleSet.Freesolo ? ImportClosure.Compute(fileSystem, probe, fullRoot) : ImportClosure.Empty;
        var decisions = walker.Walk(fullRoot, rules, diagnostics, request.Overrides, closure);

        // Every packed .py, read once and checked by CPython in one run; the platform says which files it imports for certain.
        var python = PythonFiles.Read(fileSystem, decisions, request.Validation, profile == Profile.ReinforceNow ? PythonInterpreter.Minimum : null, request.CancellationToken);
        IDatasetChecks datasets = profile switch
        {
            Profile.ReinforceNow => ReinforceNowValidation.Prepare(fileSystem, fullRoot, decisions, python, request.Validation, diagnostics),
            Profile.RunRl => RunRlValidation.Prepare(decisions, python, request.Validation, diagnostics),
            _ => DatasetValidation.Prepare(fileSystem, probe, fullRoot, decisions, request.Validation, diagnostics),
        };
        if (profile == Profile.Freesolo)
        {
            python.Syntax.Report(diagnostics, path => path == InclusionRules.EntryPointName, "The worker");
        }

        var plan = new EnvironmentPlan(fullRoot, rules, decisions, datasets) { Profile = profile, ProfileReason = reason, PythonSyntax = python.Syntax };
        CheckPaths(plan, diagnostics);
        new ImportClosureCheck(fileSystem, fullRoot) { RequireEntryPoint = profile == Profile.Freesolo, Syntax = python.Syntax }.Run(decisions, diagnostics);
        var name = PublishedName(request, fullRoot);
        if (profile == Profile.Freesolo)
        {
            plan = plan with { Package = FreesoloPackageShape.Build(fileSystem, plan.Members, name, diagnostics) };
        }

        CheckCaps(plan, request.Limits, name, diagnostics);
        return plan;
    }

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

    /// <summary>
    /// The caps as the side that decides counts them. Freesolo's <c>flash-tree</c> mode predicts <c>flash env push</c>'s
    /// own check (its byte total first, then files plus the folders that hold them); every mode then checks what the hub
    /// counts of the archive RlEnv writes: its files, their sizes and the tar stream, and for Freesolo the files and
    /// folders of the checkout it serves on download, and the largest file its GitHub repository takes.
    /// </summary>
    private static void CheckCaps(EnvironmentPlan plan, PackLimits limits, string name, DiagnosticBag diagnostics)
    {
        var hub = FreesoloLimits.CountAsHub(plan.Package.Select(m => (m.Path, m.Size)));
        var bytesReported = false;
        var membersReported = false;
        if (plan.Profile == Profile.Freesolo && plan.Rules == RuleSet.FlashTree)
        {
            var entryPoint = plan.Members.FirstOrDefault(m => m.Path == FreesoloPackageShape.EntryPointName && m.Entry.Kind == EntryKind.File);
            var client = FreesoloLimits.CountAsFlashPush(entryPoint?.Entry.Size ?? 0,
                plan.Members.Where(m => m.Entry.Kind == EntryKind.File && m != entryPoint).Select(m => (m.Path, m.Entry.Size)), name);
            if (client.Bytes > limits.MaxUncompressedBytes)
            {
                diagnostics.Add(DiagnosticCatalog.FlashPushTotalOverCap(client.Bytes, limits.MaxUncompressedBytes, Largest(plan)));
                bytesReported = membersReported = true; // Flash stops at its first refusal, the byte total.
            }
            else if (client.Members > limits.MaxMembers)
            {
                diagnostics.Add(DiagnosticCatalog.FlashPushMembersOverCap(client.Members, client.Files, client.Folders, limits.MaxMembers));
                membersReported = true;
            }
        }

        if (!bytesReported && hub.Bytes > limits.MaxUncompressedBytes)
        {
            diagnostics.Add(DiagnosticCatalog.UncompressedSizeOverCap(hub.Bytes, limits.MaxUncompressedBytes, Largest(plan)));
        }

        if (!membersReported && hub.Members > limits.MaxMembers)
        {
            diagnostics.Add(DiagnosticCatalog.MemberCountOverCap(hub.Members, limits.MaxMembers));
        }
        else if (!membersReported && plan.Profile == Profile.Freesolo && hub.CheckoutMembers > limits.MaxMembers)
        {
            diagnostics.Add(DiagnosticCatalog.HubCheckoutMembersOverCap(hub.CheckoutMembers, hub.Members, hub.CheckoutMembers - hub.Members, limits.MaxMembers));
        }

        if (hub.TarStreamBytes > limits.MaxTarStreamBytes)
        {
            diagnostics.Add(DiagnosticCatalog.TarStreamOverBound(hub.TarStreamBytes, limits.MaxTarStreamBytes));
        }

        if (plan.Profile == Profile.Freesolo)
        {
            foreach (var member in plan.Package.Where(m => m.Size > limits.MaxFileBytes))
            {
                diagnostics.Add(DiagnosticCatalog.FileOverHubFileLimit(PathPortability.Display(member.Path), member.Size, limits.MaxFileBytes));
            }
        }
    }

    /// <summary>The name the package is published under, as the pack names the artifact; the stub README holds it.</summary>
    private string PublishedName(PackRequest request, string fullRoot) =>
        ArtifactIdentity.NormalizeName(request.Name ?? fileSystem.Path.GetFileName(fullRoot.TrimEnd('/', '\\')), new DiagnosticBag()) ?? "environment";

    private static string Largest(EnvironmentPlan plan) =>
        string.Join(", ", plan.Package.OrderByDescending(m => m.Size).ThenBy(m => m.Path, StringComparer.Ordinal).Take(5)
            .Select(m => $"{PathPortability.Display(m.Path)} ({Bytes(m.Size)})"));

    internal static string Bytes(long bytes) => $"{bytes:N0} bytes";
}
