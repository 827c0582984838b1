using System.Buffers;
using System.Security.Cryptography;

namespace RlEnv.Core.Archive;

/// <summary>
/// A write-only stream that cuts its input into fixed chunks and compresses each, on all cores, into
/// its own gzip member; members are written in order, so the output is one valid multi-member gzip
/// file (RFC 1952 §2.2), byte-identical for the same input whatever the core count. Up to twice as many chunks
/// as workers are queued, so a worker that finishes finds the next chunk ready while the writer is still reading,
/// hashing and scanning (memory: 2 x workers + 1 chunks). Passing the compressed cap throws at once. Compressed bytes are attributed
/// to sources (files) in proportion to the bytes each put into a chunk.
/// </summary>
public sealed class ParallelGzipStream : Stream
{
    public const int DefaultChunkSize = 4 * 1024 * 1024;

    private readonly Stream _output;
    private readonly int _level;
    private readonly int _chunkSize;
    private readonly int _maxInFlight;
    private readonly long _compressedCap;
    private readonly Queue<(Task<PooledBufferStream> Task, byte[] Input, List<(int Source, int Bytes)> Sources, int Length)> _inFlight = new();
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Dictionary<int, double> _attributed = [];

    private byte[] _chunk;
    private int _chunkLength;
    private List<(int Source, int Bytes)> _chunkSources = [];
    private long _uncompressed;
    private bool _finished;

    public ParallelGzipStream(Stream output, int level = 6, int chunkSize = DefaultChunkSize, int workers = 0, long compressedCap = long.MaxValue)
    {
        _output = output;
        _level = level;
        _chunkSize = chunkSize;
        _maxInFlight = 2 * (workers > 0 ? workers : Environment.ProcessorCount);
        _compressedCap = compressedCap;
        _chunk = ArrayPool<byte>.Shared.Rent(chunkSize);
    }

    /// <summary>Which source the next bytes written belong to; -1 for framing that belongs to none.</summary>
    public int CurrentSource { get; set; } = -1;

    public long CompressedBytes { get; private set; }

    public long UncompressedBytes => _uncompressed;

    /// <summary>Estimated compressed bytes per source, for naming the largest contributors.</summary>
    public IReadOnlyDictionary<int, double> CompressedBySource => _attributed;

    public byte[] Sha256 { get; private set; } = [];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_finished;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _uncompressed; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, _chunkSize - _chunkLength);
            buffer[..take].CopyTo(_chunk.AsSpan(_chunkLength));
            Attribute(take);
            _chunkLength += take;
            _uncompressed += take;
            buffer = buffer[take..];
            if (_chunkLength == _chunkSize)
            {
                Dispatch();
            }
        }
    }

    /// <summary>Compresses what is left and waits for every member to be written.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        if (_chunkLength > 0 || _uncompressed == 0)
        {
            Dispatch();
        }

        while (_inFlight.Count > 0)
        {
            WriteOldest();
        }

        _finished = true;
        Sha256 = _sha256.GetHashAndReset();
        _output.Flush();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Attribute(int bytes)
    {
        if (_chunkSources.Count > 0 && _chunkSources[^1].Source == CurrentSource)
        {
            _chunkSources[^1] = (CurrentSource, _chunkSources[^1].Bytes + bytes);
        }
        else
        {
            _chunkSources.Add((CurrentSource, bytes));
        }
    }

    private void Dispatch()
    {
        var input = _chunk;
        var length = _chunkLength;
        var level = _level;
        var task = Task.Run(() => GzipMember.Compress(input.AsSpan(0, length), level));
        _inFlight.Enqueue((task, input, _chunkSources, length));
        _chunk = ArrayPool<byte>.Shared.Rent(_chunkSize);
        _chunkLength = 0;
        _chunkSources = [];
        while (_inFlight.Count > _maxInFlight)
        {
            WriteOldest();
        }
    }

    private void WriteOldest()
    {
        var (task, input, sources, length) = _inFlight.Dequeue();
        using var member = task.GetAwaiter().GetResult();
        ArrayPool<byte>.Shared.Return(input);
        var compressed = member.WrittenSpan;
        foreach (var (source, bytes) in sources)
        {
            _attributed[source] = _attributed.GetValueOrDefault(source) + ((double)compressed.Length * bytes / Math.Max(1, length));
        }

        if (CompressedBytes + compressed.Length > _compressedCap)
        {
            CompressedBytes += compressed.Length;
            throw new CompressedCapExceededException(CompressedBytes, _compressedCap);
        }

        _output.Write(compressed);
        _sha256.AppendData(compressed);
        CompressedBytes += compressed.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // After a failure, wait for workers so no pooled buffer is returned while still in use.
            while (_inFlight.Count > 0)
            {
                var (task, input, _, _) = _inFlight.Dequeue();
                try
                {
                    task.GetAwaiter().GetResult().Dispose();
                }
                catch (Exception)
                {
                    // The failure that got us here is already being reported.
                }

                ArrayPool<byte>.Shared.Return(input);
            }

            if (_chunk.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_chunk);
                _chunk = [];
            }

            _sha256.Dispose();
            _finished = true;
        }

        base.Dispose(disposing);
    }
}
