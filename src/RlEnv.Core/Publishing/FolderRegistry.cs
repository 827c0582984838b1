using System.IO.Abstractions;
using System.Security.Cryptography;
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Publishing.Oci;

namespace RlEnv.Core.Publishing;

/// <summary>
/// A registry for teams without one: each repository is an OCI image-layout folder (oci-layout,
/// index.json whose manifests carry org.opencontainers.image.ref.name = the version, blobs/sha256/...),
/// readable by skopeo and oras as `oci:FOLDER:VERSION`. Every write is a temp file renamed into place;
/// every read is of a regular file with a size bound, since the folder may be shared or crafted.
/// </summary>
public sealed class FolderRegistry(IFileSystem fileSystem, string root) : IArtifactStore
{
    private const string RefName = "org.opencontainers.image.ref.name";

    public string Location => root;

    public Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellation) =>
        Task.FromResult(LocalFiles.IsRegular(fileSystem, BlobPath(repository, digest)));

    public async Task UploadBlobAsync(string repository, string digest, long size, Func<Stream> open, CancellationToken cancellation)
    {
        var path = BlobPath(repository, digest);
        fileSystem.Directory.CreateDirectory(fileSystem.Path.GetDirectoryName(path)!);
        var temp = TempBeside(path);
        try
        {
            // Hashed as it is copied: one pass over the bytes, and the temp file is renamed only when they match.
            await using (var source = new Sha256ReadStream(open()))
            await using (var target = fileSystem.FileStream.New(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                await source.CopyToAsync(target, 1 << 20, cancellation);
                if (source.Digest != digest || source.BytesRead != size)
                {
                    throw new RegistryException(DiagnosticCatalog.FolderRegistryBlobWrittenWrong(root, digest));
                }
            }

            fileSystem.File.Move(temp, path, overwrite: true);
        }
        finally
        {
            fileSystem.File.Delete(temp);
        }
    }

    public Task<(byte[] Body, string MediaType)?> GetManifestAsync(string repository, string reference, CancellationToken cancellation)
    {
        var entry = Index(repository).Manifests.FirstOrDefault(m => m.Annotations?.GetValueOrDefault(RefName) == reference);
        if (entry?.Digest is not { } digest)
        {
            return Task.FromResult<(byte[], string)?>(null);
        }

        var body = LocalFiles.ReadBounded(fileSystem, BlobPath(repository, digest), BoundedContent.MaxDocumentBytes)
            ?? throw new RegistryException(DiagnosticCatalog.FolderRegistryManifestMissing(digest, reference, Folder(repository)));
        return Task.FromResult<(byte[], string)?>((body, OciArtifact.ManifestMediaType));
    }

    public async Task PutManifestAsync(string repository, string tag, byte[] manifest, CancellationToken cancellation)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest));
        await UploadBlobAsync(repository, digest, manifest.Length, () => new MemoryStream(manifest), cancellation);
        var index = Index(repository);
        index.Manifests.RemoveAll(m => m.Annotations?.GetValueOrDefault(RefName) == tag);
        index.Manifests.Add(new OciDescriptor
        {
            MediaType = OciArtifact.ManifestMediaType,
            Digest = digest,
            Size = manifest.Length,
            ArtifactType = OciArtifact.ArtifactType,
            Annotations = new() { [RefName] = tag },
        });
        WriteAtomically(fileSystem.Path.Combine(Folder(repository), "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray());
        WriteAtomically(fileSystem.Path.Combine(Folder(repository), "index.json"), JsonSerializer.SerializeToUtf8Bytes(index, OciJsonContext.Default.OciIndex));
    }

    public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<string>>([.. Index(repository).Manifests.Select(m => m.Annotations?.GetValueOrDefault(RefName)).OfType<string>()]);

    public Task<Stream> OpenBlobAsync(string repository, string digest, CancellationToken cancellation)
    {
        var path = BlobPath(repository, digest);
        return LocalFiles.IsRegular(fileSystem, path)
            ? Task.FromResult<Stream>(fileSystem.File.OpenRead(path))
            : throw new RegistryException(DiagnosticCatalog.FolderRegistryBlobMissing(digest, Folder(repository)));
    }

    public void Dispose()
    {
    }

    private string Folder(string repository) => fileSystem.Path.Combine(root, repository);

    private string BlobPath(string repository, string digest)
    {
        if (!OciArtifact.IsSha256Digest(digest))
        {
            throw new RegistryException(DiagnosticCatalog.RegistryDigestMalformed(digest));
        }

        return fileSystem.Path.Combine(Folder(repository), "blobs", "sha256", digest[7..]);
    }

    /// <summary>The repository's index; a new one when there is none, an error (never a silent overwrite) when it is malformed.</summary>
    private OciIndex Index(string repository)
    {
        var path = fileSystem.Path.Combine(Folder(repository), "index.json");
        if (!fileSystem.File.Exists(path) && !fileSystem.Directory.Exists(path))
        {
            return new OciIndex();
        }

        var bytes = LocalFiles.ReadBounded(fileSystem, path, BoundedContent.MaxDocumentBytes)
            ?? throw new RegistryException(DiagnosticCatalog.FolderRegistryIndexNotAFile(path));
        try
        {
            var index = JsonSerializer.Deserialize(bytes, OciJsonContext.Default.OciIndex);
            if (index?.Manifests is null || index.Manifests.Any(m => m is null))
            {
                throw new JsonException("no manifests array");
            }

            return index;
        }
        catch (JsonException)
        {
            throw new RegistryException(DiagnosticCatalog.FolderRegistryIndexMalformed(path));
        }
    }

    private void WriteAtomically(string path, byte[] bytes)
    {
        fileSystem.Directory.CreateDirectory(fileSystem.Path.GetDirectoryName(path)!);
        var temp = TempBeside(path);
        fileSystem.File.WriteAllBytes(temp, bytes);
        fileSystem.File.Move(temp, path, overwrite: true);
    }

    // Short, so a temp name is never much longer than the final one.
    private string TempBeside(string path) => fileSystem.Path.Combine(fileSystem.Path.GetDirectoryName(path)!, $".{Guid.NewGuid().ToString("N")[..12]}.tmp");
}
