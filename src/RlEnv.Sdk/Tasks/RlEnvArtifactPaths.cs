using Microsoft.Build.Framework;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Naming;
using RlEnv.Core.Packing;

namespace RlEnv.Sdk.Tasks;

/// <summary>
/// The artifact's normalized name and version and the paths a pack writes, named by the engine
/// (<see cref="ArtifactIdentity"/>) without walking: the targets' Outputs, the output claim and `dotnet clean` need no more.
/// </summary>
public sealed class RlEnvArtifactPaths : RlEnvTask
{
    [Output]
    public string? ResolvedName { get; private set; }

    [Output]
    public string? ResolvedVersion { get; private set; }

    [Output]
    public string? ArtifactPath { get; private set; }

    [Output]
    public string? ManifestPath { get; private set; }

    protected override void Run(PackRequest request)
    {
        var diagnostics = new DiagnosticBag();
        var root = Path.GetFullPath(request.EnvironmentDirectory);
        var name = ArtifactIdentity.ResolveName(request.Name, root, diagnostics);
        var version = ArtifactIdentity.NormalizeVersion(request.Version, diagnostics);
        DiagnosticLogging.Log(Log, diagnostics.ToSortedList().Where(d => d.Severity == Severity.Error), root);
        if (name is null || version is null)
        {
            return;
        }

        var output = Path.GetFullPath(request.OutputDirectory);
        (ResolvedName, ResolvedVersion) = (name, version);
        ArtifactPath = Path.Combine(output, ArtifactIdentity.ArtifactFileName(name, version));
        ManifestPath = Path.Combine(output, ArtifactIdentity.ManifestFileName(name, version));
    }
}
