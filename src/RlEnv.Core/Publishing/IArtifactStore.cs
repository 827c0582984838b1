namespace RlEnv.Core.Publishing;

/// <summary>Where artifacts are published: an OCI registry over HTTP, or an OCI image-layout folder.</summary>
public interface IArtifactStore : IDisposable
{
    /// <summary>For messages: the registry's host, or the folder.</summary>
    string Location { get; }

    Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellation);

    /// <summary><paramref name="open"/> gives the bytes from the start; it may be called again on a retry.</summary>
    Task UploadBlobAsync(string repository, string digest, long size, Func<Stream> open, CancellationToken cancellation);

    Task<(byte[] Body, string MediaType)?> GetManifestAsync(string repository, string reference, CancellationToken cancellation);

    Task PutManifestAsync(string repository, string tag, byte[] manifest, CancellationToken cancellation);

    Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellation);

    /// <summary>The blob's bytes as stored; the caller checks size and digest before trusting them.</summary>
    Task<Stream> OpenBlobAsync(string repository, string digest, CancellationToken cancellation);
}
