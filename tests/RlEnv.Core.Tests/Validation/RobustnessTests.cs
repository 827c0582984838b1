using System.Text;
using CsCheck;
using MongoDB.Bson;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Scanning;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Validation;

/// <summary>Random and mutated bytes never make a validator throw, and every error it reports has a file and a line.</summary>
public class RobustnessTests
{
    private const string NoDiagnostic = "";

    private static readonly ValidationOptions Small = ValidationOptions.Default with { MaxLineBytes = 4096 };

    private static readonly byte[] ValidJsonl = Encoding.UTF8.GetBytes(
        "{\"input\":\"What is 2 + 2?\",\"output\":\"<think>2+2</think>4\",\"metadata\":{\"k\":[1,2.5,null,true]}}\n" +
        "{\"input\":\"Refund\",\"output\":{\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"ok\"},{\"role\":\"assistant\",\"content\":\"<think>r</think>done\"}]},\"images\":[\"a.png\"]}\n");

    private static readonly byte[] ValidCsv = Encoding.UTF8.GetBytes("input,output,metadata\n\"q, with comma\",4,\"{\"\"k\"\":1}\"\nplain,5,\n");

    private static readonly byte[] ValidBson = [.. new BsonDocument { ["input"] = "a", ["output"] = "1" }.ToBson(), .. new BsonDocument { ["input"] = "b" }.ToBson()];

    private static IReadOnlyList<Diagnostic> Run(string extension, byte[] bytes, int chunk, bool thinking = true)
    {
        var file = "dataset/train" + extension;
        var split = new SplitAccumulator("train", file);
        var limiter = new DiagnosticLimiter(50);
        IContentObserver observer = extension switch
        {
            ".jsonl" => new JsonlValidator(file, split, Small, limiter, thinkingRequired: thinking),
            ".json" => new JsonArrayValidator(file, split, Small, limiter, thinkingRequired: thinking),
            ".csv" => new CsvValidator(file, split, Small, limiter, thinkingRequired: thinking),
            ".txt" => new TextValidator(file, split, Small, limiter),
            _ => new BsonValidator(file, split, Small, limiter, thinkingRequired: thinking),
        };
        using (observer)
        {
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                observer.Observe(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
            }

            observer.Complete();
        }

        var bag = new DiagnosticBag();
        limiter.FlushTo(bag, file);
        return bag.ToSortedList();
    }

    private static void AssertWellFormed(IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics.Where(d => d.Severity != Severity.Info))
        {
            Assert.False(string.IsNullOrEmpty(d.File), d.ToCanonicalString());
            Assert.True(d.Line is > 0, d.ToCanonicalString());
            Assert.StartsWith("RLENV2", d.Code, StringComparison.Ordinal);
        }
    }

    private static Gen<byte[]> Mutated(byte[] valid) =>
        Gen.Select(Gen.Int[0, valid.Length - 1].Array[1, 8], Gen.Byte.Array[1, 8], Gen.Int[0, 2], (positions, values, kind) =>
        {
            var bytes = valid.ToList();
            for (var i = 0; i < positions.Length; i++)
            {
                var at = Math.Min(positions[i], bytes.Count - 1);
                switch (kind)
                {
                    case 0: bytes[at] = values[i % values.Length]; break;
                    case 1: bytes.Insert(at, values[i % values.Length]); break;
                    default: if (bytes.Count > 1) { bytes.RemoveAt(at); } break;
                }
            }

            return bytes.ToArray();
        });

    [Theory]
    [InlineData(".jsonl")]
    [InlineData(".json")]
    [InlineData(".csv")]
    [InlineData(".txt")]
    [InlineData(".bson")]
    public void Random_bytes_never_throw_and_errors_carry_file_and_line(string extension) =>
        Gen.Select(Gen.Byte.Array[0, 3000], Gen.Int[1, 700]).Sample((bytes, chunk) => AssertWellFormed(Run(extension, bytes, chunk)), iter: 300);

    [Fact]
    public void Mutated_jsonl_records_never_throw_and_errors_carry_file_and_line() =>
        Gen.Select(Mutated(ValidJsonl), Gen.Int[1, 97]).Sample((bytes, chunk) => AssertWellFormed(Run(".jsonl", bytes, chunk)), iter: 1500);

    [Fact]
    public void Mutated_json_arrays_never_throw() =>
        Mutated(Encoding.UTF8.GetBytes("[" + Encoding.UTF8.GetString(ValidJsonl).Trim().Replace("\n", ",\n", StringComparison.Ordinal) + "]")).Sample(bytes => AssertWellFormed(Run(".json", bytes, 64)), iter: 800);

    [Fact]
    public void Mutated_csv_never_throws() => Mutated(ValidCsv).Sample(bytes => AssertWellFormed(Run(".csv", bytes, 7)), iter: 800);

    [Fact]
    public void Mutated_bson_never_throws() => Mutated(ValidBson).Sample(bytes => AssertWellFormed(Run(".bson", bytes, 5)), iter: 800);

    [Fact]
    public void Unmutated_seeds_are_valid()
    {
        Assert.Empty(Run(".jsonl", ValidJsonl, 13));
        Assert.Empty(Run(".csv", ValidCsv, 13, thinking: false));
        Assert.Empty(Run(".bson", ValidBson, 13, thinking: false));
    }

    public static TheoryData<string, string> Corpus() => new()
    {
        { "{\"input\":\"a\"", DiagnosticCatalog.JsonSyntax.Code },
        { "{\"input\":\"a\"}}", DiagnosticCatalog.JsonSyntax.Code },
        { "{input:\"a\"}", DiagnosticCatalog.JsonSyntax.Code },
        { "{\"input\":\"\\x41\"}", DiagnosticCatalog.JsonSyntax.Code },
        { "{\"input\":\"tab\there\"}", DiagnosticCatalog.JsonSyntax.Code },
        { "{\"input\":01}", DiagnosticCatalog.JsonSyntax.Code },
        { "{\"input\":\"a\",\"n\":1.}", DiagnosticCatalog.JsonSyntax.Code },
        { "{\"input\":\"a\",\"n\":-}", DiagnosticCatalog.JsonSyntax.Code },
        { "{\"input\":\"a\",\"n\":+1}", DiagnosticCatalog.JsonSyntax.Code },
        { "{\"input\":\"a\",\"n\":True}", DiagnosticCatalog.JsonSyntax.Code },
        { "{\"input\":\"a\",\"n\":None}", DiagnosticCatalog.JsonSyntax.Code },
        { "{\"input\":\"a\"}\u0000", DiagnosticCatalog.JsonSyntax.Code },
        { "{\"input\":\"\\ud800\"}", NoDiagnostic },
        { "null", DiagnosticCatalog.RecordNotObject.Code },
        { "{\"input\":[\"a\"]}", NoDiagnostic },
        { "{\"output\":\"a\"}", DiagnosticCatalog.InputInvalid.Code },
        { "{\"input\":\"a\",\"output\":{\"messages\":\"no\"}}", DiagnosticCatalog.OutputInvalid.Code },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Corpus_of_malformed_lines_reports_the_expected_code_on_line_2(string line, string code)
    {
        var diagnostics = Run(".jsonl", Encoding.UTF8.GetBytes("{\"input\":\"fine\"}\n" + line + "\n"), 1 << 16, thinking: false);

        if (code == NoDiagnostic)
        {
            // Python's json accepts lone surrogate escapes; so do we.
            Assert.Empty(diagnostics);
            return;
        }

        var d = Assert.Single(diagnostics);
        Assert.Equal((code, 2), (d.Code, d.Line));
    }
}
