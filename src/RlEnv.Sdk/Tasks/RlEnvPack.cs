using Microsoft.Build.Framework;
using RlEnv.Core.Packing;

namespace RlEnv.Sdk.Tasks;

/// <summary>`dotnet pack`: the same engine call as `rlenv pack`, so the artifact is byte-identical.</summary>
public sealed class RlEnvPack : RlEnvTask
{
    [Output]
    public string? ArtifactPath { get; private set; }

    [Output]
    public string? ManifestPath { get; private set; }

    protected override void Run(PackRequest request)
    {
        var result = new PackEngine(new System.IO.Abstractions.FileSystem()) { WalkCache = WalkCache }.Pack(request);
        DiagnosticLogging.Log(Log, result.Diagnostics, Path.GetFullPath(request.EnvironmentDirectory));
        if (result.Succeeded)
        {
            ArtifactPath = result.ArtifactPath;
            ManifestPath = result.ManifestPath;
            Log.LogMessage(MessageImportance.High, $"{result.Name} -> {result.ArtifactPath} (sha256 {result.Manifest!.ArchiveSha256})");
        }
    }
}
