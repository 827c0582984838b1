using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace RlEnv.Core.Validation;

/// <summary>
/// One BSON document as the relaxed extended JSON that MongoDB.Bson 3 writes for it
/// (<c>BsonSerializer.Deserialize&lt;BsonDocument&gt;</c>, then <c>ToJson</c> in <c>RelaxedExtendedJson</c> mode), byte for
/// byte, failures included: the same exception types and sentences, in the same order (everything the reader
/// rejects first, then the writer's depth limit). RlEnv used that library until the tool became a Native AOT binary;
/// its serializer registry builds serializers by reflection, which trimming and Native AOT cannot analyze.
/// <see cref="BsonShape"/> has checked every length first, except inside JavaScript-with-scope values.
/// </summary>
internal static class BsonJson
{
    private const int MaxSerializationDepth = 100;
    private const long DateTimeMaxMilliseconds = 253402300799999;
    private const int ExponentBias = 6176;
    private const int MaxStringBuffer = 1024 * 1024 * 1024;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private enum Context
    {
        TopLevel,
        Document,
        Array,
        ScopeDocument,
        JavaScriptWithScope,
    }

    /// <summary>The document's JSON text.</summary>
    /// <exception cref="FormatException">The bytes are not a document MongoDB.Bson reads; the message is its own.</exception>
    /// <exception cref="InvalidOperationException">A document repeats an element name.</exception>
    /// <exception cref="EndOfStreamException">A value runs past the end of the bytes.</exception>
    /// <exception cref="DecoderFallbackException">A name or string is not UTF-8.</exception>
    /// <exception cref="ArgumentException">A string inside code with scope claims a length below 1 or over 1 GiB.</exception>
    public static string Convert(ReadOnlySpan<byte> document)
    {
        var reader = new Reader(document);
        var json = new StringBuilder(document.Length * 2);
        var frames = new List<Frame> { new(Context.TopLevel, 0, 0) };
        var tooDeep = false;
        ReadDocument(ref reader, json, frames, Context.Document, 1, ref tooDeep);
        if (tooDeep)
        {
            // The library reads the whole document before it writes any of it: only then does the writer's limit apply.
            throw new FormatException("Maximum serialization depth exceeded (does the object being serialized have a circular reference?).");
        }

        return json.ToString();
    }

    private static void ReadDocument(ref Reader reader, StringBuilder json, List<Frame> frames, Context kind, int depth, ref bool tooDeep)
    {
        tooDeep |= depth > MaxSerializationDepth;
        var frame = new Frame(kind, reader.Position, ReadSize(ref reader));
        frames.Add(frame);
        json.Append('{');
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (ReadType(ref reader, frames) is var type && type != 0)
        {
            var name = Strict.GetString(reader.CString());
            frame.ElementName = name;
            json.Append(names.Count > 0 ? ", " : " ");
            AppendQuoted(json, name);
            json.Append(" : ");
            ReadValue(ref reader, json, frames, type, depth, ref tooDeep);
            if (!names.Add(name))
            {
                throw new InvalidOperationException($"Duplicate element name '{name}'.");
            }
        }

        json.Append(" }");
        Pop(ref reader, frames);
    }

    private static void ReadArray(ref Reader reader, StringBuilder json, List<Frame> frames, int depth, ref bool tooDeep)
    {
        tooDeep |= depth > MaxSerializationDepth;
        var frame = new Frame(Context.Array, reader.Position, ReadSize(ref reader));
        frames.Add(frame);
        json.Append('[');
        var first = true;
        while (true)
        {
            frame.ArrayIndex++;
            var type = ReadType(ref reader, frames);
            if (type == 0)
            {
                break;
            }

            // Array element names are skipped unread.
            reader.CString();
            json.Append(first ? string.Empty : ", ");
            first = false;
            ReadValue(ref reader, json, frames, type, depth, ref tooDeep);
        }

        json.Append(']');
        Pop(ref reader, frames);
    }

