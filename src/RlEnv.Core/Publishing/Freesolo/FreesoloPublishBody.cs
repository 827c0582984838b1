using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace RlEnv.Core.Publishing.Freesolo;

/// <summary>
/// The publish request's JSON body exactly as flash/client/http.py <c>publish_env</c> sends it (<c>json.dumps</c> of
/// <c>{"name", "package_b64", "project_id"}</c>: that key order, ", " and ": " separators, standard padded base64
/// without line breaks), streamed: the artifact is read and encoded 768 KiB at a time, so memory stays bounded
/// however large the package, and Content-Length is known up front. The artifact's sha256 is computed as it streams
/// and compared with the one checked before the upload before the closing bytes go out: an artifact that changed in
/// between never reaches the hub as a complete body, so the hub publishes nothing.
/// </summary>
internal sealed class FreesoloPublishBody : HttpContent
{
    /// <summary>A multiple of 3, so each chunk encodes without padding until the last.</summary>
    private const int ChunkBytes = 3 * 256 * 1024;

    private const int SliceBytes = 64 * 1024;

    private readonly Func<Stream> _open;
    private readonly long _size;
    private readonly string _sha256;
    private readonly byte[] _prefix;
    private readonly byte[] _suffix;

    /// <param name="name">The hub name: already in <c>[a-z0-9._-]</c>, so JSON needs no escape.</param>
    /// <param name="projectId">The canonical UUID.</param>
    /// <param name="open">Opens the artifact afresh for each send.</param>
    /// <param name="size">The artifact's size.</param>
    /// <param name="sha256">The artifact's sha256 as checked.</param>
    public FreesoloPublishBody(string name, string projectId, Func<Stream> open, long size, string sha256)
    {
        _open = open;
        _size = size;
        _sha256 = sha256;
        _prefix = Encoding.UTF8.GetBytes($"{{\"name\": \"{name}\", \"package_b64\": \"");
        _suffix = Encoding.UTF8.GetBytes($"\", \"project_id\": \"{projectId}\"}}");
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Headers.ContentLength = Length;
    }

    public long Length => _prefix.Length + EncodedLength(_size) + _suffix.Length;

    /// <summary>Called with the bytes of the body sent so far, after each write.</summary>
    public Action<long>? Sent { get; set; }

    public static long EncodedLength(long bytes) => (bytes + 2) / 3 * 4;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var input = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var output = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(ChunkBytes));
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var source = _open();
            await stream.WriteAsync(_prefix, cancellationToken);
            long sent = _prefix.Length;
            long read = 0;
            Sent?.Invoke(sent);
            while (true)
            {
                var length = await source.ReadAtLeastAsync(input.AsMemory(0, ChunkBytes), ChunkBytes, throwOnEndOfStream: false, cancellationToken);
                if (length == 0)
                {
                    break;
                }

                read += length;
                if (read > _size)
                {
                    throw new ArtifactChangedException(read, _size);
                }

                var final = length < ChunkBytes;
                Base64.EncodeToUtf8(input.AsSpan(0, length), output, out _, out var written, isFinalBlock: final);

                // The chunk is hashed while it goes out: the check costs no time when the network is the slower side.
                var writing = WriteSlicesAsync(stream, output.AsMemory(0, written), sent, cancellationToken);
                hash.AppendData(input, 0, length);
                await writing;
                sent += written;
                if (final)
                {
                    break;
                }
            }

            if (read != _size || Convert.ToHexStringLower(hash.GetHashAndReset()) != _sha256)
            {
                throw new ArtifactChangedException(read, _size);
            }

            await stream.WriteAsync(_suffix, cancellationToken);
            Sent?.Invoke(sent + _suffix.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    /// <summary>
    /// Writes in 64 KiB slices and reports each: on a slow uplink a whole chunk can take longer than the idle timeout,
    /// while a slice never should, so a moving upload is never taken for a stalled one.
    /// </summary>
    private async Task WriteSlicesAsync(Stream stream, ReadOnlyMemory<byte> data, long sentBefore, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < data.Length; offset += SliceBytes)
        {
            var slice = data.Slice(offset, Math.Min(SliceBytes, data.Length - offset));
            await stream.WriteAsync(slice, cancellationToken);
            Sent?.Invoke(sentBefore + offset + slice.Length);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Length;
        return true;
    }

    /// <summary>The artifact's bytes are not the ones checked: the upload stops before the body is complete.</summary>
    internal sealed class ArtifactChangedException(long read, long size) : IOException($"The artifact changed while it was uploaded ({read:N0} bytes read, {size:N0} checked).");
}
