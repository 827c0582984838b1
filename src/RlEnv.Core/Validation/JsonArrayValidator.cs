using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Scanning;

namespace RlEnv.Core.Validation;

/// <summary>
/// A .json split: a top-level array of record objects, or an object whose "records" is that array (the two shapes
/// Flash's readers take). Python's json.load reads it whole, so the file is held whole too, up to the line cap; a
/// larger file is an error and is not held.
/// </summary>
public sealed class JsonArrayValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics, bool thinkingRequired)
    : IContentObserver
{
    private MemoryStream? _buffer = new();

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        split.AddBytes(chunk.Length);
        if (_buffer is null)
        {
            return;
        }

        if (_buffer.Length + chunk.Length > options.MaxLineBytes)
        {
            diagnostics.Add(DiagnosticCatalog.JsonSplitOverCap(file, options.MaxLineBytes));
            _buffer.Dispose();
            _buffer = null;
            return;
        }

        _buffer.Write(chunk);
    }

    public void Complete()
    {
        if (_buffer is null)
        {
            return;
        }

        var bytes = _buffer.GetBuffer().AsSpan(0, (int)_buffer.Length);
        _buffer.Dispose();
        _buffer = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            diagnostics.Add(DiagnosticCatalog.JsonSplitStartsWithBom(file));
            bytes = bytes[3..];
        }

        var invalid = Utf8Check.FirstInvalid(bytes);
        if (invalid >= 0)
        {
            var (line, column) = Position(bytes, invalid);
            diagnostics.Add(DiagnosticCatalog.JsonSplitInvalidUtf8Byte(file, bytes[invalid], line, column));
            return;
        }

        Validate(bytes);
    }

    public void Dispose()
    {
        _buffer?.Dispose();
        _buffer = null;
    }

    private void Validate(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = options.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.StartObject))
            {
                diagnostics.Add(DiagnosticCatalog.JsonSplitNotArray(file));
                return;
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                ValidateRecords(ref reader, bytes);
            }
            else if (!ValidateRecordsMember(ref reader, bytes))
            {
                diagnostics.Add(DiagnosticCatalog.JsonSplitNotArray(file));
                return;
            }

            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            diagnostics.Add(DiagnosticCatalog.DatasetJsonInvalid(file, JsonErrors.Describe(e), (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1));
        }
    }

    /// <summary>
    /// The object form Flash's readers also take, <c>{"records": [...]}</c> (dataset_profile.py, adapter.py): other keys
    /// are ignored; a repeated "records" is a duplicate key (Python keeps the last one). False when there is no array.
    /// </summary>
    private bool ValidateRecordsMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes)
    {
        var found = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isRecords = reader.ValueTextEquals("records"u8);
            var (keyLine, keyColumn) = Position(bytes, (int)reader.TokenStartIndex);
            reader.Read();
            if (isRecords && found)
            {
                diagnostics.Add(DiagnosticCatalog.RecordDuplicateKey(file, "records", keyLine, keyColumn));
                reader.Skip();
            }
            else if (isRecords && reader.TokenType == JsonTokenType.StartArray)
            {
                found = true;
                ValidateRecords(ref reader, bytes);
            }
            else
            {
                reader.Skip();
            }
        }

        return found;
    }

    private void ValidateRecords(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var end = (int)reader.BytesConsumed;
            var (line, column) = Position(bytes, start);
            var context = new RecordContext(file, line, column - 1, thinkingRequired, options);
            split.Add(RecordValidator.Validate(bytes[start..end], context, diagnostics), line);
        }
    }

    private static (int Line, int Column) Position(ReadOnlySpan<byte> bytes, int offset)
    {
        var before = bytes[..offset];
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, offset - lastNewline);
    }
}
