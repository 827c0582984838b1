using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Manifest;

namespace RlEnv.Core.Publishing;

/// <summary>
/// Pushes an artifact as an OCI 1.1 artifact: the empty config, one tar.gz layer, annotations, tagged
/// with its version. Versions are immutable: the same content again succeeds without writing, other
/// content under an existing version is refused, and there is no --force.
/// </summary>
public sealed class Publisher(IArtifactStore client)
{
    public async Task<RegistryResult> PublishAsync(string artifactPath, RegistryReference reference, string? sourceDateEpoch, CancellationToken cancellation)
    {
        var diagnostics = new DiagnosticBag();
        var manifestPath = artifactPath.EndsWith(".tar.gz", StringComparison.Ordinal) ? artifactPath[..^".tar.gz".Length] + ".manifest.json" : artifactPath + ".manifest.json";
        if (!File.Exists(artifactPath) || !File.Exists(manifestPath))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ArtifactUnreadable, null, $"Publish needs the artifact and the manifest beside it ({Path.GetFileName(manifestPath)}), as `rlenv pack` writes them."));
            return Fail(diagnostics);
        }

        ArtifactManifest manifest;
        await using (var stream = File.OpenRead(manifestPath))
        {
            manifest = ArtifactManifest.ReadFrom(stream);
        }

        string sha256;
        await using (var stream = File.OpenRead(artifactPath))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellation));
        }

        var size = new FileInfo(artifactPath).Length;
        if (sha256 != manifest.ArchiveSha256 || size != manifest.ArchiveBytes)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ArtifactManifestMismatch, Path.GetFileName(artifactPath), "The artifact does not match its manifest; it changed after packing. Pack it again."));
            return Fail(diagnostics);
        }

        if (reference.Range is not null || reference.Latest || (reference.Version is not null && reference.Version != manifest.Version))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RegistryReferenceInvalid, null,
                $"Publish tags the artifact with its own version ({manifest.Version}); name the repository without a version, range or latest."));
            return Fail(diagnostics);
        }

        var layerDigest = "sha256:" + sha256;
        var repository = reference.Repository;
        var tag = manifest.Version;
        try
        {
            if (await client.GetManifestAsync(repository, tag, cancellation) is { } existing)
            {
                if (LayerDigest(existing.Body) == layerDigest)
                {
                    diagnostics.Add(Diagnostic.Info(DiagnosticCodes.VersionExists, null, $"{repository}:{tag} already holds this artifact; nothing to publish."));
                    return new RegistryResult(diagnostics.ToSortedList(), repository, tag, layerDigest, Pushed: false, null, manifest.Files.Count);
                }

                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.VersionExists, null,
                    $"{repository}:{tag} already exists with other content; versions are immutable. Bump the version (there is no --force)."));
                return Fail(diagnostics);
            }

            if (!await client.BlobExistsAsync(repository, OciArtifact.EmptyDigest, cancellation))
            {
                await client.UploadBlobAsync(repository, OciArtifact.EmptyDigest, OciArtifact.EmptyConfig.Length, () => new MemoryStream(OciArtifact.EmptyConfig), cancellation);
            }

            if (!await client.BlobExistsAsync(repository, layerDigest, cancellation))
            {
                await client.UploadBlobAsync(repository, layerDigest, size, () => new FileStream(artifactPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan), cancellation);
            }

            await client.PutManifestAsync(repository, tag, ManifestBytes(manifest, layerDigest, size, Path.GetFileName(artifactPath), sourceDateEpoch), cancellation);
            return new RegistryResult(diagnostics.ToSortedList(), repository, tag, layerDigest, Pushed: true, null, manifest.Files.Count);
        }
        catch (RegistryException e)
        {
            diagnostics.Add(Diagnostic.Error(e.Code, null, e.Message));
            return Fail(diagnostics);
        }
    }

    internal static string? LayerDigest(byte[] manifest)
    {
        try
        {
            return JsonNode.Parse(manifest)?["layers"]?[0]?["digest"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static byte[] ManifestBytes(ArtifactManifest manifest, string layerDigest, long size, string title, string? sourceDateEpoch)
    {
        var created = long.TryParse(sourceDateEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? DateTimeOffset.FromUnixTimeSeconds(epoch) : DateTimeOffset.UtcNow;
        var document = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciArtifact.ManifestMediaType,
            ["artifactType"] = OciArtifact.ArtifactType,
            ["config"] = new JsonObject { ["mediaType"] = OciArtifact.EmptyMediaType, ["digest"] = OciArtifact.EmptyDigest, ["size"] = 2, ["data"] = "e30=" },
            ["layers"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = OciArtifact.LayerMediaType,
                ["digest"] = layerDigest,
                ["size"] = size,
                ["annotations"] = new JsonObject { [OciArtifact.TitleAnnotation] = title },
            }),
            ["annotations"] = new JsonObject
            {
                [OciArtifact.VersionAnnotation] = manifest.Version,
                [OciArtifact.CreatedAnnotation] = created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                [OciArtifact.TitleAnnotation] = title,
                [OciArtifact.ContentDigestAnnotation] = manifest.ContentDigest,
                [OciArtifact.NameAnnotation] = manifest.Name,
            },
        };
        return System.Text.Encoding.UTF8.GetBytes(document.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static RegistryResult Fail(DiagnosticBag diagnostics) => new(diagnostics.ToSortedList(), null, null, null, false, null, 0);
}
