using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Publishing;

/// <summary>
/// A registry for teams without one: each repository is an OCI image-layout folder (oci-layout,
/// index.json whose manifests carry org.opencontainers.image.ref.name = the version, blobs/sha256/...),
/// readable by skopeo and oras as `oci:FOLDER:VERSION`. Every write is a temp file renamed into place.
/// </summary>
public sealed class FolderRegistry(string root) : IArtifactStore
{
    private const string RefName = "org.opencontainers.image.ref.name";

    public string Location => root;

    public Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellation) =>
        Task.FromResult(File.Exists(BlobPath(repository, digest)));

    public async Task UploadBlobAsync(string repository, string digest, long size, Func<Stream> open, CancellationToken cancellation)
    {
        var path = BlobPath(repository, digest);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var source = open())
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                await source.CopyToAsync(target, cancellation);
            }

            await using (var written = File.OpenRead(temp))
            {
                var actual = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(written, cancellation));
                if (actual != digest || written.Length != size)
                {
                    throw new RegistryException(DiagnosticCodes.RegistryRefused, $"The blob written to {root} does not match {digest}.");
                }
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<(byte[] Body, string MediaType)?> GetManifestAsync(string repository, string reference, CancellationToken cancellation)
    {
        var entry = (await Index(repository, cancellation))["manifests"]!.AsArray()
            .FirstOrDefault(m => m?["annotations"]?[RefName]?.GetValue<string>() == reference);
        if (entry?["digest"]?.GetValue<string>() is not { } digest || !File.Exists(BlobPath(repository, digest)))
        {
            return null;
        }

        return (await File.ReadAllBytesAsync(BlobPath(repository, digest), cancellation), OciArtifact.ManifestMediaType);
    }

    public async Task PutManifestAsync(string repository, string tag, byte[] manifest, CancellationToken cancellation)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest));
        await UploadBlobAsync(repository, digest, manifest.Length, () => new MemoryStream(manifest), cancellation);
        var index = await Index(repository, cancellation);
        var manifests = index["manifests"]!.AsArray();
        foreach (var stale in manifests.Where(m => m?["annotations"]?[RefName]?.GetValue<string>() == tag).ToList())
        {
            manifests.Remove(stale);
        }

        manifests.Add(new JsonObject
        {
            ["mediaType"] = OciArtifact.ManifestMediaType,
            ["digest"] = digest,
            ["size"] = manifest.Length,
            ["artifactType"] = OciArtifact.ArtifactType,
            ["annotations"] = new JsonObject { [RefName] = tag },
        });
        await WriteAtomically(Path.Combine(Folder(repository), "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray(), cancellation);
        await WriteAtomically(Path.Combine(Folder(repository), "index.json"), JsonSerializer.SerializeToUtf8Bytes(index), cancellation);
    }

    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellation) =>
        [.. (await Index(repository, cancellation))["manifests"]!.AsArray().Select(m => m?["annotations"]?[RefName]?.GetValue<string>()).OfType<string>()];

    public Task<Stream> OpenBlobAsync(string repository, string digest, CancellationToken cancellation)
    {
        var path = BlobPath(repository, digest);
        return File.Exists(path)
            ? Task.FromResult<Stream>(File.OpenRead(path))
            : throw new RegistryException(DiagnosticCodes.RegistryRefused, $"Blob {digest} is missing from {Folder(repository)}.");
    }

    public void Dispose()
    {
    }

    private string Folder(string repository) => Path.Combine(root, repository);

    private string BlobPath(string repository, string digest)
    {
        if (!digest.StartsWith("sha256:", StringComparison.Ordinal) || digest.Length != 71 || !digest[7..].All(char.IsAsciiHexDigitLower))
        {
            throw new RegistryException(DiagnosticCodes.RegistryRefused, $"'{digest}' is not a sha256 digest.");
        }

        return Path.Combine(Folder(repository), "blobs", "sha256", digest[7..]);
    }

    private async Task<JsonObject> Index(string repository, CancellationToken cancellation)
    {
        var path = Path.Combine(Folder(repository), "index.json");
        if (File.Exists(path) && JsonNode.Parse(await File.ReadAllBytesAsync(path, cancellation)) is JsonObject index && index["manifests"] is JsonArray)
        {
            return index;
        }

        return new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = new JsonArray() };
    }

    private static async Task WriteAtomically(string path, byte[] bytes, CancellationToken cancellation)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, bytes, cancellation);
        File.Move(temp, path, overwrite: true);
    }
}
