using System.Text;
using CsCheck;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Scanning;
using RlEnv.Core.Tests.Validation.Oracles;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Validation;

/// <summary>
/// The native tool cannot ship CsvHelper or MongoDB.Bson (not trim-safe), so .csv and .bson splits are read by
/// CsvRecordParser and BsonJson. These prove the results did not change: the same diagnostics (codes, lines,
/// messages), rows and input hashes as the library-based validators, kept here as oracles, on generated and mutated files.
/// </summary>
public class ReaderParityTests
{
    private static readonly Gen<string> CsvText = Gen.String[Gen.Char["abé€,\"\n\r {}:1"], 0, 120]
        .Select(Gen.OneOf("input", "input,output", "input,output,metadata", "prompt,output", "input,metadata,extra", "\uFEFFinput,output", "\"input\",output"),
            Gen.OneOf("\n", "\r\n", "\r"),
            (body, header, newline) => header + newline + body.Replace("1", "😀", StringComparison.Ordinal));

    private static (List<string> Diagnostics, SplitStats Stats, string Inputs) Run(Func<string, SplitAccumulator, ValidationOptions, DiagnosticLimiter, IContentObserver> create, string file, byte[] bytes, int chunk, ValidationOptions options)
    {
        var split = new SplitAccumulator("train", file);
        var limiter = new DiagnosticLimiter(50);
        using (var observer = create(file, split, options, limiter))
        {
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                observer.Observe(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
            }

            observer.Complete();
        }

        var bag = new DiagnosticBag();
        limiter.FlushTo(bag, file);
        var inputs = string.Join(";", split.Inputs.Snapshot().OrderBy(p => p.Hash).Select(p => $"{p.Hash}:{p.First}:{p.Second}:{p.Count}"));
        return (bag.ToSortedList().Select(d => d.ToCanonicalString()).ToList(), split.ToStats(), inputs);
    }

    private static void AssertCsvParity(byte[] bytes, int chunk, ValidationOptions options)
    {
        var expected = Run((f, s, o, l) => new CsvHelperValidator(f, s, o, l, thinkingRequired: false), "dataset/train.csv", bytes, chunk, options);
        var actual = Run((f, s, o, l) => new CsvValidator(f, s, o, l, thinkingRequired: false), "dataset/train.csv", bytes, chunk, options);
        Assert.Equal(string.Join("\n", expected.Diagnostics), string.Join("\n", actual.Diagnostics));
        Assert.Equal((expected.Stats, expected.Inputs), (actual.Stats, actual.Inputs));
    }

    [Fact]
    public void Csv_reader_matches_csvhelper_on_generated_files() =>
        Gen.Select(CsvText, Gen.Int[1, 300], Gen.OneOf(12, 40, 4096)).Sample(
            (text, chunk, cap) => AssertCsvParity(Encoding.UTF8.GetBytes(text), chunk, ValidationOptions.Default with { MaxLineBytes = cap }),
            iter: 3000);

