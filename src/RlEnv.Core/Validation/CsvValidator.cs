using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Validation;

/// <summary>A .csv split (<see cref="CsvRecordParser"/>, CsvHelper's reading): a header with input (and optional output, metadata as JSON text), then one record per row.</summary>
public sealed class CsvValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics, bool thinkingRequired)
    : PipedValidator(file, split, options, diagnostics)
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "input", "output", "metadata", "image", "images" };

    // The line the next record starts on: where a record that never ends is reported.
    private long _nextRecordLine = 1;

    protected override Diagnostic Unreadable(string problem, long line) => DiagnosticCatalog.CsvUnreadablePastRow(File, problem, (int)Math.Min(line, int.MaxValue));

    protected override void Read(Stream stream)
    {
        var badRows = new List<string>();
        var bounded = new RecordBoundStream(stream, Options.MaxLineBytes);
        using var text = new StreamReader(bounded, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        var parser = new CsvRecordParser(text, badRows.Add);
        try
        {
            ReadRows(parser, bounded, badRows);
        }
        catch (DecoderFallbackException)
        {
            Diagnostics.Add(DiagnosticCatalog.CsvNotUtf8(File, parser.RawRow));
        }
        catch (RecordTooLongException)
        {
            // The parser holds a record whole until it ends (an unclosed quote never does): stop before it is held.
            Diagnostics.Add(DiagnosticCatalog.CsvRowUnterminated(File, Options.MaxLineBytes, (int)Math.Min(_nextRecordLine, int.MaxValue)));
        }
    }

    /// <summary>
    /// Whether the record just read is over the line cap: its bytes since the previous record
    /// ended (the parser's own byte count, so quoted line breaks count), its line break excluded as in JSONL.
    /// </summary>
    private bool OverCap(CsvRecordParser parser, RecordBoundStream bounded)
    {
        var end = parser.ByteCount;
        var terminator = bounded.ByteAt(end - 1) switch
        {
            (byte)'\n' => bounded.ByteAt(end - 2) == '\r' ? 2 : 1,
            (byte)'\r' => 1,
            _ => 0,
        };
        var over = end - bounded.RecordStart - terminator > Options.MaxLineBytes;
        bounded.RecordStart = end;
        return over;
    }

    private void ReadRows(CsvRecordParser parser, RecordBoundStream bounded, List<string> badRows)
    {
        if (!parser.Read())
        {
            return;
        }

        if (OverCap(parser, bounded))
        {
            Diagnostics.Add(DiagnosticCatalog.CsvHeaderRowOverCap(File, Options.MaxLineBytes));
            return;
        }

        var header = parser.Record ?? [];
        if (header.Length > 0 && header[0].StartsWith('\uFEFF'))
        {
            Diagnostics.Add(DiagnosticCatalog.CsvStartsWithBom(File));
            header[0] = header[0][1..];
        }

        var input = Array.IndexOf(header, "input");
        var output = Array.IndexOf(header, "output");
        var metadata = Array.IndexOf(header, "metadata");
        if (input < 0)
        {
            Diagnostics.Add(DiagnosticCatalog.CsvHeaderWithoutInput(File, header));
            return;
        }

        foreach (var dropped in header.Where(h => !Known.Contains(h)))
        {
            Diagnostics.Add(DiagnosticCatalog.CsvColumnDroppedByFlash(File, dropped));
        }

        // A quoted field may span lines: a row starts on the line after the previous row ended.
        var previousEnd = parser.RawRow;
        _nextRecordLine = previousEnd + 1;
        while (parser.Read())
        {
            var line = previousEnd + 1;
            CurrentLine = line;
            previousEnd = parser.RawRow;
            _nextRecordLine = previousEnd + 1;
            if (OverCap(parser, bounded))
            {
                Diagnostics.Add(DiagnosticCatalog.CsvRowOverCap(File, Options.MaxLineBytes, line));
                continue;
            }

            // Fields are unquoted lazily: a badly quoted one is reported while the record is read here.
            var record = parser.Record ?? [];
            foreach (var field in badRows)
            {
                Diagnostics.Add(DiagnosticCatalog.CsvFieldBadlyQuoted(File, field, line));
            }

            badRows.Clear();
            if (record.Length != header.Length)
            {
                Diagnostics.Add(DiagnosticCatalog.CsvRowFieldCount(File, record.Length, header.Length, line));
                continue;
            }

            Split.Add(CheckRow(record, input, output, metadata, line), line);
        }
    }

    private RecordFacts CheckRow(string[] record, int input, int output, int metadata, int line)
    {
        var facts = new RecordFacts { IsRecord = true };
        if (record[input].Length == 0)
        {
            Diagnostics.Add(DiagnosticCatalog.CsvInputEmpty(File, line));
        }
        else
        {
            facts.InputHash = XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(record[input]));
        }

        if (output >= 0 && record[output].Length > 0)
        {
            facts.HasOutput = true;
            if (thinkingRequired && !RecordValidator.HasThinkBlock(Encoding.UTF8.GetBytes(record[output])))
            {
                Diagnostics.Add(DiagnosticCatalog.CsvThinkBlockMissing(File, line));
            }
        }

        if (metadata >= 0 && record[metadata].Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(record[metadata]);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    Diagnostics.Add(DiagnosticCatalog.CsvMetadataNotObject(File, line));
                }
            }
            catch (JsonException e)
            {
                Diagnostics.Add(DiagnosticCatalog.CsvMetadataNotJson(File, JsonErrors.Describe(e), line));
            }
        }

        return facts;
    }
}

/// <summary>Thrown by <see cref="RecordBoundStream"/> when one record has run far past the line cap.</summary>
internal sealed class RecordTooLongException : Exception
{
    public RecordTooLongException()
        : base("A CSV record is longer than the line cap.")
    {
    }

    public RecordTooLongException(string message)
        : base(message)
    {
    }

    public RecordTooLongException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Sits in front of the CSV parser: refuses to hand over more than the line cap (plus what StreamReader and
/// the parser buffer ahead) since the last record ended, so a 200 MB row or an unclosed quote is never
/// held whole; and keeps the last bytes read, so the exact check can tell a record's line break.
/// </summary>
internal sealed class RecordBoundStream(Stream inner, long maxRecordBytes) : Stream
{
    /// <summary>More than StreamReader's byte buffer plus the parser's 4,096-char buffer at 3 bytes a char.</summary>
    public const int ReadAheadBytes = 64 * 1024;

    private readonly byte[] _recent = new byte[ReadAheadBytes];

    public long Consumed { get; private set; }

    /// <summary>Where the record being read starts (the parser's byte count after the previous one).</summary>
    public long RecordStart { get; set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>The byte at <paramref name="offset"/> if it is among the last bytes read, else 0.</summary>
    public byte ByteAt(long offset) => offset >= 0 && offset < Consumed && offset >= Consumed - ReadAheadBytes ? _recent[offset % ReadAheadBytes] : (byte)0;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (Consumed - RecordStart > maxRecordBytes + ReadAheadBytes)
        {
            throw new RecordTooLongException();
        }

        var read = inner.Read(buffer[..Math.Min(buffer.Length, ReadAheadBytes)]);
        for (var i = 0; i < read; i++)
        {
            _recent[(Consumed + i) % ReadAheadBytes] = buffer[i];
        }

        Consumed += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
