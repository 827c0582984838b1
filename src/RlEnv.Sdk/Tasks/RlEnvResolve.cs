using Microsoft.Build.Framework;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;

namespace RlEnv.Sdk.Tasks;

/// <summary>
/// Lists what a pack would read, before packing: every file the rules consider (so the targets' Inputs are known),
/// configs included. Walks only, and keeps the walk for the build's RlEnvValidate and RlEnvPack.
/// </summary>
public sealed class RlEnvResolve : RlEnvTask
{
    [Output]
    public ITaskItem[] Inputs { get; private set; } = [];

    protected override void Run(PackRequest request)
    {
        var root = Path.GetFullPath(request.EnvironmentDirectory);

        // The walk's diagnostics belong to validate and pack, which replay them from the cached walk.
        var walk = new EnvironmentAnalyzer(new System.IO.Abstractions.FileSystem()) { WalkCache = WalkCache }.Walk(request, new DiagnosticBag());
        var files = walk?.Decisions.Where(d => d.Included && d.Entry.Kind == Core.Walking.EntryKind.File).Select(d => d.Entry.FullPath) ?? [];
        var configs = Directory.Exists(Path.Combine(root, "configs")) ? Directory.EnumerateFiles(Path.Combine(root, "configs"), "*.toml") : [];
        Inputs = [.. files.Concat(configs).Concat(Directory.Exists(root) ? Directory.EnumerateFiles(root, "*.toml") : []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(p => new Microsoft.Build.Utilities.TaskItem(p))];
    }
}
