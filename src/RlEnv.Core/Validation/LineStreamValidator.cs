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
/// <remarks>
/// Blocks are 1 MiB pooled arrays, reused block after block: fresh memory costs a page fault per 4 KiB, which
/// costs more here than reading the bytes. Only a line longer than a block makes its block grow.
/// </remarks>
public abstract class LineStreamValidator : IContentObserver
{
    private const int BlockSize = 1024 * 1024;
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    // Each block's merge, chained in file order: the digests and diagnostics are merged on a worker, not on the reading thread.
    private readonly Queue<Task> _merges = new();
    private Task _lastMerge = Task.CompletedTask;
    private readonly int _maxInFlight = 2 * Environment.ProcessorCount;
    private byte[] _block = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _length;
    private long _nextLine = 1;
    private bool _atStart = true;
    private bool _skipping;
    private bool _sized;

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

        while (_merges.Count > 0)
        {
            _merges.Dequeue().GetAwaiter().GetResult();
        }
    }

    public void Dispose()
    {
        // After a failure elsewhere: let workers finish with their pooled buffers before returning ours. The last merge
        // runs after every block and every earlier merge, whatever failed.
        _lastMerge.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Wait();
        _merges.Clear();
        if (_block.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_block);
            _block = [];
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The block is full: hands its whole lines to a worker; a block without a newline holds the start of one long line,
    /// so it grows, up to the line cap, past which the line is reported (in file order) and skipped.
    /// </summary>
    private void CutBlock()
    {
        var lastNewline = _block.AsSpan(0, _length).LastIndexOf((byte)'\n');
        if (lastNewline >= 0)
        {
            Dispatch(lastNewline + 1);
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
            var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Min((long)_block.Length * 2, Options.MaxLineBytes + 1)));
            _block.AsSpan(0, _length).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_block);
            _block = grown;
        }
    }

    private Diagnostic LineTooLong(long line) => DiagnosticCatalog.LineOverCap(File, Options.MaxLineBytes, (int)Math.Min(line, int.MaxValue));

    /// <summary>Hands the first <paramref name="count"/> bytes (whole lines) to a worker and keeps the rest.</summary>
    private void Dispatch(int count)
    {
        var buffer = _block;
        var firstLine = _nextLine;
        _nextLine += buffer.AsSpan(0, count).Count((byte)'\n');
        var rest = _length - count;
        _block = ArrayPool<byte>.Shared.Rent(rest <= BlockSize / 2 ? BlockSize : rest + BlockSize);
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
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }));
    }

    private void Enqueue(Task<BlockResult> block)
    {
        var previous = _lastMerge;
        _lastMerge = Task.Factory.ContinueWhenAll([previous, block], _ => Merge(previous, block), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        _merges.Enqueue(_lastMerge);
        while (_merges.Count > _maxInFlight)
        {
            _merges.Dequeue().GetAwaiter().GetResult();
        }
    }

    private BlockResult ValidateBlock(byte[] buffer, int count, long firstLine)
    {
        var result = new BlockResult(Options.MaxDiagnosticsPerFileAndCode);
        var span = buffer.AsSpan(0, count);
        var line = firstLine;

        // '\n' never occurs inside a multi-byte sequence, so the lines of a valid block are valid: one check for all.
        var valid = System.Text.Unicode.Utf8.IsValid(span);
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

    /// <summary>Merges one block once every earlier block is merged; a failure anywhere before stops the chain.</summary>
    private void Merge(Task previous, Task<BlockResult> block)
    {
        BlockResult? result = null;
        try
        {
            result = block.GetAwaiter().GetResult();
            previous.GetAwaiter().GetResult();
            if (!_sized && result.Bytes > 0)
            {
                // The first block tells how dense the rows are: size the digest table for the whole file once, rather than
                // growing it (each growth touches fresh memory).
                _sized = true;
                Split.Inputs.Reserve(result.InputCount * Split.ExpectedBytes / result.Bytes);
            }

            result.MergeInto(Split, Diagnostics);
        }
        finally
        {
            result?.Dispose();
        }
    }
}
