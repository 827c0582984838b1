using System.IO.Abstractions;
using RlEnv.Core.Archive;
using RlEnv.Core.Diagnostics;
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
        CheckCaps(plan, request.Limits, diagnostics);
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

    private static void CheckCaps(EnvironmentPlan plan, PackLimits limits, DiagnosticBag diagnostics)
    {
        var uncompressed = plan.UncompressedBytes;
        if (uncompressed > limits.MaxUncompressedBytes)
        {
            diagnostics.Add(DiagnosticCatalog.UncompressedSizeOverCap(uncompressed, limits.MaxUncompressedBytes, Largest(plan)));
        }

        if (plan.Members.Count > limits.MaxMembers)
        {
            diagnostics.Add(DiagnosticCatalog.MemberCountOverCap(plan.Members.Count, limits.MaxMembers));
        }

        var tarBytes = plan.Members.Sum(m => TarLayout.EntryBytes(m.Entry.Kind == EntryKind.Directory ? m.Path + "/" : m.Path, m.Entry.Size))
            + TarLayout.EndOfArchiveBytes;
        if (tarBytes > limits.MaxTarStreamBytes)
        {
            diagnostics.Add(DiagnosticCatalog.TarStreamOverBound(tarBytes, limits.MaxTarStreamBytes));
        }
    }

    private static string Largest(EnvironmentPlan plan) =>
        string.Join(", ", plan.Members.OrderByDescending(m => m.Entry.Size).ThenBy(m => m.Path, StringComparer.Ordinal).Take(5)
            .Select(m => $"{PathPortability.Display(m.Path)} ({Bytes(m.Entry.Size)})"));

    internal static string Bytes(long bytes) => $"{bytes:N0} bytes";
}
