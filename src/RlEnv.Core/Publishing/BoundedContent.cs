using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Publishing;

/// <summary>Reads what a registry sends into memory only up to a bound, whatever its Content-Length claims.</summary>
internal static class BoundedContent
{
    /// <summary>Manifests, tag-list pages and token answers: containerd refuses manifests over 4 MiB too.</summary>
    public const int MaxDocumentBytes = 4 * 1024 * 1024;

    public static Task<byte[]> ReadAsync(HttpContent content, int limit, string what, CancellationToken cancellation) =>
        ReadAsync(content, limit, what, null, cancellation);

    public static Task<byte[]> ReadAsync(HttpContent content, int limit, string what, IdleTimeout idle) =>
        ReadAsync(content, limit, what, idle, idle.Token);

    private static async Task<byte[]> ReadAsync(HttpContent content, int limit, string what, IdleTimeout? idle, CancellationToken cancellation)
    {
        if (content.Headers.ContentLength is > 0 and var declared && declared > limit)
        {
            throw TooLarge(what, limit);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellation);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        for (int read; (read = await stream.ReadAsync(chunk, cancellation)) > 0;)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(what, limit);
            }

            buffer.Write(chunk, 0, read);
            idle?.Touch();
        }

        return buffer.ToArray();
    }

    private static RegistryException TooLarge(string what, int limit) => new(DiagnosticCatalog.RegistryDocumentTooLarge(what, limit));
}
