using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.Freesolo;

namespace RlEnv.Core.Scanning;

/// <summary>
/// Finds the access tokens the hub refuses (<see cref="FreesoloAccessTokens"/>) in a byte stream of any size and
/// any content, binary included, reporting only a redacted form at the token's line and column.
/// </summary>
/// <remarks>
/// A token is always a whole run of url-safe bytes, so the stream is cut into runs and each run is judged once.
/// Within a chunk only runs that hold a '_' where a prefix ends are looked at (a vectorized search), and the one
/// run that reaches the end of a chunk is carried into the next: at most <see cref="FreesoloAccessTokens.MaxTokenBytes"/>
/// bytes of it are kept, since a longer run is never a token. The result is exactly Flash's whole-file regex,
/// wherever the chunks are cut, in constant memory.
/// </remarks>
public sealed class AccessTokenScanner(string file, DiagnosticBag diagnostics) : IContentObserver
{
    public const int MaxReportsPerFile = 10;

    // The head of the url-safe run that reached the end of the previous chunk, and its full length so far.
    private readonly byte[] _carry = new byte[FreesoloAccessTokens.MaxTokenBytes];
    private long _carryLength;
    private bool _runOpen;
    private long _carryLine;
    private long _carryColumn;

    private long _line = 1;
    private long _column0; // bytes since the last newline, before the current chunk

    private int _found;

    public int Found => _found;

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        var from = 0;
        if (_runOpen)
        {
            var end = chunk.IndexOfAnyExcept(FreesoloAccessTokens.UrlSafe);
            var run = end < 0 ? chunk : chunk[..end];
            Carry(run);
            if (end < 0)
            {
                Advance([], chunk.Length, 0);
                return;
            }

            JudgeCarried();
            from = end;
        }

        // The run that touches the chunk's end cannot be judged before the next chunk says where it stops.
        var trailing = chunk.LastIndexOfAnyExcept(FreesoloAccessTokens.UrlSafe) + 1;
        // Newlines are never url-safe: all of the chunk's lie between its leading and trailing runs, counted by the scan.
        var newlines = trailing > from ? ScanCompleteRuns(chunk, from, trailing) : 0;
        Advance(chunk[..Math.Max(trailing, from)], chunk.Length, newlines);
        if (trailing < chunk.Length && trailing >= from)
        {
            _runOpen = true;
            _carryLength = 0;
            _carryLine = _line;
            _carryColumn = _column0 - (chunk.Length - trailing) + 1;
            Carry(chunk[trailing..]);
        }
    }

    public void Complete()
    {
        if (_runOpen)
        {
            JudgeCarried();
        }

        if (_found > MaxReportsPerFile)
        {
            diagnostics.Add(DiagnosticCatalog.AccessTokensPastReportCap(file, _found, MaxReportsPerFile));
        }
    }

    public void Dispose()
    {
    }

    /// <summary>
    /// Judges every url-safe run in [<paramref name="from"/>, <paramref name="to"/>): each has a non-url-safe byte (or the
    /// stream's start) before it and a non-url-safe byte inside the range after it, since chunk[to - 1] is not url-safe.
    /// Returns how many newlines the range holds, counted by the same search (a skipped run holds none).
    /// </summary>
    private long ScanCompleteRuns(ReadOnlySpan<byte> chunk, int from, int to)
    {
        long newlines = 0;
        var position = from;
        while (position < to)
        {
            var next = UnderscoreSearch.IndexOf(chunk[position..to], ref newlines);
            if (next < 0)
            {
                return newlines;
            }

            var underscore = position + next;
            position = underscore + 1;
            foreach (var rule in FreesoloAccessTokens.Rules)
            {
                var start = underscore - (rule.PrefixBytes.Length - 1);
                if (start < from || (start > 0 && FreesoloAccessTokens.IsUrlSafe(chunk[start - 1]))
                    || !chunk[start..underscore].SequenceEqual(rule.PrefixBytes.AsSpan(0, rule.PrefixBytes.Length - 1)))
                {
                    continue;
                }

                // The run starts with this prefix; wherever it ends, it is judged once and skipped whole.
                var length = chunk[start..to].IndexOfAnyExcept(FreesoloAccessTokens.UrlSafe);
                if (length <= FreesoloAccessTokens.MaxTokenBytes && FreesoloAccessTokens.Judge(chunk.Slice(start, length)) is { } found)
                {
                    Report(found, chunk, start);
                }

                position = start + length;
                break;
            }
        }

        return newlines;
    }

    private void Carry(ReadOnlySpan<byte> run)
    {
        var room = (int)Math.Max(0, Math.Min(run.Length, _carry.Length - _carryLength));
        run[..room].CopyTo(_carry.AsSpan((int)Math.Min(_carryLength, _carry.Length)));
        _carryLength += run.Length;
    }

    private void JudgeCarried()
    {
        _runOpen = false;
        if (_carryLength <= _carry.Length && FreesoloAccessTokens.Judge(_carry.AsSpan(0, (int)_carryLength)) is { } found)
        {
            Report(found, _carryLine, _carryColumn);
        }
    }

    private void Report(TokenRule rule, ReadOnlySpan<byte> chunk, int start)
    {
        if (_found >= MaxReportsPerFile)
        {
            _found++;
            return;
        }

        // Only reported tokens pay for their position.
        var before = chunk[..start];
        var lastNewline = before.LastIndexOf((byte)'\n');
        var line = _line + before.Count((byte)'\n');
        var column = lastNewline >= 0 ? start - lastNewline : _column0 + start + 1;
        Report(rule, line, column);
    }

    private void Report(TokenRule rule, long line, long column)
    {
        _found++;
        if (_found > MaxReportsPerFile)
        {
            return;
        }

        diagnostics.Add(DiagnosticCatalog.AccessTokenInPackedFile(file, rule.Prefix.TrimEnd('_'), rule.TokenLength,
            (int)Math.Min(line, int.MaxValue), (int)Math.Min(column, int.MaxValue)));
    }

    /// <summary>Moves past a chunk of <paramref name="length"/> bytes whose newlines all lie in <paramref name="head"/>.</summary>
    private void Advance(ReadOnlySpan<byte> head, int length, long newlines)
    {
        _line += newlines;
        var last = newlines > 0 ? head.LastIndexOf((byte)'\n') : -1;
        _column0 = last >= 0 ? length - last - 1 : _column0 + length;
    }
}
