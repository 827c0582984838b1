using RlEnv.Core.Diagnostics;
using RlEnv.Core.Manifest;

namespace RlEnv.Core.Inspecting;

public sealed record InspectResult(
    IReadOnlyList<Diagnostic> Diagnostics,
    string ArtifactPath,
    string? Sha256,
    long CompressedBytes,
    long UncompressedBytes,
    IReadOnlyList<InspectedMember> Members,
    ArtifactManifest? Manifest,
    bool? VerifiedAgainstManifest);
