using RlEnv.Core.Diagnostics;
using RlEnv.Core.Scanning;

namespace RlEnv.Core.Validation;

/// <summary>
/// Validates a line-oriented split as its bytes stream by: cuts the stream into blocks at newlines and
/// validates blocks on all cores, merging their results in file order. A line longer than the cap is
/// reported and skipped without being held, so memory stays bounded by the cap whatever the file size.
/// Lines end at '\n'; a '\r' before it is dropped (CRLF). A reader of Python's text mode (universal newlines) also ends a
/// line at a lone '\r': <see cref="LoneCarriageReturnEndsLine"/> says so. Lines holding only ASCII whitespace are blank
/// and skipped, as Python's <c>if not line.strip(): continue</c> does.
/// </summary>
/// <remarks>
/// Blocks are 1 MiB pooled arrays, reused block after block: fresh memory costs a page fault per 4 KiB, which
/// costs more here than reading the bytes. Only a line longer than a block makes its block grow. Blocks are merged
/// in file order by a chain of tasks on the workers, so the reading thread only reads, scans and cuts.
/// </remarks>
public abstract class LineStreamValidator : IContentBuffer
{
    private const int BlockSize = LineBlockPool.BlockSize;
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    // Each block's merge, chained in file order: the digests and diagnostics are merged on a worker, not on the reading
    // thread. A split that names a shared lane (Freesolo's split files) leaves waiting for it to the lane's owner.
    private readonly MergeLane _lane;
    private readonly bool _ownsLane;
    private byte[] _block = LineBlockPool.Rent(BlockSize);
    private int _length;
    private long _nextLine = 1;
    private bool _atStart = true;
    private bool _skipping;
    private bool _skippedCr;
    private bool _sized;
    private int _inputsPerBlock;