    [Fact]
    public void Csv_reader_matches_csvhelper_on_mutated_bytes() =>
        Gen.Select(CsvText, Gen.Int[0, 200], Gen.Byte, Gen.Int[1, 50]).Sample(
            (text, at, value, chunk) =>
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                if (bytes.Length > 0)
                {
                    bytes[at % bytes.Length] = value;
                }

                AssertCsvParity(bytes, chunk, ValidationOptions.Default with { MaxLineBytes = 40 });
            },
            iter: 2000);

    [Theory]
    [InlineData(5000)]
    [InlineData(100_000)]
    [InlineData(300_000)]
    public void Csv_reader_matches_csvhelper_on_records_that_outgrow_the_buffer_or_never_end(int size)
    {
        var field = new string('x', size);
        var text = $"input,output\nok,1\n\"{field}\",2\nafter,3\n\"{field},4\nlast,5\n";
        AssertCsvParity(Encoding.UTF8.GetBytes(text), 4096, ValidationOptions.Default with { MaxLineBytes = 1000 });
        AssertCsvParity(Encoding.UTF8.GetBytes(text), 65536, ValidationOptions.Default with { MaxLineBytes = 10_000_000 });
    }

    private static Gen<BsonValue> BsonValues(int depth)
    {
        var text = Gen.OneOf(Gen.String[Gen.Char.AlphaNumeric, 0, 6], Gen.String[Gen.Char["a\"\\\b\f\n\r\t\u0001\u007f\u00e9\u2028\u200b\u00ad€中/"], 0, 6], Gen.OneOf("😀", "a😀b", "<think>x</think>y"));
        var scalars = Gen.OneOf<BsonValue>(
            text.Select(s => (BsonValue)new BsonString(s)),
            Gen.Int.Select(i => (BsonValue)new BsonInt32(i)),
            Gen.Long.Select(l => (BsonValue)new BsonInt64(l)),
            Gen.OneOf(Gen.Double, Gen.OneOf(0.0, -0.0, 1.0, 1e20, 1e-7, 0.1, 123456789012345678.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon)).Select(d => (BsonValue)new BsonDouble(d)),
            Gen.Bool.Select(b => (BsonValue)b),
            Gen.OneOf(Gen.Long, Gen.OneOf(0L, -1L, 253402300799999L, 253402300800000L, 1700000000123L)).Select(ms => (BsonValue)new BsonDateTime(ms)),
            Gen.Byte.Array[12].Select(b => (BsonValue)new ObjectId(b)),
            Gen.Select(Gen.ULong, Gen.ULong, Gen.OneOf(0UL, 0x3040000000000000UL, 0x7800000000000000UL, 0xF800000000000000UL, 0x7C00000000000000UL, 0x6000000000000000UL, 0xE000000000000000UL))
                .Select((h, l, mask) => (BsonValue)new BsonDecimal128(Decimal128.FromIEEEBits(mask == 0 ? h : (h & 0x0001FFFFFFFFFFFF) | mask, l))),
            Gen.Long.Select(t => (BsonValue)new BsonTimestamp(t)),
            Gen.Select(text, Gen.String[Gen.Char["imxslu"], 0, 4]).Select((p, o) => (BsonValue)new BsonRegularExpression(p, o)),
            text.Select(s => (BsonValue)new BsonJavaScript(s)),
            text.Select(s => (BsonValue)BsonSymbol.Create(s)),
            Gen.Select(Gen.Byte.Array[0, 20], Gen.OneOf(BsonBinarySubType.Binary, BsonBinarySubType.Function, BsonBinarySubType.MD5, BsonBinarySubType.Encrypted, BsonBinarySubType.UserDefined)).Select((b, t) => (BsonValue)new BsonBinaryData(b, t)),
            Gen.Select(Gen.Byte.Array[16], Gen.OneOf(BsonBinarySubType.UuidLegacy, BsonBinarySubType.UuidStandard)).Select((b, t) => (BsonValue)new BsonBinaryData(b, t)),
            Gen.OneOf<BsonValue>(BsonNull.Value, BsonMinKey.Value, BsonMaxKey.Value, BsonUndefined.Value));
        if (depth == 0)
        {
            return scalars;
        }

        return Gen.Frequency(
            (6, scalars),
            (1, BsonDocuments(depth - 1).Select(d => (BsonValue)d)),
            (1, BsonValues(depth - 1).List[0, 4].Select(items => (BsonValue)new BsonArray(items))),
            (1, Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 5], BsonDocuments(depth - 1)).Select((code, scope) => (BsonValue)new BsonJavaScriptWithScope(code, scope))));
    }

    private static Gen<BsonDocument> BsonDocuments(int depth) =>
        Gen.Select(Gen.OneOf("input", "output", "metadata", "images", "_id", "a", "é", "x\"y", "").Array[0, 5], BsonValues(depth).Array[5])
            .Select((names, values) =>
            {
                var document = new BsonDocument(allowDuplicateNames: true);
                for (var i = 0; i < names.Length; i++)
                {
                    document.Add(names[i], values[i]);
                }

                return document;
            });

    /// <summary>What a reader made of one document: its JSON, or which kind of failure with which sentence.</summary>
    private static string Outcome(Func<string> read)
    {
        try
        {
            return "json " + read();
        }
        catch (Exception e) when (e is FormatException or BsonSerializationException or EndOfStreamException or InvalidOperationException)
        {
            return "unreadable " + e.Message;
        }
        catch (ArgumentException e)
        {
            return "stops " + e.Message;
        }
    }

    private static string MongoJson(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return BsonSerializer.Deserialize<BsonDocument>(stream).ToJson(new JsonWriterSettings { OutputMode = JsonOutputMode.RelaxedExtendedJson });
    }

    private static void AssertBsonParity(byte[] bytes)
    {
        if (Outcome(() => BsonShape.Check(bytes) ?? string.Empty) != "json ")
        {
            // Refused before either reader sees it (both validators run BsonShape first).
            return;
        }

        Assert.Equal(Outcome(() => MongoJson(bytes)), Outcome(() => BsonJson.Convert(bytes)));
    }

    [Fact]
    public void Bson_json_matches_mongodb_on_generated_documents() =>
        BsonDocuments(3).Sample(document => AssertBsonParity(document.ToBson()), iter: 3000);

    [Fact]
    public void Bson_json_matches_mongodb_on_mutated_documents() =>
        Gen.Select(BsonDocuments(2), Gen.Int[0, 10_000], Gen.Byte, Gen.Int[0, 3]).Sample(
            (document, at, value, extra) =>
            {
                var bytes = document.ToBson();
                bytes[4 + (at % (bytes.Length - 4))] = value;
                if (extra > 0)
                {
                    bytes[4 + (at * 7 % (bytes.Length - 4))] = (byte)(value ^ extra);
                }

                AssertBsonParity(bytes);
            },
            iter: 6000);

    private static byte[] Int32Bytes(int value) => BitConverter.GetBytes(value);

    private static byte[] Element(byte type, byte[] name, params byte[][] value) => [type, .. name, 0, .. value.SelectMany(v => v)];

    private static byte[] Document(params byte[][] elements)
    {
        var body = elements.SelectMany(e => e).ToArray();
        return [.. Int32Bytes(body.Length + 5), .. body, 0];
    }

    /// <summary>A code-with-scope value: its total size, then <paramref name="parts"/> (the code string and the scope document).</summary>
    private static byte[] CodeWithScope(params byte[][] parts)
    {
        var body = parts.SelectMany(p => p).ToArray();
        return [.. Int32Bytes(body.Length + 4), .. body];
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] BsonString(byte[] bytes) => [.. Int32Bytes(bytes.Length), .. bytes];

    public static TheoryData<string, byte[]> CraftedDocuments() => new()
    {
        { "old binary, consistent sizes", Document(Element(0x05, Utf8("input"), Int32Bytes(7), [0x02], Int32Bytes(3), Utf8("abc"))) },
        { "old binary, inconsistent sizes", Document(Element(0x05, Utf8("input"), Int32Bytes(7), [0x02], Int32Bytes(2), Utf8("abc"))) },
        { "old binary, negative inner size", Document(Element(0x05, Utf8("input"), Int32Bytes(7), [0x02], Int32Bytes(-1), Utf8("abc"))) },
        { "uuid of 3 bytes", Document(Element(0x05, Utf8("input"), Int32Bytes(3), [0x04], Utf8("abc"))) },
        { "boolean byte 2", Document(Element(0x08, Utf8("input"), [2])) },
        { "string without its terminating zero", Document(Element(0x02, Utf8("input"), BsonString(Utf8("ab")))) },
        { "string that is not UTF-8", Document(Element(0x02, Utf8("input"), BsonString([0x61, 0xFF, 0]))) },
        { "name that is not UTF-8", Document(Element(0x02, [0xFF, 0x61], BsonString([0x61, 0]))) },
        { "DBPointer in a nested document", Document(Element(0x03, Utf8("input"), Document(Element(0x0C, Utf8("p"), BsonString([0x6E, 0]), new byte[12])))) },
        { "DBPointer in an array", Document(Element(0x04, Utf8("input"), Document(Element(0x10, Utf8("0"), Int32Bytes(1)), Element(0x0C, Utf8("1"), BsonString([0x6E, 0]), new byte[12])))) },
        { "regex options out of order", Document(Element(0x0B, Utf8("input"), Utf8("a/b"), [0], Utf8("xmi"), [0])) },
        { "duplicate names", Document(Element(0x10, Utf8("input"), Int32Bytes(1)), Element(0x10, Utf8("input"), Int32Bytes(2))) },
        { "date one past the .NET maximum", Document(Element(0x09, Utf8("input"), BitConverter.GetBytes(253402300800000L))) },
        { "code with scope", Document(Element(0x0F, Utf8("input"), CodeWithScope(BsonString(Utf8("f\0")), Document(Element(0x10, Utf8("x"), Int32Bytes(1)))))) },
        { "code with scope whose size counts a byte too many", Document(Element(0x0F, Utf8("input"), CodeWithScope([.. BsonString([0]), .. Document(), 0]))) },
        { "code with scope whose code string runs into the scope", Document(Element(0x0F, Utf8("input"), CodeWithScope([.. Int32Bytes(3), 0x66, 0, .. Document()]))) },
        { "code with scope whose code is not terminated", Document(Element(0x0F, Utf8("input"), CodeWithScope([.. Int32Bytes(1), 0x66, .. Document()]))) },
        { "code with scope whose scope has an unknown type", Document(Element(0x0F, Utf8("input"), CodeWithScope(BsonString([0x66, 0]), Document(Element(0x0C, Utf8("q"), [0]))))) },
        { "code with scope whose code has length 0", Document(Element(0x0F, Utf8("input"), CodeWithScope([.. Int32Bytes(0), .. Document()]))) },
        { "code with scope whose scope repeats a name", Document(Element(0x0F, Utf8("input"), CodeWithScope(BsonString([0x66, 0]), Document(Element(0x0A, Utf8("q")), Element(0x0A, Utf8("q")))))) },
    };

    [Theory]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(101)]
    public void Bson_json_matches_mongodb_on_documents_nested_to_the_depth_limits(int levels)
    {
        // Built by hand: MongoDB.Bson's own writer refuses to nest past 100.
        var document = Document(Element(0x02, Utf8("input"), BsonString([0x61, 0])));
        for (var i = 1; i < levels; i++)
        {
            document = Document(Element(0x03, Utf8(i % 2 == 0 ? "d" : "e"), document));
        }

        AssertBsonParity(document);
        AssertBsonParity(Document(Element(0x0F, Utf8("c"), CodeWithScope(BsonString(Utf8("f()\0")), document))));
    }

    [Theory]
    [MemberData(nameof(CraftedDocuments))]
    public void Bson_json_matches_mongodb_on_crafted_documents(string what, byte[] bytes)
    {
        Assert.True(BsonShape.Check(bytes) is null, what);
        AssertBsonParity(bytes);
    }

    private static void AssertBsonValidatorParity(byte[] bytes, int chunk)
    {
        var expected = Run((f, s, o, l) => new MongoBsonValidator(f, s, o, l, thinkingRequired: true), "dataset/train.bson", bytes, chunk, ValidationOptions.Default);
        var actual = Run((f, s, o, l) => new BsonValidator(f, s, o, l, thinkingRequired: true), "dataset/train.bson", bytes, chunk, ValidationOptions.Default);
        Assert.Equal(string.Join("\n", expected.Diagnostics), string.Join("\n", actual.Diagnostics));
        Assert.Equal((expected.Stats, expected.Inputs), (actual.Stats, actual.Inputs));
    }

    [Fact]
    public void Bson_validator_matches_the_mongodb_one_on_streams_of_documents() =>
        Gen.Select(BsonDocuments(2).Array[1, 4], Gen.Int[0, 10_000], Gen.Byte, Gen.Int[1, 64]).Sample(
            (documents, at, value, chunk) =>
            {
                var bytes = documents.SelectMany(d => d.ToBson()).ToArray();
                AssertBsonValidatorParity(bytes, chunk);
                bytes[at % bytes.Length] = value;
                AssertBsonValidatorParity(bytes, chunk);
            },
            iter: 1500);
}