    private static void ReadValue(ref Reader reader, StringBuilder json, List<Frame> frames, byte type, int depth, ref bool tooDeep)
    {
        switch (type)
        {
            case 0x01:
                AppendDouble(json, BitConverter.Int64BitsToDouble(reader.Int64()));
                break;
            case 0x02:
                AppendQuoted(json, ReadString(ref reader));
                break;
            case 0x03:
                ReadDocument(ref reader, json, frames, Context.Document, depth + 1, ref tooDeep);
                break;
            case 0x04:
                ReadArray(ref reader, json, frames, depth + 1, ref tooDeep);
                break;
            case 0x05:
                ReadBinary(ref reader, json);
                break;
            case 0x06:
                json.Append("{ \"$undefined\" : true }");
                break;
            case 0x07:
                json.Append("{ \"$oid\" : \"").Append(System.Convert.ToHexStringLower(reader.Bytes(12))).Append("\" }");
                break;
            case 0x08:
                json.Append(reader.Byte() switch
                {
                    0 => "false",
                    1 => "true",
                    var b => throw new FormatException($"Invalid BsonBoolean value: {b}."),
                });
                break;
            case 0x09:
                AppendDateTime(json, reader.Int64());
                break;
            case 0x0A:
                json.Append("null");
                break;
            case 0x0B:
                var pattern = Strict.GetString(reader.CString());
                // The library sorts the options (sorting sorted ones changes nothing).
                var options = Strict.GetString(reader.CString()).ToCharArray();
                Array.Sort(options);

                json.Append("{ \"$regularExpression\" : { \"pattern\" : \"").Append(Escaped(pattern))
                    .Append("\", \"options\" : \"").Append(Escaped(new string(options))).Append("\" } }");
                break;
            case 0x0D:
                json.Append("{ \"$code\" : \"").Append(Escaped(ReadString(ref reader))).Append("\" }");
                break;
            case 0x0E:
                json.Append("{ \"$symbol\" : \"").Append(Escaped(ReadString(ref reader))).Append("\" }");
                break;
            case 0x0F:
                ReadCodeWithScope(ref reader, json, frames, depth, ref tooDeep);
                break;
            case 0x10:
                json.Append(reader.Int32().ToString(CultureInfo.InvariantCulture));
                break;
            case 0x11:
                var timestamp = reader.Int64();
                json.Append(CultureInfo.InvariantCulture, $"{{ \"$timestamp\" : {{ \"t\" : {(uint)(timestamp >> 32)}, \"i\" : {(uint)timestamp} }} }}");
                break;
            case 0x12:
                json.Append(reader.Int64().ToString(CultureInfo.InvariantCulture));
                break;
            case 0x13:
                var low = (ulong)reader.Int64();
                var high = (ulong)reader.Int64();
                json.Append("{ \"$numberDecimal\" : \"").Append(Decimal128(high, low)).Append("\" }");
                break;
            case 0x7F:
                json.Append("{ \"$maxKey\" : 1 }");
                break;
            default:
                json.Append("{ \"$minKey\" : 1 }");
                break;
        }
    }

    /// <summary>
    /// Code with scope: its own size, the code string, then the scope document. The JSON is
    /// <c>{ "$code" : "...", "$scope" : { ... } }</c>, two writer levels deep.
    /// </summary>
    private static void ReadCodeWithScope(ref Reader reader, StringBuilder json, List<Frame> frames, int depth, ref bool tooDeep)
    {
        tooDeep |= depth + 1 > MaxSerializationDepth;
        frames.Add(new Frame(Context.JavaScriptWithScope, reader.Position, ReadSize(ref reader)));
        var code = ReadString(ref reader);
        json.Append("{ \"$code\" : \"").Append(Escaped(code)).Append("\", \"$scope\" : ");
        ReadDocument(ref reader, json, frames, Context.ScopeDocument, depth + 2, ref tooDeep);
        json.Append(" }");
        Pop(ref reader, frames);
    }

    private static void ReadBinary(ref Reader reader, StringBuilder json)
    {
        var size = ReadSize(ref reader);
        var subType = reader.Byte();
        if (subType == 0x02)
        {
            // The old binary sub type carries its size twice; the library reads it as plain binary (sub type 0).
            var inner = ReadSize(ref reader);
            if (inner != size - 4)
            {
                throw new FormatException("Binary sub type OldBinary has inconsistent sizes");
            }

            size = inner;
            subType = 0x00;
        }

        var bytes = reader.Bytes(size);
        if (subType is 0x03 or 0x04 && bytes.Length != 16)
        {
            throw new FormatException($"Length must be 16, not {bytes.Length}, when subType is {(subType == 0x03 ? "UuidLegacy" : "UuidStandard")}.");
        }

        json.Append("{ \"$binary\" : { \"base64\" : \"").Append(System.Convert.ToBase64String(bytes))
            .Append("\", \"subType\" : \"").Append(subType.ToString("x2", CultureInfo.InvariantCulture)).Append("\" } }");
    }