    protected LineStreamValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics)
    {
        File = file;
        Split = split;
        _ownsLane = split.Lane is null;
        _lane = split.Lane ?? new MergeLane();
        Options = options;
        Diagnostics = diagnostics;
    }

    protected string File { get; }

    protected SplitAccumulator Split { get; }

    protected ValidationOptions Options { get; }

    protected DiagnosticLimiter Diagnostics { get; }

    /// <summary>Whether a '\r' not followed by '\n' ends a line too (Python's universal newlines), rather than belonging to it.</summary>
    protected virtual bool LoneCarriageReturnEndsLine => false;

    /// <summary>Called for each line a lone '\r' ends (only when <see cref="LoneCarriageReturnEndsLine"/>). Runs on worker threads.</summary>
    /// <param name="lineNumber">The line it ends.</param>
    /// <param name="column">The '\r''s 1-based byte column.</param>
    /// <param name="result">The block's result.</param>
    protected virtual void OnLoneCarriageReturn(long lineNumber, int column, BlockResult result)
    {
    }

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
            if (_skippedCr)
            {
                // The skipped line ended with '\r' at the end of the last chunk: a '\n' here is its CRLF's second half.
                _skippedCr = false;
                if (chunk[0] == (byte)'\n')
                {
                    chunk = chunk[1..];
                    continue;
                }
            }

            if (_skipping)
            {
                var newline = LoneCarriageReturnEndsLine ? chunk.IndexOfAny((byte)'\n', (byte)'\r') : chunk.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    return;
                }

                _skipping = false;
                _nextLine++;
                var next = newline + 1;
                if (chunk[newline] == (byte)'\r')
                {
                    if (next < chunk.Length)
                    {
                        next += chunk[next] == (byte)'\n' ? 1 : 0;
                    }
                    else
                    {
                        _skippedCr = true;
                    }
                }

                chunk = chunk[next..];
                continue;
            }

            var take = Math.Min(chunk.Length, _block.Length - _length);
            chunk[..take].CopyTo(_block.AsSpan(_length));
            _length += take;
            chunk = chunk[take..];
            if (_length == _block.Length)
            {
                CutBlock();
            }
        }
    }

    public Memory<byte> ReadTarget => _block.AsMemory(_length);

    public void Commit(int count)
    {
        if (_skipping || _skippedCr)
        {
            // A line being skipped is rare: handled as Observe handles it, from a copy, because Observe writes where the
            // bytes were read to.
            var copy = System.Buffers.ArrayPool<byte>.Shared.Rent(count);
            try
            {
                _block.AsSpan(_length, count).CopyTo(copy);
                Observe(copy.AsSpan(0, count));
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(copy);
            }

            return;
        }

        Split.AddBytes(count);
        _length += count;
        if (_atStart && _length >= Bom.Length)
        {
            // A file's first bytes: the BOM is looked for where they were read, and dropped by moving the rest down.
            _atStart = false;
            if (_block.AsSpan(0, _length).StartsWith(Bom))
            {
                Diagnostics.Add(DiagnosticCatalog.LineFileStartsWithBom(File));
                _block.AsSpan(Bom.Length, _length - Bom.Length).CopyTo(_block);
                _length -= Bom.Length;
            }
        }

        if (_length == _block.Length)
        {
            CutBlock();
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

        if (_ownsLane)
        {
            _lane.Drain();
        }
    }

    public void Dispose()
    {
        // After a failure elsewhere: let the merges finish with the split before its owner disposes it. The block being
        // filled is never handed to a worker (each dispatched block is returned by its own task), so it goes back at once.
        if (_ownsLane)
        {
            _lane.Settle();
        }

        if (_block.Length > 0)
        {
            LineBlockPool.Return(_block);
            _block = [];
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The block is full: hands its whole lines to a worker; a block without a line end holds the start of one long line,
    /// so it grows, up to the line cap, past which the line is reported (in file order) and skipped.
    /// </summary>
    private void CutBlock()
    {
        var cut = _block.AsSpan(0, _length).LastIndexOf((byte)'\n') + 1;
        if (LoneCarriageReturnEndsLine)
        {
            // The last byte is left out of the search: a '\r' there may be the first half of a CRLF the next chunk ends.
            var last = _block.AsSpan(0, _length - 1).LastIndexOfAny((byte)'\n', (byte)'\r');
            cut = last < 0 ? 0 : last + 1 + (_block[last] == (byte)'\r' && _block[last + 1] == (byte)'\n' ? 1 : 0);
        }

        if (cut > 0)
        {
            Dispatch(cut);
        }
        else if (_length > Options.MaxLineBytes)
        {
            var report = new BlockResult(Options.MaxDiagnosticsPerFileAndCode);
            report.Diagnostics.Add(LineTooLong(_nextLine));
            Enqueue(Task.FromResult(report));
            _length = 0;
            _skipping = true;
        }
        else
        {
            var grown = LineBlockPool.Rent((int)Math.Min(Array.MaxLength, Math.Min((long)_block.Length * 2, Options.MaxLineBytes + 1)));
            _block.AsSpan(0, _length).CopyTo(grown);
            LineBlockPool.Return(_block);
            _block = grown;
        }
    }

    private Diagnostic LineTooLong(long line) => DiagnosticCatalog.LineOverCap(File, Options.MaxLineBytes, (int)Math.Min(line, int.MaxValue));

    /// <summary>Hands the first <paramref name="count"/> bytes (whole lines) to a worker and keeps the rest.</summary>
    private void Dispatch(int count)
    {
        var buffer = _block;
        var firstLine = _nextLine;
        _nextLine += LineEnds(buffer.AsSpan(0, count));
        var rest = _length - count;
        _block = LineBlockPool.Rent(rest <= BlockSize / 2 ? BlockSize : rest + BlockSize);
        buffer.AsSpan(count, rest).CopyTo(_block);
        _length = rest;
        Enqueue(Task.Run(() =>
        {
            try
            {
                var result = ValidateBlock(buffer, count, firstLine);
                result.Bytes = count;
                return result;
            }
            finally
            {
                LineBlockPool.Return(buffer);
            }
        }));
    }

    private void Enqueue(Task<BlockResult> block) => _lane.Add(block, Merge);

    private BlockResult ValidateBlock(byte[] buffer, int count, long firstLine)
    {
        var result = new BlockResult(Options.MaxDiagnosticsPerFileAndCode, Volatile.Read(ref _inputsPerBlock));
        var span = buffer.AsSpan(0, count);
        var line = firstLine;

        // A line end is ASCII, never inside a multi-byte sequence, so the lines of a valid block are valid: one check for all.
        var valid = System.Text.Unicode.Utf8.IsValid(span);
        while (!span.IsEmpty)
        {
            var (end, next, loneCr) = LineEnd(span);
            var content = end < 0 ? span : span[..end];
            span = end < 0 ? [] : span[next..];
            if (!content.IsEmpty && content[^1] == (byte)'\r')
            {
                content = content[..^1];
            }

            if (loneCr)
            {
                OnLoneCarriageReturn(line, content.Length + 1, result);
            }

            if (content.Length > Options.MaxLineBytes)
            {
                result.Diagnostics.Add(LineTooLong(line));
            }
            else if (!Utf8Check.IsBlank(content))
            {
                var invalid = valid ? -1 : Utf8Check.FirstInvalid(content);
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

    /// <summary>Where the first line of <paramref name="span"/> ends, where the next begins, and whether a lone '\r' ended it.</summary>
    private (int End, int Next, bool LoneCr) LineEnd(ReadOnlySpan<byte> span)
    {
        if (!LoneCarriageReturnEndsLine)
        {
            var newline = span.IndexOf((byte)'\n');
            return (newline, newline + 1, false);
        }

        var end = span.IndexOfAny((byte)'\n', (byte)'\r');
        if (end < 0 || span[end] == (byte)'\n')
        {
            return (end, end + 1, false);
        }

        return end + 1 < span.Length && span[end + 1] == (byte)'\n' ? (end, end + 2, false) : (end, end + 1, true);
    }

    /// <summary>How many lines end inside <paramref name="span"/> (a dispatched range never splits a CRLF).</summary>
    private long LineEnds(ReadOnlySpan<byte> span)
    {
        if (!LoneCarriageReturnEndsLine)
        {
            return span.Count((byte)'\n');
        }

        long count = 0;
        while (!span.IsEmpty)
        {
            var (end, next, _) = LineEnd(span);
            if (end < 0)
            {
                break;
            }

            count++;
            span = span[next..];
        }

        return count;
    }

    /// <summary>Merges one block once every earlier block is merged; a failure anywhere before stops the chain.</summary>
    private void Merge(Task previous, Task<BlockResult> block)
    {
        BlockResult? result = null;
        try
        {
            result = block.GetAwaiter().GetResult();
            previous.GetAwaiter().GetResult();
            if (!_sized && result.Bytes > 0 && Split.ExpectedBytes > 0)
            {
                // The first block tells how dense the rows are: size the digest table for the whole file once, rather than
                // growing it (each growth touches fresh memory).
                _sized = true;
                Split.Inputs.Reserve(result.InputCount * Split.ExpectedBytes / result.Bytes);
            }

            Volatile.Write(ref _inputsPerBlock, result.InputCount);
            result.MergeInto(Split, Diagnostics);
        }
        finally
        {
            result?.Dispose();
        }
    }
}
