using Microsoft.Build.Framework;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Naming;
using RlEnv.Core.Packing;

namespace RlEnv.Sdk.Tasks;

/// <summary>
/// Resolves what a pack would read and write, before packing: the normalized name and version (so the
/// target's Outputs are known), and every file the rules consider (so its Inputs are), configs included.
/// </summary>
public sealed class RlEnvResolve : RlEnvTask
{
    [Output]
    public string? ResolvedName { get; private set; }

    [Output]
    public string? ResolvedVersion { get; private set; }

    [Output]
    public ITaskItem[] Inputs { get; private set; } = [];

    protected override void Run(PackRequest request)
    {
        var diagnostics = new DiagnosticBag();
        var root = Path.GetFullPath(request.EnvironmentDirectory);
        ResolvedName = ArtifactIdentity.NormalizeName(request.Name ?? Path.GetFileName(root.TrimEnd('/', '\\')), diagnostics);
        ResolvedVersion = ArtifactIdentity.NormalizeVersion(request.Version, diagnostics);
        DiagnosticLogging.Log(Log, diagnostics.ToSortedList().Where(d => d.Severity == Severity.Error), root);
        if (diagnostics.HasErrors)
        {
            return;
        }

        // Only the walk: checks and their diagnostics belong to validate and pack.
        var plan = new EnvironmentAnalyzer(new System.IO.Abstractions.FileSystem()).Analyze(request with { Validation = request.Validation with { CheckPythonSyntax = false } }, new DiagnosticBag());
        var files = plan?.Members.Where(m => m.Entry.Kind == Core.Walking.EntryKind.File).Select(m => m.Entry.FullPath) ?? [];
        var configs = Directory.Exists(Path.Combine(root, "configs")) ? Directory.EnumerateFiles(Path.Combine(root, "configs"), "*.toml") : [];
        Inputs = [.. files.Concat(configs).Concat(Directory.EnumerateFiles(root, "*.toml")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(p => new Microsoft.Build.Utilities.TaskItem(p))];
    }
}