    private static byte ReadType(ref Reader reader, List<Frame> frames)
    {
        var type = reader.Byte();
        if (type is (>= 0x00 and <= 0x13 and not 0x0C) or 0x7F or 0xFF)
        {
            return type;
        }

        throw new FormatException($"Detected unknown BSON type \"\\x{type:x2}\" for fieldname \"{DottedName(ref reader, frames)}\". Are you using the latest driver version?");
    }

    /// <summary>Where an unknown type was met, as the library names it: parents' element names (or array indexes) joined by dots.</summary>
    private static string DottedName(ref Reader reader, List<Frame> frames)
    {
        var current = frames[^1];
        string name;
        if (current.Kind is Context.Document or Context.ScopeDocument)
        {
            try
            {
                name = Lenient.GetString(reader.CString());
            }
            catch (EndOfStreamException)
            {
                name = "?";
            }
        }
        else
        {
            name = current.Kind == Context.Array ? current.ArrayIndex.ToString(CultureInfo.InvariantCulture) : "?";
        }

        for (var i = frames.Count - 2; i >= 0; i--)
        {
            var parent = frames[i];
            name = parent.Kind switch
            {
                Context.Document or Context.ScopeDocument => (parent.ElementName ?? "?") + "." + name,
                Context.Array => parent.ArrayIndex.ToString(CultureInfo.InvariantCulture) + "." + name,
                _ when i > 0 => "?." + name,
                _ => name,
            };
        }

        return name;
    }

    private static void Pop(ref Reader reader, List<Frame> frames)
    {
        var frame = frames[^1];
        var actual = reader.Position - frame.Start;
        if (actual != frame.Size)
        {
            throw new FormatException($"Expected size to be {frame.Size}, not {actual}.");
        }

        frames.RemoveAt(frames.Count - 1);
    }

    private static int ReadSize(ref Reader reader)
    {
        // Only a negative size is refused here (the library's default maximum is int.MaxValue); a wrong one fails on the final size comparison.
        var size = reader.Int32();
        return size >= 0 ? size : throw new FormatException($"Size {size} is not valid because it is negative.");
    }

    private static string ReadString(ref Reader reader)
    {
        var length = reader.Int32();
        if (length is < 1 or > MaxStringBuffer)
        {
            // The library rents a buffer of that size first (reached only inside code with scope: BsonShape checks the rest).
            throw new ArgumentException($"Valid buffer size range is [1..{MaxStringBuffer}] bytes. (Parameter 'size'){Environment.NewLine}Actual value was {length}.");
        }

        var bytes = reader.Bytes(length);
        if (bytes[^1] != 0)
        {
            throw new FormatException("String is missing terminating null byte.");
        }

        return Strict.GetString(bytes[..^1]);
    }

    private static void AppendDouble(StringBuilder json, double value)
    {
        // The library keeps shared instances for the integers -100..100, so -0.0 comes back as 0.0.
        if (value == 0)
        {
            value = 0;
        }

        // An integral-looking text gets ".0", so the value reads back as a double.
        var text = value.ToString("G17", NumberFormatInfo.InvariantInfo);
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        if (digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9'))
        {
            text += ".0";
        }

        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            json.Append("{ \"$numberDouble\" : \"").Append(text).Append("\" }");
        }
        else
        {
            json.Append(text);
        }
    }

    private static void AppendDateTime(StringBuilder json, long milliseconds)
    {
        // The library reads one past the largest .NET date as the largest (a value older drivers wrote).
        if (milliseconds == DateTimeMaxMilliseconds + 1)
        {
            milliseconds = DateTimeMaxMilliseconds;
        }

        if (milliseconds is >= 0 and <= DateTimeMaxMilliseconds)
        {
            var date = milliseconds == DateTimeMaxMilliseconds ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : DateTime.UnixEpoch.AddTicks(milliseconds * 10000);
            json.Append("{ \"$date\" : \"").Append(date.ToString("yyyy-MM-ddTHH:mm:ss.FFFZ", CultureInfo.InvariantCulture)).Append("\" }");
        }
        else
        {
            json.Append(CultureInfo.InvariantCulture, $"{{ \"$date\" : {{ \"$numberLong\" : \"{milliseconds}\" }} }}");
        }
    }

