using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using RlEnv.Core.Diagnostics;

using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Validation.Oracles;

/// <summary>The .csv validator as it was with CsvHelper (before the native tool): the oracle CsvValidator must agree with.</summary>
public sealed class CsvHelperValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics, bool thinkingRequired)
    : PipedValidator(file, split, options, diagnostics)
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "input", "output", "metadata", "image", "images" };

    // The line the next record starts on: where a record that never ends is reported.
    private long _nextRecordLine = 1;

    protected override Diagnostic Unreadable(string problem, long line) => DiagnosticCatalog.CsvUnreadablePastRow(File, problem, (int)Math.Min(line, int.MaxValue));

    protected override void Read(Stream stream)
    {
        var badRows = new List<string>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => badRows.Add(args.Field),
            DetectDelimiter = false,
            CountBytes = true,
            Encoding = Encoding.UTF8,
        };
        var bounded = new RecordBoundStream(stream, Options.MaxLineBytes);
        using var text = new StreamReader(bounded, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        using var parser = new CsvParser(text, configuration);
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
            // CsvHelper holds a record whole until it ends (an unclosed quote never does): stop before it is held.
            Diagnostics.Add(DiagnosticCatalog.CsvRowUnterminated(File, Options.MaxLineBytes, (int)Math.Min(_nextRecordLine, int.MaxValue)));
        }
    }

    /// <summary>
    /// Whether the record CsvHelper just read is over the line cap: its bytes since the previous record
    /// ended (CsvHelper's own byte count, so quoted line breaks count), its line break excluded as in JSONL.
    /// </summary>
    private bool OverCap(CsvParser parser, RecordBoundStream bounded)
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

    private void ReadRows(CsvParser parser, RecordBoundStream bounded, List<string> badRows)
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

            // CsvHelper unquotes fields lazily: BadDataFound fires while the record is read here.
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
