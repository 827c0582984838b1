using RlEnv.Core.Diagnostics;
using RlEnv.Core.Manifest;

namespace RlEnv.Core.Packing;

public sealed record PackResult(
    IReadOnlyList<Diagnostic> Diagnostics,
    string? Name,
    string? Version,
    string? ArtifactPath,
    string? ManifestPath,
    ArtifactManifest? Manifest)
{
    public bool Succeeded => ArtifactPath is not null && Diagnostics.All(d => d.Severity != Severity.Error);
}