    /// <summary>IEEE 754-2008 decimal128 (binary integer decimal) as the library prints it.</summary>
    private static string Decimal128(ulong high, ulong low)
    {
        var negative = (high & 0x8000000000000000) != 0;
        if ((high & 0x6000000000000000) <= 0x4000000000000000)
        {
            var exponent = (int)((high >> 49) & 0x3FFF) - ExponentBias;
            var coefficient = new UInt128(high & 0x0001FFFFFFFFFFFF, low).ToString(CultureInfo.InvariantCulture);
            var adjusted = exponent + coefficient.Length - 1;
            string text;
            if (exponent > 0 || adjusted < -6)
            {
                var digits = coefficient.Length > 1 ? coefficient[..1] + "." + coefficient[1..] : coefficient;
                text = digits + "E" + (adjusted >= 0 ? "+" : string.Empty) + adjusted.ToString(CultureInfo.InvariantCulture);
            }
            else if (exponent == 0)
            {
                text = coefficient;
            }
            else
            {
                var padded = coefficient.PadLeft(-exponent + 1, '0');
                text = padded[..(padded.Length + exponent)] + "." + padded[(padded.Length + exponent)..];
            }

            return negative ? "-" + text : text;
        }

        var leading = high & 0x7800000000000000;
        if (leading is >= 0x6000000000000000 and <= 0x7000000000000000)
        {
            // A significand past 2^113 is not canonical: the value is zero, with its exponent.
            var exponent = (int)((high >> 47) & 0x3FFF) - ExponentBias;
            return exponent == 0 ? (negative ? "-0" : "0")
                : (negative ? "-0E" : "0E") + (exponent > 0 ? "+" : string.Empty) + exponent.ToString(CultureInfo.InvariantCulture);
        }

        return (high & 0xFC00000000000000) switch
        {
            0xF800000000000000 => "-Infinity",
            0x7800000000000000 => "Infinity",
            _ => "NaN",
        };
    }

    private static void AppendQuoted(StringBuilder json, string value) => json.Append('"').Append(Escaped(value)).Append('"');

    /// <summary>The library's escaping: JSON's short escapes, then \uXXXX for every char outside letters, digits, punctuation, symbols and spaces.</summary>
    private static string Escaped(string value)
    {
        if (!value.Any(NeedsEscape))
        {
            return value;
        }

        var text = new StringBuilder(value.Length * 2);
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\b' => text.Append("\\b"),
                '\f' => text.Append("\\f"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                _ when NeedsEscape(c) => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }

    private static bool NeedsEscape(char c) => c is '"' or '\\' or '\b' or '\f' or '\n' or '\r' or '\t' || CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation
            or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => false,
        _ => true,
    };

    /// <summary>A document level being read: where it starts, the size it claims, and what the dotted name needs.</summary>
    private sealed class Frame(Context kind, int start, int size)
    {
        public Context Kind { get; } = kind;

        public int Start { get; } = start;

        public int Size { get; } = size;

        public string? ElementName { get; set; }

        public int ArrayIndex { get; set; } = -1;
    }

    /// <summary>A cursor over the document's bytes; reading past them is an <see cref="EndOfStreamException"/>, as on the library's stream.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Position { get; private set; }

        public byte Byte() => Position < _bytes.Length ? _bytes[Position++] : throw new EndOfStreamException();

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8));

        public ReadOnlySpan<byte> Bytes(int count)
        {
            if (count > _bytes.Length - Position)
            {
                throw new EndOfStreamException();
            }

            var span = _bytes.Slice(Position, count);
            Position += count;
            return span;
        }

        /// <summary>The bytes up to the next zero, which is consumed.</summary>
        public ReadOnlySpan<byte> CString()
        {
            var end = _bytes[Position..].IndexOf((byte)0);
            if (end < 0)
            {
                throw new EndOfStreamException();
            }

            var span = _bytes.Slice(Position, end);
            Position += end + 1;
            return span;
        }
    }
}
