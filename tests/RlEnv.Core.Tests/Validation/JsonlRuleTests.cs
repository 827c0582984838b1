using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Validation;

public class JsonlRuleTests
{
    private const string Train = "dataset/train.jsonl";
    private const string Good = "{\"input\":\"What is 2 + 2?\",\"output\":\"4\"}";

    private static Diagnostic One(string code, params string[] lines) =>
        DatasetEnvironment.Single(new DatasetEnvironment().Lines(Train, lines).Validate(), code);

    [Fact]
    public void Valid_records_pass_and_are_counted()
    {
        var result = new DatasetEnvironment().Lines(Train, Good, "{\"input\":\"no label\"}", "{\"input\":\"m\",\"output\":null,\"metadata\":{\"k\":[1,2]}}").Validate();

        DatasetEnvironment.Clean(result);
        var split = Assert.Single(result.Splits);
        Assert.Equal(("train", Train, 3L, 1L, 2L), (split.Name, split.Path, split.Rows, split.RowsWithOutput, split.RowsWithoutOutput));
    }

    [Fact]
    public void Invalid_utf8_is_an_error_at_its_line_and_byte_column()
    {
        var bytes = Encoding.UTF8.GetBytes(Good + "\n{\"input\":\"ab").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}\n")).ToArray();

        var error = DatasetEnvironment.Single(new DatasetEnvironment().Bytes(Train, bytes).Validate(), DiagnosticCatalog.InvalidUtf8.Code);

