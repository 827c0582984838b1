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
    /// <summary>The platform the checks were for, and why ("given" or what detection found); null when nothing was analyzed.</summary>
    public (string Name, string Reason)? Profile { get; init; }

    public bool Succeeded => ArtifactPath is not null && Diagnostics.All(d => d.Severity != Severity.Error);
}
