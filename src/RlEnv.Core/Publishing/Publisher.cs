using System.IO.Abstractions;
using System.Text.Encodings.Web;
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Manifest;
using RlEnv.Core.Naming;
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

        var manifestPath = ArtifactIdentity.ManifestPathFor(artifactPath);
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

        // The size is checked now, the content while it goes up: the artifact is read once, and hashed in that pass.
        // The manifest's digest goes into registry URLs before the content is hashed, so it must be one in shape:
        // anything else cannot be what pack wrote for this file.
        var size = fileSystem.FileInfo.New(artifactPath).Length;
        if (size != manifest.ArchiveBytes || !OciArtifact.IsSha256Digest("sha256:" + manifest.ArchiveSha256))
        {
            diagnostics.Add(DiagnosticCatalog.ArtifactChangedAfterPacking(fileSystem.Path.GetFileName(artifactPath)));
            return Fail(diagnostics);
        }

        if (reference.Range is not null || reference.Latest || (reference.Version is not null && reference.Version != manifest.Version))
        {
            diagnostics.Add(DiagnosticCatalog.PublishReferenceNamesVersion(manifest.Version));
            return Fail(diagnostics);
        }

        var layerDigest = "sha256:" + manifest.ArchiveSha256;
        var repository = reference.Repository;
        var tag = manifest.Version;
        Sha256ReadStream? upload = null;
        try
        {
            var existing = await client.GetManifestAsync(repository, tag, cancellation);
            var layerStored = existing is null && await client.BlobExistsAsync(repository, layerDigest, cancellation);
            if ((existing is not null || layerStored) && await HashAsync(artifactPath, cancellation) != layerDigest)
            {
                // Nothing goes up here, so this pass is the only read of the artifact.
                diagnostics.Add(DiagnosticCatalog.ArtifactChangedAfterPacking(fileSystem.Path.GetFileName(artifactPath)));
                return Fail(diagnostics);
            }

            if (existing is { } stored)
            {
                if (LayerDigest(stored.Body) == layerDigest)
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

            if (!layerStored)
            {
                // Each send opens the file afresh (a retry re-reads it); the last pass is the one that went up.
                await client.UploadBlobAsync(repository, layerDigest, size, () => upload = OpenHashing(artifactPath), cancellation);
                // A registry may answer before it read the whole body; then the pass is finished here, on that rare path only.
                if ((upload?.Digest ?? await HashOrNullAsync(artifactPath, cancellation)) != layerDigest)
                {
                    // A registry that does not check the digest it was told stored other bytes: the manifest never points at them.
                    diagnostics.Add(DiagnosticCatalog.ArtifactChangedAfterPacking(fileSystem.Path.GetFileName(artifactPath)));
                    return Fail(diagnostics);
                }
            }

            await client.PutManifestAsync(repository, tag, ManifestBytes(manifest, layerDigest, size, fileSystem.Path.GetFileName(artifactPath), created), cancellation);
            return new RegistryResult(diagnostics.ToSortedList(), repository, tag, layerDigest, Pushed: true, null, manifest.Files.Count);
        }
        catch (Exception e) when (e is RegistryException || (e is IOException && upload is not null))
        {
            // A registry refuses a blob whose bytes do not match the digest it was told, and a file that shrinks or grows
            // mid-upload fails the send: when the artifact changed after packing, say that rather than relay the failure.
            // A pass cut short is finished here, on this failure path only.
            if (upload is not null && (upload.Digest ?? await HashOrNullAsync(artifactPath, cancellation)) != layerDigest)
            {
                diagnostics.Add(DiagnosticCatalog.ArtifactChangedAfterPacking(fileSystem.Path.GetFileName(artifactPath)));
                return Fail(diagnostics);
            }

            if (e is not RegistryException refused)
            {
                throw;
            }

            diagnostics.Add(refused.Diagnostic);
            return Fail(diagnostics);
        }
    }

    /// <summary>The artifact opened for one sequential pass that hashes what it reads (no read-ahead buffer: callers read in large chunks).</summary>
    private Sha256ReadStream OpenHashing(string artifactPath) =>
        new(fileSystem.FileStream.New(artifactPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan));

    private async Task<string> HashAsync(string artifactPath, CancellationToken cancellation)
    {
        await using var stream = OpenHashing(artifactPath);
        return await stream.HashToEndAsync(cancellation);
    }

    /// <summary>As <see cref="HashAsync"/>, with an artifact that can no longer be read counting as changed.</summary>
    private async Task<string?> HashOrNullAsync(string artifactPath, CancellationToken cancellation)
    {
        try
        {
            return await HashAsync(artifactPath, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
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
