using System.Security.Cryptography;

namespace RlEnv.Core.Publishing;

/// <summary>
/// Hashes the bytes as they are read through it, so the pass that uploads a blob (or writes it) is also the pass
/// that checks it: the file is read once, not once to hash and again to send. <see cref="Digest"/> is known only once
/// a read met the end of the stream, so a pass cut short never passes for a whole one.
/// </summary>
/// <param name="inner">The bytes, from their start; disposed with this stream.</param>
internal sealed class Sha256ReadStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>"sha256:&lt;hex&gt;" of every byte read, once a read returned the end; null before.</summary>
    public string? Digest { get; private set; }

    /// <summary>The bytes read so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>Reads to the end and returns the digest: the check alone, for when nothing needs sending.</summary>
    public async Task<string> HashToEndAsync(CancellationToken cancellation)
    {
        var buffer = new byte[1 << 20];
        while (await ReadAsync(buffer, cancellation) > 0)
        {
        }

        return Digest!;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Account(buffer, inner.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Account(buffer.Span, read);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Account(Span<byte> buffer, int read)
    {
        if (read > 0)
        {
            _hash.AppendData(buffer[..read]);
            BytesRead += read;
        }
        else if (buffer.Length > 0 && Digest is null)
        {
            Digest = "sha256:" + Convert.ToHexStringLower(_hash.GetHashAndReset());
        }

        return read;
    }
}
