using System.Collections.Concurrent;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Scanning;

namespace RlEnv.Core.Validation;

/// <summary>
/// For formats read through a library that wants a Stream (CSV, BSON): the bytes observed are
/// handed over a bounded queue to a reader thread, so the file is still read once and memory stays
/// bounded (a few chunks) however large it is.
/// </summary>
public abstract class PipedValidator : IContentObserver
{
    private readonly BlockingCollection<byte[]> _queue = new(boundedCapacity: 4);
    private readonly Task _reader;
    private volatile bool _readerStopped;

    protected PipedValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics)
    {
        File = file;
        Split = split;
        Options = options;
        Diagnostics = diagnostics;
        // A thread of its own: it blocks on the queue, and pool threads are busy compressing and validating.
        _reader = Task.Factory.StartNew(() =>
        {
            using var stream = new QueueStream(_queue);
            try
            {
                Read(stream);
            }
            catch (Exception e) when (e is IOException or FormatException or InvalidOperationException or ArgumentException or EndOfStreamException)
            {
                Diagnostics.Add(Unreadable(e.Message, CurrentLine));
            }
            finally
            {
                // From here the bytes are only thrown away: the producer stops copying them.
                _readerStopped = true;

                // Drain, so the producer never blocks on a reader that stopped early.
                while (!_queue.IsCompleted && _queue.TryTake(out _, Timeout.Infinite))
                {
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    protected string File { get; }

    protected SplitAccumulator Split { get; }

    protected ValidationOptions Options { get; }

    protected DiagnosticLimiter Diagnostics { get; }

    /// <summary>The line (or document) being read, for a failure the format's reader did not foresee.</summary>
    protected long CurrentLine { get; set; } = 1;

    /// <summary>The format's report of a failure its reader did not foresee, at <paramref name="line"/>.</summary>
    /// <param name="problem">The exception's own sentence.</param>
    /// <param name="line">The line (or document) being read.</param>
    protected abstract Diagnostic Unreadable(string problem, long line);

    /// <summary>Reads the whole stream on the reader thread.</summary>
    protected abstract void Read(Stream stream);

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        Split.AddBytes(chunk.Length);
        if (!_readerStopped)
        {
            _queue.Add(chunk.ToArray());
        }
    }

    public void Complete()
    {
        _queue.CompleteAdding();
        _reader.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
        }

        _reader.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
        _queue.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class QueueStream(BlockingCollection<byte[]> queue) : Stream
    {
        private byte[] _current = [];
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_offset == _current.Length)
            {
                if (!queue.TryTake(out var next, Timeout.Infinite))
                {
                    return 0;
                }

                _current = next;
                _offset = 0;
            }

            var n = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
