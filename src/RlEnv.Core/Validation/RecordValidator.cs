using System.Buffers;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Validation;

/// <summary>
/// Validates one Freesolo record from its JSON bytes in a single Utf8JsonReader pass: strict syntax (no
/// NaN, comments or trailing commas; one value), duplicate keys at every depth (Python keeps the last
/// silently), and the record rules: input (present, of any JSON type), output, metadata, image(s), and keys Flash drops.
/// Message-shaped outputs are then checked on their own slice.
/// </summary>
public static class RecordValidator
{
    private static readonly byte[] ThinkOpen = "<think>"u8.ToArray();
    private static readonly byte[] ThinkClose = "</think>"u8.ToArray();

    public static RecordFacts Validate(ReadOnlySpan<byte> json, in RecordContext context, DiagnosticLimiter sink)
    {
        var facts = new RecordFacts();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = context.Options.MaxDepth });
        var keys = KeyTracker.Rent();
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                sink.Add(DiagnosticCatalog.RecordNotJsonObject(context.File, Describe(reader.TokenType), context.LineNumber, Column(context, reader.TokenStartIndex)));
                reader.Skip();
                reader.Read();
                return facts;
            }

            facts.IsRecord = true;
            keys.Push();
            var sawInput = false;
            var outputStart = -1L;
            var outputEnd = -1L;
            var thinkFound = false;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var keyStart = reader.TokenStartIndex;
                var key = TopLevelKey(ref reader);
                CheckDuplicate(ref reader, json, keys, context, keyStart, sink);
                var dropped = key == Key.Other ? PropertyName(ref reader) : null;
                reader.Read();
                switch (key)
                {
                    case Key.Input:
                        // Flash's readers need only the key (adapter.py::_canonical_record, dataset_profile.py); the SDK
                        // renders any JSON value to the prompt text, so a dict, list, number or "" input is accepted.
                        sawInput = true;
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            facts.InputHash = XxHash128.HashToUInt128(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                        }
                        else
                        {
                            var inputStart = (int)reader.TokenStartIndex;
                            Walk(ref reader, json, keys, context, sink);
                            var raw = json[inputStart..(int)reader.BytesConsumed];

                            // Another input type never equals a string input: its raw JSON is hashed behind a marker byte.
                            facts.InputHash = XxHash128.HashToUInt128([0xFF, .. raw]);
                        }

                        break;
                    case Key.Output:
                        facts.HasOutput = reader.TokenType != JsonTokenType.Null;
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            outputStart = reader.TokenStartIndex;
                            Walk(ref reader, json, keys, context, sink);
                            outputEnd = reader.BytesConsumed;
                        }
                        else if (reader.TokenType == JsonTokenType.String && (context.ThinkingRequired || reader.ValueIsEscaped))
                        {
                            // Only a thinking config reads the verdict; an escaped value is still decoded, as its lone
                            // surrogate escape is a finding (RecordNotDecodable) whatever the config.
                            thinkFound = HasThinkBlock(reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan);
                        }

                        break;
                    case Key.Metadata:
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            sink.Add(DiagnosticCatalog.RecordMetadataNotObject(context.File, Describe(reader.TokenType), context.LineNumber, Column(context, reader.TokenStartIndex)));
                        }

                        Walk(ref reader, json, keys, context, sink);
                        break;
                    case Key.Image or Key.Images:
                        CheckImages(ref reader, key == Key.Image ? "image" : "images", context, sink);
                        break;
                    default:
                        sink.Add(DiagnosticCatalog.RecordKeyDroppedByFlash(context.File, dropped!, context.LineNumber, Column(context, keyStart)));
                        Walk(ref reader, json, keys, context, sink);
                        break;
                }
            }

            // A second value on the line, or trailing garbage, makes Read() throw here.
            while (reader.Read())
            {
            }

            if (!sawInput)
            {
                sink.Add(DiagnosticCatalog.RecordInputMissing(context.File, context.LineNumber, Column(context, 0)));
            }

            if (outputStart >= 0)
            {
                thinkFound = OutputShape.Check(json[(int)outputStart..(int)outputEnd], context, (int)outputStart, sink);
            }

            if (context.ThinkingRequired && facts.HasOutput && !thinkFound)
            {
                sink.Add(DiagnosticCatalog.RecordThinkBlockMissing(context.File, context.LineNumber, Column(context, outputStart >= 0 ? outputStart : 0)));
            }
        }
        catch (JsonException e)
        {
            sink.Add(DiagnosticCatalog.DatasetJsonInvalid(
                context.File, JsonErrors.Describe(e), context.LineNumber + (int)(e.LineNumber ?? 0), ColumnFor(context, e.LineNumber ?? 0, e.BytePositionInLine ?? 0)));
            facts.InputHash = null;
        }
        catch (InvalidOperationException e)
        {
            // GetString() on a string with a lone surrogate escape, for instance.
            sink.Add(DiagnosticCatalog.RecordNotDecodable(context.File, e.Message, context.LineNumber, Column(context, reader.TokenStartIndex)));
            facts.InputHash = null;
        }

        return facts;
    }

    /// <summary>Skips the current value, checking duplicate keys in every object inside it.</summary>
    private static void Walk(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, KeyTracker keys, in RecordContext context, DiagnosticLimiter sink)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = reader.CurrentDepth;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            keys.Push();
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    keys.Push();
                    break;
                case JsonTokenType.EndObject:
                    keys.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    CheckDuplicate(ref reader, json, keys, context, reader.TokenStartIndex, sink);
                    break;
            }

            if (reader.CurrentDepth == depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                return;
            }
        }
    }

    private static void CheckDuplicate(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, KeyTracker keys, in RecordContext context, long start, DiagnosticLimiter sink)
    {
        if (!keys.Add(ref reader, json))
        {
            sink.Add(DiagnosticCatalog.RecordDuplicateKey(context.File, PropertyName(ref reader), context.LineNumber, Column(context, start)));
        }
    }

    private static void CheckImages(ref Utf8JsonReader reader, string name, in RecordContext context, DiagnosticLimiter sink)
    {
        var start = reader.TokenStartIndex;
        var paths = new List<string>();
        if (reader.TokenType == JsonTokenType.String)
        {
            paths.Add(reader.GetString()!);
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    sink.Add(DiagnosticCatalog.RecordImageEntryNotPath(context.File, name, context.LineNumber, Column(context, reader.TokenStartIndex)));
                    reader.Skip();
                    continue;
                }

                paths.Add(reader.GetString()!);
            }
        }
        else
        {
            sink.Add(DiagnosticCatalog.RecordImageNotPathOrList(context.File, name, context.LineNumber, Column(context, start)));
            reader.Skip();
            return;
        }

        if (paths.Count > 8)
        {
            sink.Add(DiagnosticCatalog.RecordTooManyImages(context.File, name, paths.Count, context.LineNumber, Column(context, start)));
        }

        foreach (var path in paths.Where(p => !StaysInsideDataset(p)))
        {
            sink.Add(DiagnosticCatalog.RecordImageOutsideDataset(context.File, path, context.LineNumber, Column(context, start)));
        }
    }

    private static bool StaysInsideDataset(string path)
    {
        if (path.Length == 0 || path.StartsWith('/') || path.StartsWith('\\') || path.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        var depth = 0;
        foreach (var segment in path.Replace('\\', '/').Split('/'))
        {
            depth += segment switch { ".." => -1, "" or "." => 0, _ => 1 };
            if (depth < 0)
            {
                return false;
            }
        }

        return true;
    }

    internal static bool HasThinkBlock(ReadOnlySpan<byte> text)
    {
        var open = text.IndexOf(ThinkOpen);
        return open >= 0 && text[(open + ThinkOpen.Length)..].IndexOf(ThinkClose) >= 0;
    }

    private enum Key
    {
        Other,
        Input,
        Output,
        Metadata,
        Image,
        Images,
    }

    private static Key TopLevelKey(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("input"u8) ? Key.Input
        : reader.ValueTextEquals("output"u8) ? Key.Output
        : reader.ValueTextEquals("metadata"u8) ? Key.Metadata
        : reader.ValueTextEquals("image"u8) ? Key.Image
        : reader.ValueTextEquals("images"u8) ? Key.Images
        : Key.Other;

    private static string PropertyName(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped || reader.HasValueSequence ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);

    private static int ColumnFor(in RecordContext context, long lineOffset, long byteInLine) =>
        (int)Math.Min(int.MaxValue, (lineOffset == 0 ? context.ColumnBase : 0) + byteInLine + 1);

    /// <summary>The 1-based column of the byte at <paramref name="offset"/> in the record, on the record's line.</summary>
    internal static int Column(in RecordContext context, long offset) => (int)Math.Min(int.MaxValue, context.ColumnBase + offset + 1);

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };
}
