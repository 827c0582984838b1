// A train.jsonl line in the JSON dialect rnow reads it with: validate_train_jsonl (rnow/cli/commands.py C:485-541) and
// count_train_jsonl_samples (C:544-564) call json.loads(line.strip()). Python's json accepts what strict JSON refuses:
// NaN, Infinity and -Infinity as numbers, a repeated key (the last value wins), and str.strip() drops Unicode whitespace
// (U+00A0, U+2028, ...) around the row. Such a row reaches rnow's entry model like any other, so RlEnv checks it too,
// with a warning where strict readers would be hurt. Rows strict JSON accepts never come here (the fast path).
using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>A NaN, Infinity or -Infinity literal at its 1-based column of the line.</summary>
/// <param name="Literal">The literal as written.</param>
/// <param name="Column">Its column.</param>
public sealed record RnNonFinite(string Literal, int Column);

/// <summary>A row json.loads accepts and strict JSON does not, rewritten as strict JSON with what made it differ.</summary>
/// <param name="Json">The row as strict JSON: repeated keys keep their last value, non-finite numbers become 0 (still a float for the entry model).</param>
/// <param name="NonFinite">Every NaN / Infinity literal.</param>
/// <param name="Repeats">Every repeated key (column of the repeat).</param>
public sealed record RnPythonRow(byte[] Json, IReadOnlyList<RnNonFinite> NonFinite, IReadOnlyList<RnDuplicateKey> Repeats);

/// <summary>A train.jsonl line as rnow reads it: blank to rnow, refused (null document, the error reported), or a document.</summary>
/// <param name="Blank">Nothing is left after str.strip(): rnow skips the line.</param>
/// <param name="Document">The row, for the entry checks; the caller disposes it.</param>
public readonly record struct RnRowParse(bool Blank, JsonDocument? Document);

public static class RnRowJson
{
    /// <summary>
    /// Parses one non-blank (to ASCII) line: as strict JSON (nearly every row), else as json.loads reads it, reporting
    /// each NaN/Infinity (RLENV2335) and repeated key (RLENV2336) as a warning, else the strict parser's error.
    /// </summary>
    /// <param name="line">The line's UTF-8 bytes.</param>
    /// <param name="file">train.jsonl.</param>
    /// <param name="lineNumber">The 1-based line.</param>
    /// <param name="maxDepth">The deepest nesting RlEnv reads.</param>
    /// <param name="diagnostics">Where findings go.</param>
    public static RnRowParse Parse(ReadOnlySpan<byte> line, string file, int lineNumber, int maxDepth, DiagnosticLimiter diagnostics)
    {
        var options = new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false };
        try
        {
            return new RnRowParse(false, JsonDocument.Parse(line.ToArray(), options));
        }
        catch (JsonException e)
        {
            if (IsBlank(line))
            {
                return new RnRowParse(true, null);
            }

            if (Read(line) is { } python)
            {
                try
                {
                    var document = JsonDocument.Parse(python.Json, options);
                    foreach (var value in python.NonFinite)
                    {
                        diagnostics.Add(DiagnosticCatalog.RnRowNonFinite(file, value.Literal, lineNumber, value.Column));
                    }

                    foreach (var repeat in python.Repeats)
                    {
                        diagnostics.Add(DiagnosticCatalog.RnRowRepeatedKeyKeepsLast(file, repeat.Key, lineNumber, repeat.Column));
                    }

                    return new RnRowParse(false, document);
                }
                catch (JsonException)
                {
                    // Deeper than RlEnv reads: reported as the strict parser refused it.
                }
            }

            diagnostics.Add(DiagnosticCatalog.RnEntryJsonInvalid(file, JsonErrors.Describe(e), lineNumber, (int)(e.BytePositionInLine ?? 0) + 1));
            return new RnRowParse(false, null);
        }
    }

    /// <summary>Whether the line is blank to rnow: nothing is left after str.strip().</summary>
    /// <param name="line">The line's UTF-8 bytes.</param>
    public static bool IsBlank(ReadOnlySpan<byte> line) => PythonStrings.Strip(Encoding.UTF8.GetString(line)).Length == 0;

    /// <summary>The row as json.loads reads it, or null when json.loads refuses it as well (or would exhaust Python's recursion limit).</summary>
    /// <param name="line">The line's UTF-8 bytes (valid UTF-8, not blank).</param>
    public static RnPythonRow? Read(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line);
        var stripped = PythonStrings.Strip(text);
        if (stripped.Length == 0)
        {
            return null;
        }

        var loaded = RnJsonLoader.LoadText(stripped);
        if (loaded.Failed || loaded.Root is not { } root)
        {
            return null;
        }

        var lead = text.IndexOf(stripped, StringComparison.Ordinal);
        var nonFinite = new List<RnNonFinite>();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            Write(writer, root, lead, nonFinite);
        }

        var repeats = loaded.Duplicates.Select(d => d with { Column = d.Column + lead }).ToList();
        return new RnPythonRow(buffer.WrittenSpan.ToArray(), nonFinite, repeats);
    }

    // Iterative would need an explicit stack; the loader already refused nesting past Python's recursion limit (990).
    private static void Write(Utf8JsonWriter writer, RnNode node, int lead, List<RnNonFinite> nonFinite)
    {
        switch (node.Kind)
        {
            case RnKind.None:
                writer.WriteNullValue();
                break;
            case RnKind.Bool:
                writer.WriteBooleanValue((bool)node.Scalar!);
                break;
            case RnKind.Integral:
                writer.WriteRawValue(((BigInteger)node.Scalar!).ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case RnKind.Real:
                var value = (double)node.Scalar!;
                if (!double.IsFinite(value))
                {
                    nonFinite.Add(new RnNonFinite(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity", node.Column + lead));
                    value = 0.0;
                }

                // Written with a fraction so it stays a float, as Python's json made it.
                var written = value.ToString("R", CultureInfo.InvariantCulture);
                writer.WriteRawValue(written.AsSpan().IndexOfAny('.', 'E') >= 0 ? written : written + ".0", skipInputValidation: true);
                break;
            case RnKind.List:
                writer.WriteStartArray();
                foreach (var item in node.Items)
                {
                    Write(writer, item, lead, nonFinite);
                }

                writer.WriteEndArray();
                break;
            case RnKind.Dict:
                writer.WriteStartObject();
                foreach (var entry in node.Entries)
                {
                    writer.WritePropertyName((string)entry.Key.Scalar!);
                    Write(writer, entry.Value, lead, nonFinite);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue((string)node.Scalar!);
                break;
        }
    }
}
