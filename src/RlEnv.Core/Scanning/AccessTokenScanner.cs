using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Scanning;

/// <summary>
/// Finds the access tokens the hub refuses (<c>fslo_</c>, <c>hf_</c>, <c>pit_</c> followed by a long
/// alphanumeric body) in a byte stream of any size, across chunk boundaries, reporting only a redacted form.
/// A prefix must start a word, so identifiers such as <c>my_hf_name</c> never match.
/// </summary>
public sealed class AccessTokenScanner(string file, DiagnosticBag diagnostics) : IContentObserver
{
    public const int MinimumBodyLength = 30;
    public const int MaxReportsPerFile = 10;

    private static readonly byte[][] Prefixes = ["fslo"u8.ToArray(), "hf"u8.ToArray(), "pit"u8.ToArray()];

    // The last bytes of the previous chunk, so a prefix split across chunks is still seen.
    private readonly byte[] _tail = new byte[6];
    private int _tailLength;

    private long _line = 1;
    private long _column0; // bytes since the last newline, before the current chunk

    private bool _pending;
    private string _pendingPrefix = string.Empty;
    private int _pendingBody;
    private long _pendingLine;
    private long _pendingColumn;

    private int _found;

    public int Found => _found;

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        var i = 0;
        if (_pending)
        {
            while (i < chunk.Length && IsBody(chunk[i]))
            {
                i++;
            }

            _pendingBody += i;
            if (i == chunk.Length)
            {
                Advance(chunk);
                return;
            }

            FinishPending(chunk[i]);
        }

        var lineAtScan = _line;
        var lastNewline = -1;
        var counted = 0;
        while (i < chunk.Length)
        {
            var relative = chunk[i..].IndexOf((byte)'_');
            if (relative < 0)
            {
                break;
            }

            var underscore = i + relative;
            var prefix = MatchPrefix(chunk, underscore);
            if (prefix is null)
            {
                i = underscore + 1;
                continue;
            }

            var bodyStart = underscore + 1;
            var j = bodyStart;
            while (j < chunk.Length && IsBody(chunk[j]))
            {
                j++;
            }

            // Line and column of the prefix's first byte.
            var newlines = chunk[counted..underscore];
            lineAtScan += newlines.Count((byte)'\n');
            var lastInRange = newlines.LastIndexOf((byte)'\n');
            if (lastInRange >= 0)
            {
                lastNewline = counted + lastInRange;
            }

            counted = underscore;
            var prefixStart = underscore - prefix.Length;
            var column = lastNewline >= 0 ? prefixStart - lastNewline : _column0 + prefixStart + 1;

            if (j == chunk.Length)
            {
                _pending = true;
                _pendingPrefix = prefix;
                _pendingBody = j - bodyStart;
                _pendingLine = lineAtScan;
                _pendingColumn = Math.Max(1, column);
                break;
            }

            if (j - bodyStart >= MinimumBodyLength && chunk[j] != (byte)'_')
            {
                Report(prefix, j - bodyStart, lineAtScan, Math.Max(1, column));
            }

            i = j;
        }

        Advance(chunk);
    }

    public void Complete()
    {
        if (_pending)
        {
            FinishPending(null);
        }

        if (_found > MaxReportsPerFile)
        {
            diagnostics.Add(DiagnosticCatalog.AccessTokensPastReportCap(file, _found, MaxReportsPerFile));
        }
    }

    public void Dispose()
    {
    }

    private void FinishPending(byte? next)
    {
        _pending = false;
        if (_pendingBody >= MinimumBodyLength && next != (byte)'_')
        {
            Report(_pendingPrefix, _pendingBody, _pendingLine, _pendingColumn);
        }
    }

    private void Report(string prefix, int bodyLength, long line, long column)
    {
        _found++;
        if (_found > MaxReportsPerFile)
        {
            return;
        }

        diagnostics.Add(DiagnosticCatalog.AccessTokenInPackedFile(file, prefix, prefix.Length + 1 + bodyLength,
            (int)Math.Min(line, int.MaxValue), (int)Math.Min(column, int.MaxValue)));
    }

    /// <summary>The prefix that ends just before the underscore, if it starts a word.</summary>
    private string? MatchPrefix(ReadOnlySpan<byte> chunk, int underscore)
    {
        foreach (var prefix in Prefixes)
        {
            var start = underscore - prefix.Length;
            var matches = true;
            for (var k = 0; k < prefix.Length && matches; k++)
            {
                matches = ByteAt(chunk, start + k) == prefix[k];
            }

            if (matches)
            {
                var before = ByteAt(chunk, start - 1);
                if (before is null || !IsWord(before.Value))
                {
                    return System.Text.Encoding.ASCII.GetString(prefix);
                }
            }
        }

        return null;
    }

    private byte? ByteAt(ReadOnlySpan<byte> chunk, int index)
    {
        if (index >= 0)
        {
            return chunk[index];
        }

        var tailIndex = _tailLength + index;
        return tailIndex >= 0 ? _tail[tailIndex] : null;
    }

    private void Advance(ReadOnlySpan<byte> chunk)
    {
        _line += chunk.Count((byte)'\n');
        var last = chunk.LastIndexOf((byte)'\n');
        _column0 = last >= 0 ? chunk.Length - last - 1 : _column0 + chunk.Length;

        if (chunk.Length >= _tail.Length)
        {
            chunk[^_tail.Length..].CopyTo(_tail);
            _tailLength = _tail.Length;
        }
        else
        {
            var keep = Math.Min(_tailLength, _tail.Length - chunk.Length);
            Array.Copy(_tail, _tailLength - keep, _tail, 0, keep);
            chunk.CopyTo(_tail.AsSpan(keep));
            _tailLength = keep + chunk.Length;
        }
    }

    private static bool IsBody(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 25;

    private static bool IsWord(byte b) => IsBody(b) || b == '_';
}
