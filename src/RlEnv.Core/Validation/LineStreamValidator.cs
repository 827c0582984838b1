using System.Buffers;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Scanning;

namespace RlEnv.Core.Validation;

/// <summary>
/// Validates a line-oriented split as its bytes stream by: cuts the stream into blocks at newlines and
/// validates blocks on all cores, merging their results in file order. A line longer than the cap is
/// reported and skipped without being held, so memory stays bounded by the cap whatever the file size.
/// Lines end at '\n'; a '\r' before it is dropped (CRLF). Lines holding only ASCII whitespace are blank
/// and skipped, as Python's <c>if not line.strip(): continue</c> does.
/// </summary>
public abstract class LineStreamValidator : IContentObserver
{
    private const int BlockSize = 4 * 1024 * 1024;
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly Queue<Task<BlockResult>> _inFlight = new();
    private readonly int _maxInFlight = Environment.ProcessorCount;
    private byte[] _block = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _length;
    private long _nextLine = 1;
    private bool _atStart = true;
    private bool _skipping;

    protected LineStreamValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics)
    {
        File = file;
        Split = split;
        Options = options;
        Diagnostics = diagnostics;
    }

    protected string File { get; }

    protected SplitAccumulator Split { get; }

    protected ValidationOptions Options { get; }

    protected DiagnosticLimiter Diagnostics { get; }

    /// <summary>Validates one non-blank line (without its line ending) into the block's result. Runs on worker threads.</summary>
    protected abstract void ValidateLine(ReadOnlySpan<byte> line, long lineNumber, BlockResult result);

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        Split.AddBytes(chunk.Length);
        if (_atStart && _length + chunk.Length >= Bom.Length)
        {
            _atStart = false;
            var head = _length > 0 ? [.. _block.AsSpan(0, _length), .. chunk[..Math.Min(3, chunk.Length)]] : chunk;
            if (head.StartsWith(Bom))
            {
                Diagnostics.Add(DiagnosticCatalog.LineFileStartsWithBom(File));
                var skip = Bom.Length - _length;
                _length = 0;
                chunk = chunk[skip..];
            }
        }

        while (!chunk.IsEmpty)
        {
            if (_skipping)
            {
                var newline = chunk.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    return;
                }

                _skipping = false;
                _nextLine++;
                chunk = chunk[(newline + 1)..];
                continue;
            }

            var take = Math.Min(chunk.Length, BlockSize);
            Append(chunk[..take]);
            chunk = chunk[take..];
            if (_length >= BlockSize)
            {
                CutBlock();
            }
        }
    }

    public void Complete()
    {
        if (_atStart && _length > 0 && _block.AsSpan(0, _length).SequenceEqual(Bom.AsSpan(0, _length)) && _length == Bom.Length)
        {
            _length = 0;
        }

        if (!_skipping && _length > 0)
        {
            Dispatch(_length);
        }

        while (_inFlight.Count > 0)
        {
            MergeOldest();
        }
    }

    public void Dispose()
    {
        // After a failure elsewhere: let workers finish with their pooled buffers before returning ours.
        foreach (var task in _inFlight)
        {
            task.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion).ContinueWith(_ => { }, TaskScheduler.Default).Wait();
        }

        _inFlight.Clear();
        if (_block.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_block);
            _block = [];
        }

        GC.SuppressFinalize(this);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _block.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_block.Length * 2, _length + bytes.Length));
            _block.AsSpan(0, _length).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_block);
            _block = grown;
        }

        bytes.CopyTo(_block.AsSpan(_length));
        _length += bytes.Length;
    }

    private void CutBlock()
    {
        var lastNewline = _block.AsSpan(0, _length).LastIndexOf((byte)'\n');
        if (lastNewline >= 0)
        {
            Dispatch(lastNewline + 1);
        }

        if (_length > Options.MaxLineBytes)
        {
            Diagnostics.Add(LineTooLong(_nextLine));
            _length = 0;
            _skipping = true;
        }
    }

    private Diagnostic LineTooLong(long line) => DiagnosticCatalog.LineOverCap(File, Options.MaxLineBytes, (int)Math.Min(line, int.MaxValue));

    /// <summary>Hands the first <paramref name="count"/> bytes (whole lines) to a worker and keeps the rest.</summary>
    private void Dispatch(int count)
    {
        var buffer = _block;
        var firstLine = _nextLine;
        _nextLine += buffer.AsSpan(0, count).Count((byte)'\n');
        _block = ArrayPool<byte>.Shared.Rent(Math.Max(BlockSize, _length - count + BlockSize));
        buffer.AsSpan(count, _length - count).CopyTo(_block);
        _length -= count;
        _inFlight.Enqueue(Task.Run(() =>
        {
            try
            {
                return ValidateBlock(buffer, count, firstLine);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }));
        while (_inFlight.Count > _maxInFlight)
        {
            MergeOldest();
        }
    }

    private BlockResult ValidateBlock(byte[] buffer, int count, long firstLine)
    {
        var result = new BlockResult(Options.MaxDiagnosticsPerFileAndCode);
        var span = buffer.AsSpan(0, count);
        var line = firstLine;
        while (!span.IsEmpty)
        {
            var newline = span.IndexOf((byte)'\n');
            var content = newline < 0 ? span : span[..newline];
            span = newline < 0 ? [] : span[(newline + 1)..];
            if (!content.IsEmpty && content[^1] == (byte)'\r')
            {
                content = content[..^1];
            }

            if (content.Length > Options.MaxLineBytes)
            {
                result.Diagnostics.Add(LineTooLong(line));
            }
            else if (!Utf8Check.IsBlank(content))
            {
                var invalid = Utf8Check.FirstInvalid(content);
                if (invalid >= 0)
                {
                    result.Diagnostics.Add(DiagnosticCatalog.LineInvalidUtf8Byte(File, content[invalid], (int)Math.Min(line, int.MaxValue), invalid + 1));
                }
                else
                {
                    ValidateLine(content, line, result);
                }
            }

            line++;
        }

        return result;
    }

    private void MergeOldest()
    {
        using var result = _inFlight.Dequeue().GetAwaiter().GetResult();
        result.MergeInto(Split, Diagnostics);
    }
}
