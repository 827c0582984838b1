// count_train_jsonl_samples (rnow/cli/commands.py C:544-564) and the batch-size check that uses it (run: C:2127-2136;
// _submit_single_run: C:1561-1568). rnow reads train.jsonl in text mode (universal newlines: "\n", "\r\n" and a lone "\r"
// all end a line), strips each line with str.strip() and counts every non-empty line json.loads accepts: any JSON value,
// an array or a number included, whether or not the row is valid. It counts the whole file, not the first 50 rows
// validate_train_jsonl samples. `rnow run` refuses the project when the count is below data.batch_size.
using System.Buffers;
using System.Text;
using RlEnv.Core.Scanning;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>
/// Counts train.jsonl samples as rnow does while the bytes stream by to another observer, and stops parsing once the
/// count reaches the batch size: only whether the file holds that many samples matters, and the count itself only
/// when it falls short (so at most batch_size lines, 32, are parsed successfully).
/// </summary>
/// <param name="inner">The observer that validates the rows (the bytes are handed on unchanged).</param>
/// <param name="count">Where the count goes.</param>
/// <param name="maxLineBytes">Longer lines are not held; RlEnv already refuses them.</param>
public sealed class RnSampleCounter(IContentObserver? inner, RnSampleCount count, int maxLineBytes) : IContentObserver
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly ArrayBufferWriter<byte> _line = new();
    private bool _afterCr;
    private bool _tooLong;

    private bool Enough => count.Enough;

    private bool Unreadable => count.Unreadable;

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        inner?.Observe(chunk);
        if (Enough || Unreadable)
        {
            return;
        }

        while (!chunk.IsEmpty)
        {
            if (_afterCr && chunk[0] == (byte)'\n')
            {
                chunk = chunk[1..];
            }

            _afterCr = false;
            var end = chunk.IndexOfAny((byte)'\n', (byte)'\r');
            Append(end < 0 ? chunk : chunk[..end]);
            if (end < 0)
            {
                return;
            }

            _afterCr = chunk[end] == (byte)'\r';
            chunk = chunk[(end + 1)..];
            EndLine();
            if (Enough || Unreadable)
            {
                return;
            }
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        var room = maxLineBytes - _line.WrittenCount;
        if (bytes.Length > room)
        {
            _tooLong = true;
            bytes = bytes[..Math.Max(0, room)];
        }

        _line.Write(bytes);
    }

    public void Complete()
    {
        inner?.Complete();
        if (!Enough && !Unreadable)
        {
            EndLine();
        }

        count.Completed = true;
    }

    public void Dispose()
    {
        inner?.Dispose();
        GC.SuppressFinalize(this);
    }

    private void EndLine()
    {
        var tooLong = _tooLong;
        _tooLong = false;
        if (tooLong || _line.WrittenCount == 0)
        {
            _line.ResetWrittenCount();
            return;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(_line.WrittenSpan);
        }
        catch (DecoderFallbackException)
        {
            count.Unreadable = true;
            return;
        }
        finally
        {
            _line.ResetWrittenCount();
        }

        var stripped = PythonStrings.Strip(text);
        if (stripped.Length > 0 && RnJsonLoader.Accepts(stripped) == true)
        {
            count.Count++;
        }
    }
}

/// <summary>What <see cref="RnSampleCounter"/> found.</summary>
/// <param name="enough">The count at which counting stops (data.batch_size).</param>
public sealed class RnSampleCount(int enough)
{
    public int Count { get; internal set; }

    /// <summary>The file holds bytes that are not UTF-8: rnow's open(encoding="utf-8") raises, and reports that first.</summary>
    public bool Unreadable { get; internal set; }

    /// <summary>Whether the whole file was seen.</summary>
    public bool Completed { get; internal set; }

    public bool Enough => Count >= enough;
}
