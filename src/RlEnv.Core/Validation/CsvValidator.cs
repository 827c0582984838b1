using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Validation;

/// <summary>A .csv split read with CsvHelper: a header with input (and optional output, metadata as JSON text), then one record per row.</summary>
public sealed class CsvValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics, bool thinkingRequired)
    : PipedValidator(file, split, options, diagnostics)
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "input", "output", "metadata", "image", "images" };

    protected override string FailureCode => DiagnosticCodes.CsvRow;

    protected override void Read(Stream stream)
    {
        var badRows = new List<string>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => badRows.Add(args.Field),
            DetectDelimiter = false,
        };
        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        using var parser = new CsvParser(text, configuration);
        try
        {
            ReadRows(parser, badRows);
        }
        catch (DecoderFallbackException)
        {
            Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidUtf8, File, "The file is not valid UTF-8.", parser.RawRow, null));
        }
    }

    private void ReadRows(CsvParser parser, List<string> badRows)
    {
        if (!parser.Read())
        {
            return;
        }

        var header = parser.Record ?? [];
        if (header.Length > 0 && header[0].StartsWith('\uFEFF'))
        {
            Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.Utf8Bom, File, "The file starts with a UTF-8 byte-order mark; save it without BOM.", 1, 1));
            header[0] = header[0][1..];
        }

        var input = Array.IndexOf(header, "input");
        var output = Array.IndexOf(header, "output");
        var metadata = Array.IndexOf(header, "metadata");
        if (input < 0)
        {
            Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CsvHeader, File, $"The header row has no 'input' column (it has: {string.Join(", ", header)}).", 1, 1));
            return;
        }

        foreach (var dropped in header.Where(h => !Known.Contains(h)))
        {
            Diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.CsvColumnDropped, File, $"Column '{dropped}' is not input, output or metadata: Flash drops it silently; move it into the metadata JSON.", 1, 1));
        }

        // A quoted field may span lines: a row starts on the line after the previous row ended.
        var previousEnd = parser.RawRow;
        while (parser.Read())
        {
            var line = previousEnd + 1;
            CurrentLine = line;
            previousEnd = parser.RawRow;

            // CsvHelper unquotes fields lazily: BadDataFound fires while the record is read here.
            var record = parser.Record ?? [];
            foreach (var field in badRows)
            {
                Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CsvRow, File,
                    $"Bad quoting in field {field[..Math.Min(field.Length, 40)].ReplaceLineEndings(" ")}: a quote inside a quoted field must be doubled (\"\"), and every quoted field closed.", line, null));
            }

            badRows.Clear();
            if (record.Length != header.Length)
            {
                Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CsvRow, File, $"The row has {record.Length} fields but the header has {header.Length}.", line, null));
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
            Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InputInvalid, File, "'input' is empty; it must be the prompt text.", line, null));
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
                Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ThinkBlockMissing, File, "thinking = true, but this gold output has no <think>...</think> block.", line, null));
            }
        }

        if (metadata >= 0 && record[metadata].Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(record[metadata]);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MetadataInvalid, File, "'metadata' must be a JSON object.", line, null));
                }
            }
            catch (JsonException e)
            {
                Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MetadataInvalid, File, $"'metadata' is not valid JSON ({JsonErrors.Describe(e)})", line, null));
            }
        }

        return facts;
    }
}