        Assert.Equal((Train, 2, 13), (error.File, error.Line, error.Column));
    }

    [Fact]
    public void Bom_is_an_error_that_says_how_to_fix_it_and_the_rest_is_still_validated()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Good + "\n{\"x\":1}\n")).ToArray();

        var result = new DatasetEnvironment().Bytes(Train, bytes).Validate();

        var bom = DatasetEnvironment.Single(result, DiagnosticCatalog.Utf8Bom.Code);
        Assert.Equal((1, 1), (bom.Line, bom.Column));
        Assert.Contains("without BOM", bom.Message, StringComparison.Ordinal);
        Assert.Equal(2, DatasetEnvironment.Single(result, DiagnosticCatalog.InputInvalid.Code).Line);
    }

    [Fact]
    public void Crlf_line_endings_are_accepted() =>
        DatasetEnvironment.Clean(new DatasetEnvironment().Text(Train, Good + "\r\n" + Good.Replace("2 + 2", "3 + 3", StringComparison.Ordinal) + "\r\n").Validate());

    [Fact]
    public void Whitespace_only_lines_are_blank_and_skipped_but_still_numbered()
    {
        var result = new DatasetEnvironment().Text(Train, Good + "\n\n   \t\r\n{\"output\":\"x\"}\n").Validate();

        Assert.Equal(4, DatasetEnvironment.Single(result, DiagnosticCatalog.InputInvalid.Code).Line);
        Assert.Equal(2, result.Splits.Single().Rows);
    }

    [Theory]
    [InlineData("{\"input\":\"a\",\"score\":NaN}", 22)]
    [InlineData("{\"input\":\"a\",\"score\":Infinity}", 22)]
    [InlineData("{\"input\":\"a\" /* c */}", 14)]
    [InlineData("{\"input\":\"a\",}", 14)]
    [InlineData("{\"input\":\"a\"} {\"input\":\"b\"}", 15)]
    [InlineData("{\"input\":'a'}", 10)]
    public void Non_strict_json_is_an_error_at_its_column(string line, int column)
    {
        var error = One(DiagnosticCatalog.JsonSyntax.Code, Good, line);

        Assert.Equal((2, column), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void A_line_that_is_not_an_object_is_an_error(string line) => Assert.Equal(1, One(DiagnosticCatalog.RecordNotObject.Code, line).Line);

    [Theory]
    [InlineData("{\"input\":\"a\",\"input\":\"b\"}", 14)]
    [InlineData("{\"input\":\"a\",\"metadata\":{\"k\":1,\"k\":2}}", 32)]
    [InlineData("{\"input\":\"a\",\"metadata\":{\"list\":[{\"x\":1,\"x\":1}]}}", 41)]
    [InlineData("{\"input\":\"a\",\"\\u0069nput\":\"b\"}", 14)]
    public void Duplicate_keys_at_any_depth_are_errors(string line, int column)
    {
        var error = One(DiagnosticCatalog.DuplicateKey.Code, line);

        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void Same_key_in_sibling_objects_is_not_a_duplicate() =>
        DatasetEnvironment.Clean(new DatasetEnvironment().Lines(Train, "{\"input\":\"a\",\"metadata\":{\"a\":{\"k\":1},\"b\":{\"k\":2}}}").Validate());

    [Fact]
    public void Nesting_that_python_accepts_is_accepted_and_deeper_is_an_error()
    {
        static string Nested(int depth) => "{\"input\":\"a\",\"metadata\":{\"d\":" + new string('[', depth) + new string(']', depth) + "}}";

        DatasetEnvironment.Clean(new DatasetEnvironment().Lines(Train, Nested(500)).Validate());
        Assert.Equal(1, One(DiagnosticCatalog.JsonSyntax.Code, Nested(1200)).Line);
    }

    [Fact]
    public void A_line_over_the_cap_is_an_error_and_later_lines_keep_their_numbers()
    {
        var huge = "{\"input\":\"" + new string('x', 3 * 1024 * 1024) + "\"}";

        var result = new DatasetEnvironment().Lines(Train, Good, huge, "{\"output\":\"x\"}").Validate(ValidationOptions.Default with { MaxLineBytes = 64 * 1024 });

        Assert.Equal(2, DatasetEnvironment.Single(result, DiagnosticCatalog.LineTooLong.Code).Line);
        Assert.Equal(3, DatasetEnvironment.Single(result, DiagnosticCatalog.InputInvalid.Code).Line);
    }

    [Theory]
    [InlineData("{\"output\":\"4\"}")]
    [InlineData("{\"prompt\":\"What?\"}")]
    public void Input_is_required(string line) => Assert.Equal(1, One(DiagnosticCatalog.InputInvalid.Code, line).Line);

    // Flash's readers need only the key (adapter.py::_canonical_record; dataset_profile.py), and the SDK renders any
    // JSON value to the prompt: test_dataset_profile.py feeds dicts, lists, 42 and padded strings (T:333-359).
    [Theory]
    [InlineData("{\"input\":\"\"}")]
    [InlineData("{\"input\":42}")]
    [InlineData("{\"input\":null}")]
    [InlineData("{\"input\":\"  padded  \"}")]
    [InlineData("{\"input\":{\"question\":\"2 + 2\",\"unit\":\"none\"}}")]
    [InlineData("{\"input\":[\"a\",{\"b\":1}]}")]
    public void Input_of_any_json_type_is_accepted_as_flash_reads_it(string line) =>
        DatasetEnvironment.Clean(new DatasetEnvironment().Lines(Train, line).Validate());

    [Fact]
    public void A_non_string_input_counts_for_duplicates_but_never_equals_a_string_input()
    {
        var result = new DatasetEnvironment().Lines(Train, "{\"input\":[1,2]}", "{\"input\":[1,2]}", "{\"input\":\"[1,2]\"}").Validate();

        Assert.Equal(2, DatasetEnvironment.Single(result, DiagnosticCatalog.DuplicateInputs.Code).Line);
        Assert.Contains("1 inputs occur more than once (1 extra rows)", DatasetEnvironment.Single(result, DiagnosticCatalog.DuplicateInputs.Code).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"4\"")]
    [InlineData("4")]
    [InlineData("true")]
    [InlineData("{\"messages\":[{\"role\":\"assistant\",\"content\":\"4\"}]}")]
    [InlineData("[{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"4\"}]}]")]
    public void Output_may_be_a_scalar_messages_or_a_bare_message_list(string output) =>
        DatasetEnvironment.Clean(new DatasetEnvironment().Lines(Train, $"{{\"input\":\"q\",\"output\":{output}}}").Validate());

    [Theory]
    [InlineData("{\"answer\":\"4\"}", "RLENV2011")]
    [InlineData("{\"messages\":[],\"extra\":1}", "RLENV2011")]
    [InlineData("[{\"role\":\"bot\",\"content\":\"4\"}]", "RLENV2012")]
    [InlineData("[{\"content\":\"4\"}]", "RLENV2012")]
    [InlineData("[{\"role\":\"assistant\",\"content\":4}]", "RLENV2012")]
    [InlineData("[{\"role\":\"assistant\"}]", "RLENV2012")]
    [InlineData("[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}}}]}]", "RLENV2013")]
    [InlineData("[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{oops\"}}]}]", "RLENV2013")]
    [InlineData("[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"tool\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}]", "RLENV2013")]
    [InlineData("[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}]", "RLENV2013")]
    [InlineData("[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"arguments\":\"{}\"}}]}]", "RLENV2013")]
    [InlineData("[{\"role\":\"tool\",\"tool_call_id\":\"nope\",\"content\":\"{}\"}]", "RLENV2014")]
    [InlineData("[{\"role\":\"tool\",\"content\":\"{}\"}]", "RLENV2014")]
    public void Malformed_structured_output_is_an_error(string output, string code) =>
        Assert.Equal(1, One(code, $"{{\"input\":\"q\",\"output\":{output}}}").Line);

    [Fact]
    public void Tool_result_answering_an_earlier_call_is_valid() =>
        DatasetEnvironment.Clean(new DatasetEnvironment().Lines(Train,
            "{\"input\":\"Refund my last order.\",\"output\":{\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_refund\",\"type\":\"function\",\"function\":{\"name\":\"refund_order\",\"arguments\":\"{\\\"order\\\":\\\"last\\\"}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_refund\",\"content\":\"{\\\"ok\\\":true}\"},{\"role\":\"assistant\",\"content\":\"Your last order has been refunded.\"}]}}").Validate());

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    public void Metadata_must_be_an_object(string metadata) => One(DiagnosticCatalog.MetadataInvalid.Code, $"{{\"input\":\"q\",\"metadata\":{metadata}}}");

    [Theory]
    [InlineData("\"image\":\"images/a.png\"", true)]
    [InlineData("\"images\":[\"a.png\",\"b/c.png\"]", true)]
    [InlineData("\"images\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]", false)]
    [InlineData("\"image\":\"../secret.png\"", false)]
    [InlineData("\"image\":\"/etc/a.png\"", false)]
    [InlineData("\"image\":\"https://x/a.png\"", false)]
    [InlineData("\"images\":[1]", false)]
    public void Images_are_allowed_up_to_eight_inside_dataset(string field, bool valid)
    {
        var result = new DatasetEnvironment().Lines(Train, $"{{\"input\":\"q\",{field}}}").Validate();

        Assert.Equal(valid, !result.Diagnostics.Any(d => d.Code == DiagnosticCatalog.ImageInvalid.Code));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCatalog.KeyDropped.Code);
    }

    [Fact]
    public void Other_top_level_keys_are_warnings_naming_the_key_and_line()
    {
        var warning = One(DiagnosticCatalog.KeyDropped.Code, Good, "{\"input\":\"q\",\"initial_board\":[1,2]}");

        Assert.Equal((Severity.Warning, 2, 14), (warning.Severity, warning.Line, warning.Column));
        Assert.Contains("'initial_board'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("metadata", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Whole_file_is_validated_across_blocks_with_exact_line_numbers()
    {
        // About 8 MiB: several 4 MiB blocks, validated in parallel; the broken line is near the end.
        var lines = Enumerable.Range(0, 60_000).Select(i => $"{{\"input\":\"question {i} {new string('q', 120)}\",\"output\":\"{i}\"}}").ToArray();
        lines[59_990] = "{\"input\":\"q\",\"input\":\"again\"}";

        var error = One(DiagnosticCatalog.DuplicateKey.Code, lines);

        Assert.Equal(59_991, error.Line);
    }

    [Fact]
    public void At_most_fifty_diagnostics_per_file_and_code_are_listed_with_the_total()
    {
        var result = new DatasetEnvironment().Lines(Train, [.. Enumerable.Repeat("{\"output\":\"x\"}", 60)]).Validate();

        Assert.Equal(50, result.Diagnostics.Count(d => d.Code == DiagnosticCatalog.InputInvalid.Code));
        var more = DatasetEnvironment.Single(result, DiagnosticCatalog.MoreDiagnostics.Code);
        Assert.Contains("60 RLENV2010", more.Message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 50), result.Diagnostics.Where(d => d.Code == DiagnosticCatalog.InputInvalid.Code).Select(d => d.Line!.Value));
    }
}
