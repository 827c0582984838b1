using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms;
using RlEnv.Core.Profiles;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Validation;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Packing;

/// <summary>
/// The outcome of walking and checking an environment: every decision, the members to write in order,
/// and the dataset checks that the content pass feeds.
/// </summary>
public sealed record EnvironmentPlan(string Root, Platform Platform, IReadOnlyList<Decision> Decisions, IDatasetChecks Datasets)
{
    /// <summary>The platform's upload set, as the manifest records it.</summary>
    public RuleSet Rules => Platform.Rules;

    public Profile Profile => Platform.Profile;

    /// <summary>Why this profile: "given", or what detection found.</summary>
    public string ProfileReason { get; init; } = "given";

    /// <summary>Every included path, folders too: what the walk decided, and what the path checks look at.</summary>
    public IReadOnlyList<Decision> Members { get; } = [.. Decisions.Where(d => d.Included)];

    /// <summary>CPython's verdict on the packed .py files, and which interpreter gave it (or why none did); waits for it when it runs in the background.</summary>
    public PythonSyntaxReport PythonSyntax => Python?.Syntax ?? PythonSyntaxReport.NothingToCheck;

    /// <summary>The packed .py files as the analysis read them.</summary>
    internal PythonFiles? Python { get; init; }

    /// <summary>The checks left for after the content pass (<see cref="EnvironmentAnalyzer.DeferPythonChecks"/>), or null.</summary>
    internal Action<DiagnosticBag>? DeferredChecks { get; init; }

    /// <summary>
    /// The files the artifact holds, in the order they are written: the included files, plus whatever the platform
    /// adds or rewrites (Freesolo: README.md when there is none, environment.py with its sys.path bootstrap). No folder
    /// entries: extraction creates a file's parents.
    /// </summary>
    public IReadOnlyList<PackageMember> Package { get; init; } = [.. Decisions.Where(d => d.Included && d.Entry.Kind == EntryKind.File).Select(d => PackageMember.FromFile(d.Entry))];

    public long UncompressedBytes => Package.Sum(m => m.Size);

    /// <summary>Runs the checks the analysis left for after the content pass, if any; waits for CPython's verdict.</summary>
    /// <param name="diagnostics">Where their findings go.</param>
    public void CompleteDeferredChecks(DiagnosticBag diagnostics) => DeferredChecks?.Invoke(diagnostics);
}
