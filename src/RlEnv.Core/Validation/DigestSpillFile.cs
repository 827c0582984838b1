using System.Buffers.Binary;
using System.IO.Abstractions;

namespace RlEnv.Core.Validation;

/// <summary>
/// One split's digests that did not fit the memory budget: a temp file of runs, each sorted by hash with every hash
/// once, merged back as one sorted stream. It lives under the system temp folder and nowhere else: on Unix its name is
/// unlinked as soon as it is open (so even a killed process leaves nothing), and it is opened delete-on-close for
/// Windows. It holds at most one 16-byte hash and four varints (at most 56 bytes, about 24 for typical
/// figures) per row of the split, plus one more copy of that only when more than <see cref="MaxFanIn"/> runs are
/// merged in passes.
/// </summary>
internal sealed class DigestSpillFile : IDisposable
{
    /// <summary>Runs merged at once; each holds a <see cref="BufferSize"/> read buffer while merging.</summary>
    public const int MaxFanIn = 64;

    private const int BufferSize = 64 * 1024;
    private const int MaxRecordBytes = 16 + (4 * 10);

    private readonly Stream _stream;
    private readonly List<(long Offset, long Length)> _runs = [];
    private long _length;

    private DigestSpillFile(Stream stream) => _stream = stream;

    /// <summary>How many runs were written (before any merge pass).</summary>
    public int RunsWritten { get; private set; }

    public static DigestSpillFile Create(IFileSystem fileSystem)
    {
        var path = fileSystem.Path.Combine(fileSystem.Path.GetTempPath(), $"rlenv-digests-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        var stream = fileSystem.FileStream.New(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        if (fileSystem is FileSystem && !OperatingSystem.IsWindows())
        {
            try
            {
                fileSystem.File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Delete-on-close still removes it when the stream is disposed.
            }
        }

        return new DigestSpillFile(stream) { Path = path };
    }

    /// <summary>Appends a run of digests sorted by hash, each hash once.</summary>
    public void WriteRun(ReadOnlySpan<InputDigest> sorted)
    {
        using var writer = new RunWriter(this, (int)Math.Min(BufferSize, (long)sorted.Length * MaxRecordBytes));
        foreach (ref readonly var digest in sorted)
        {
            writer.Add(digest);
        }
    }

    /// <summary>Every digest of every run, merged by hash in the order the runs were written.</summary>
    public IEnumerable<InputDigest> Merged()
    {
        // Past the fan-in, the oldest runs are merged into one first, so the read buffers stay bounded.
        while (_runs.Count > MaxFanIn)
        {
            var writer = new RunWriter(this, BufferSize, register: false);
            foreach (var digest in Merge(_runs.GetRange(0, MaxFanIn)))
            {
                writer.Add(digest);
            }

            writer.Dispose();
            _runs.RemoveRange(0, MaxFanIn);
            _runs.Insert(0, writer.Run);
        }

        return Merge([.. _runs]);
    }

    /// <summary>The file's name (already unlinked on Unix); for tests.</summary>
    internal string Path { get; private init; } = string.Empty;

    /// <summary>The bytes written so far.</summary>
    internal long Length => _length;

    public void Dispose() => _stream.Dispose();

    private IEnumerable<InputDigest> Merge(List<(long Offset, long Length)> runs)
    {
        var queue = new PriorityQueue<RunCursor, (UInt128 Hash, int Run)>(runs.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            var cursor = new RunCursor(_stream, runs[i].Offset, runs[i].Length, i);
            if (cursor.MoveNext())
            {
                queue.Enqueue(cursor, (cursor.Current.Hash, i));
            }
        }

        while (queue.TryDequeue(out var cursor, out _))
        {
            var merged = cursor.Current;
            Advance(queue, cursor);
            while (queue.TryPeek(out var next, out var key) && key.Hash == merged.Hash)
            {
                queue.Dequeue();
                merged.Merge(next.Current);
                Advance(queue, next);
            }

            yield return merged;
        }
    }

    private static void Advance(PriorityQueue<RunCursor, (UInt128 Hash, int Run)> queue, RunCursor cursor)
    {
        if (cursor.MoveNext())
        {
            queue.Enqueue(cursor, (cursor.Current.Hash, cursor.Index));
        }
    }

    private static int WriteVarint(Span<byte> buffer, long value)
    {
        var v = (ulong)value;
        var n = 0;
        while (v >= 0x80)
        {
            buffer[n++] = (byte)(v | 0x80);
            v >>= 7;
        }

        buffer[n++] = (byte)v;
        return n;
    }

    private static long ReadVarint(ReadOnlySpan<byte> buffer, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = buffer[offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)value;
            }
        }
    }

    /// <summary>Appends records at the end of the file through one buffer.</summary>
    private sealed class RunWriter(DigestSpillFile file, int bufferSize, bool register = true) : IDisposable
    {
        private readonly byte[] _buffer = new byte[Math.Max(bufferSize, MaxRecordBytes)];
        private readonly long _start = file._length;
        private int _used;

        public (long Offset, long Length) Run => (_start, file._length - _start);

        public void Add(in InputDigest digest)
        {
            if (_used + MaxRecordBytes > _buffer.Length)
            {
                Flush();
            }

            var span = _buffer.AsSpan(_used);
            BinaryPrimitives.WriteUInt128LittleEndian(span, digest.Hash);
            var n = 16;
            n += WriteVarint(span[n..], digest.First);
            n += WriteVarint(span[n..], digest.Second);
            n += WriteVarint(span[n..], digest.Count);
            n += WriteVarint(span[n..], digest.Ordinal);
            _used += n;
        }

        public void Dispose()
        {
            Flush();
            if (register)
            {
                file._runs.Add(Run);
                file.RunsWritten++;
            }
        }

        private void Flush()
        {
            if (_used == 0)
            {
                return;
            }

            file._stream.Seek(file._length, SeekOrigin.Begin);
            file._stream.Write(_buffer, 0, _used);
            file._length += _used;
            _used = 0;
        }
    }

    /// <summary>Reads one run's records in order through its own buffer; runs share the stream, so each read seeks.</summary>
    private sealed class RunCursor(Stream stream, long offset, long length, int index)
    {
        private readonly byte[] _buffer = new byte[Math.Clamp(length, MaxRecordBytes, BufferSize)];
        private long _next = offset;
        private long _remaining = length;
        private int _position;
        private int _filled;

        public int Index => index;

        public InputDigest Current;

        public bool MoveNext()
        {
            if (_filled - _position < MaxRecordBytes && _remaining > 0)
            {
                Refill();
            }

            if (_position == _filled)
            {
                return false;
            }

            var span = _buffer.AsSpan(0, _filled);
            Current.Hash = BinaryPrimitives.ReadUInt128LittleEndian(span[_position..]);
            _position += 16;
            Current.First = ReadVarint(span, ref _position);
            Current.Second = ReadVarint(span, ref _position);
            Current.Count = ReadVarint(span, ref _position);
            Current.Ordinal = ReadVarint(span, ref _position);
            return true;
        }

        private void Refill()
        {
            var kept = _filled - _position;
            _buffer.AsSpan(_position, kept).CopyTo(_buffer);
            var want = (int)Math.Min(_buffer.Length - kept, _remaining);
            stream.Seek(_next, SeekOrigin.Begin);
            stream.ReadExactly(_buffer, kept, want);
            _next += want;
            _remaining -= want;
            _position = 0;
            _filled = kept + want;
        }
    }
}
