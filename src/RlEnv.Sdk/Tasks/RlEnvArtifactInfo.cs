using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using RlEnv.Core.Manifest;

namespace RlEnv.Sdk.Tasks;

/// <summary>
/// Reads the manifest beside an artifact, so the artifact's path and sha256 are target outputs even when
/// the pack target was skipped as up to date (MSBuild does not infer custom task outputs).
/// </summary>
public sealed class RlEnvArtifactInfo : Microsoft.Build.Utilities.Task
{
    [Required]
    public string ManifestPath { get; set; } = string.Empty;

    [Output]
    public ITaskItem? Artifact { get; private set; }

    public override bool Execute()
    {
        if (!File.Exists(ManifestPath))
        {
            return true;
        }

        using var stream = File.OpenRead(ManifestPath);
        var manifest = ArtifactManifest.ReadFrom(stream);
        var item = new TaskItem(Path.Combine(Path.GetDirectoryName(ManifestPath)!, manifest.ArchiveFile));
        item.SetMetadata("Sha256", manifest.ArchiveSha256);
        item.SetMetadata("ContentDigest", manifest.ContentDigest);
        item.SetMetadata("ManifestPath", ManifestPath);
        item.SetMetadata("ArtifactName", manifest.Name);
        item.SetMetadata("ArtifactVersion", manifest.Version);
        item.SetMetadata("CompressedBytes", manifest.ArchiveBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Artifact = item;
        return true;
    }
}
