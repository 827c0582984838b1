using System.IO.Abstractions;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Manifest;
using RlEnv.Core.Packing;
using RlEnv.Core.Publishing.Oci;

namespace RlEnv.Core.Publishing;

/// <summary>
/// Pushes an artifact as an OCI 1.1 artifact: the empty config, one tar.gz layer, annotations, tagged
/// with its version. Versions are immutable: the same content again succeeds without writing, other
/// content under an existing version is refused, and there is no --force.
/// </summary>
/// <param name="client">The registry.</param>
/// <param name="fileSystem">Where the artifact and its manifest are read.</param>
/// <param name="warningsAsErrors">Which warnings the front reports as errors.</param>
public sealed class Publisher(IArtifactStore client, IFileSystem fileSystem, WarningsAsErrors? warningsAsErrors = null)
{
    /// <summary>A manifest written by pack lists at most 5,000 files; anything far larger was not written by pack.</summary>
    private const int MaxManifestBytes = 16 * 1024 * 1024;

    private static readonly OciJsonContext Writer = new(new JsonSerializerOptions(OciJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public async Task<RegistryResult> PublishAsync(string artifactPath, RegistryReference reference, string? sourceDateEpoch, CancellationToken cancellation)
    {
        var diagnostics = new DiagnosticBag(warningsAsErrors);
        // One parser for pack and publish; without SOURCE_DATE_EPOCH the manifest records when it was published.
        var created = string.IsNullOrWhiteSpace(sourceDateEpoch) ? DateTime.UtcNow : SourceDateEpoch.Resolve(sourceDateEpoch, diagnostics);
        if (diagnostics.HasErrors)
        {
            return Fail(diagnostics);
        }

        var manifestPath = artifactPath.EndsWith(".tar.gz", StringComparison.Ordinal) ? artifactPath[..^".tar.gz".Length] + ".manifest.json" : artifactPath + ".manifest.json";
        if (!LocalFiles.IsRegular(fileSystem, artifactPath) || LocalFiles.ReadBounded(fileSystem, manifestPath, MaxManifestBytes) is not { } manifestBytes)
        {
            diagnostics.Add(DiagnosticCatalog.PublishNeedsArtifactAndManifest(fileSystem.Path.GetFileName(manifestPath)));
            return Fail(diagnostics);
        }

        ArtifactManifest manifest;
        try
        {
            manifest = ArtifactManifest.ReadFrom(new MemoryStream(manifestBytes));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            diagnostics.Add(DiagnosticCatalog.ManifestNotWrittenByPack(fileSystem.Path.GetFileName(manifestPath)));
            return Fail(diagnostics);
        }

        string sha256;
        long size;
        await using (var stream = fileSystem.File.OpenRead(artifactPath))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellation));
            size = stream.Length;
        }

        if (sha256 != manifest.ArchiveSha256 || size != manifest.ArchiveBytes)
        {
            diagnostics.Add(DiagnosticCatalog.ArtifactChangedAfterPacking(fileSystem.Path.GetFileName(artifactPath)));
            return Fail(diagnostics);
        }

        if (reference.Range is not null || reference.Latest || (reference.Version is not null && reference.Version != manifest.Version))
        {
            diagnostics.Add(DiagnosticCatalog.PublishReferenceNamesVersion(manifest.Version));
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
                    diagnostics.Add(DiagnosticCatalog.VersionAlreadyHoldsArtifact(repository, tag));
                    return new RegistryResult(diagnostics.ToSortedList(), repository, tag, layerDigest, Pushed: false, null, manifest.Files.Count);
                }

                diagnostics.Add(DiagnosticCatalog.VersionExistsWithOtherContent(repository, tag));
                return Fail(diagnostics);
            }

            if (!await client.BlobExistsAsync(repository, OciArtifact.EmptyDigest, cancellation))
            {
                await client.UploadBlobAsync(repository, OciArtifact.EmptyDigest, OciArtifact.EmptyConfig.Length, () => new MemoryStream(OciArtifact.EmptyConfig), cancellation);
            }

            if (!await client.BlobExistsAsync(repository, layerDigest, cancellation))
            {
                await client.UploadBlobAsync(repository, layerDigest, size, () => fileSystem.FileStream.New(artifactPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan), cancellation);
            }

            await client.PutManifestAsync(repository, tag, ManifestBytes(manifest, layerDigest, size, fileSystem.Path.GetFileName(artifactPath), created), cancellation);
            return new RegistryResult(diagnostics.ToSortedList(), repository, tag, layerDigest, Pushed: true, null, manifest.Files.Count);
        }
        catch (RegistryException e)
        {
            diagnostics.Add(e.Diagnostic);
            return Fail(diagnostics);
        }
    }

    /// <summary>The single layer's digest of a manifest, or null when the document is not one.</summary>
    internal static string? LayerDigest(byte[] manifest) => OciManifests.TryParse(manifest) is { Layers: [{ Digest: { } digest }] } ? digest : null;

    private static byte[] ManifestBytes(ArtifactManifest manifest, string layerDigest, long size, string title, DateTime created) =>
        JsonSerializer.SerializeToUtf8Bytes(new OciManifest
        {
            SchemaVersion = 2,
            MediaType = OciArtifact.ManifestMediaType,
            ArtifactType = OciArtifact.ArtifactType,
            Config = new OciDescriptor { MediaType = OciArtifact.EmptyMediaType, Digest = OciArtifact.EmptyDigest, Size = 2, Data = "e30=" },
            Layers =
            [
                new OciDescriptor
                {
                    MediaType = OciArtifact.LayerMediaType,
                    Digest = layerDigest,
                    Size = size,
                    Annotations = new() { [OciArtifact.TitleAnnotation] = title },
                },
            ],
            Annotations = new()
            {
                [OciArtifact.VersionAnnotation] = manifest.Version,
                [OciArtifact.CreatedAnnotation] = created.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                [OciArtifact.TitleAnnotation] = title,
                [OciArtifact.ContentDigestAnnotation] = manifest.ContentDigest,
                [OciArtifact.NameAnnotation] = manifest.Name,
            },
        }, Writer.OciManifest);

    private static RegistryResult Fail(DiagnosticBag diagnostics) => new(diagnostics.ToSortedList(), null, null, null, false, null, 0);
}
