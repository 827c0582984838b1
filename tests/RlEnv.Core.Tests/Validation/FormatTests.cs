using MongoDB.Bson;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Validation;

public class FormatTests
{
    [Fact]
    public void Json_split_is_a_top_level_array_of_records_with_record_lines()
    {
        var result = new DatasetEnvironment().Text("dataset/train.json", "[\n  {\"input\": \"a\", \"output\": \"1\"},\n  {\"output\": \"2\"},\n  [1]\n]\n").Validate();

        Assert.Equal(3, DatasetEnvironment.Single(result, DiagnosticCatalog.InputInvalid.Code).Line);
        Assert.Equal(4, DatasetEnvironment.Single(result, DiagnosticCatalog.RecordNotObject.Code).Line);
        Assert.Equal(2, result.Splits.Single().Rows);
    }

    [Fact]
    public void Json_split_that_is_not_an_array_is_an_error() =>
        DatasetEnvironment.Single(new DatasetEnvironment().Text("dataset/train.json", "{\"input\":\"a\"}").Validate(), DiagnosticCatalog.JsonFileShape.Code);

    [Fact]
    public void Json_split_syntax_error_has_its_absolute_line_and_column() =>
        Assert.Equal((3, 3), DatasetEnvironment.Single(new DatasetEnvironment().Text("dataset/train.json", "[\n {\"input\":\"a\"},\n {,}\n]").Validate(), DiagnosticCatalog.JsonSyntax.Code) is var d ? (d.Line, d.Column) : default);

    [Fact]
    public void Csv_split_with_input_output_and_metadata_is_valid()
    {
        var result = new DatasetEnvironment().Text("dataset/train.csv", "input,output,metadata\n\"What is 2 + 2?\",4,\"{\"\"k\"\": 1}\"\n\"Multi\nline\",,\n").Validate();

        DatasetEnvironment.Clean(result);
        var split = result.Splits.Single();
        Assert.Equal((2L, 1L), (split.Rows, split.RowsWithOutput));
    }

    [Fact]
    public void Csv_without_an_input_column_is_an_error() =>
        Assert.Equal(1, DatasetEnvironment.Single(new DatasetEnvironment().Text("dataset/train.csv", "prompt,output\na,b\n").Validate(), DiagnosticCatalog.CsvHeader.Code).Line);

    [Fact]
    public void Csv_ragged_row_is_an_error_at_its_line() =>
        Assert.Equal(3, DatasetEnvironment.Single(new DatasetEnvironment().Text("dataset/train.csv", "input,output\na,1\nb,2,extra\nc,3\n").Validate(), DiagnosticCatalog.CsvRow.Code).Line);

    [Fact]
    public void Csv_bad_quoting_is_an_error_at_the_line_the_row_starts()
    {
        Assert.Equal(3, new DatasetEnvironment().Text("dataset/train.csv", "input,output\na,1\n\"b \"quoted\" badly\",2\nc,3\n").Validate().Diagnostics.First(d => d.Code == DiagnosticCatalog.CsvRow.Code).Line);
        Assert.Equal(3, new DatasetEnvironment().Text("dataset/train.csv", "input,output\na,1\n\"unterminated,2\nc,3\n").Validate().Diagnostics.First(d => d.Code == DiagnosticCatalog.CsvRow.Code).Line);
    }

    [Fact]
    public void Csv_extra_column_is_dropped_with_a_warning_and_metadata_must_be_an_object()
    {
        var result = new DatasetEnvironment().Text("dataset/train.csv", "input,metadata,board\na,[1],x\n").Validate();

        Assert.Equal(Severity.Warning, DatasetEnvironment.Single(result, DiagnosticCatalog.CsvColumnDropped.Code).Severity);
        Assert.Equal(2, DatasetEnvironment.Single(result, DiagnosticCatalog.MetadataInvalid.Code).Line);
    }

    [Fact]
    public void Txt_split_has_one_input_per_non_blank_line()
    {
        var result = new DatasetEnvironment().Text("dataset/train.txt", "What is 2 + 2?\n\nWhat is 3 + 3?\r\n").Validate();

        DatasetEnvironment.Clean(result);
        Assert.Equal((2L, 0L), (result.Splits.Single().Rows, result.Splits.Single().RowsWithOutput));
    }

    [Fact]
    public void Bson_split_is_a_stream_of_documents_checked_as_records()
    {
        var bytes = new BsonDocument { ["input"] = "a", ["output"] = "1" }.ToBson()
            .Concat(new BsonDocument { ["output"] = "2" }.ToBson())
            .Concat(new BsonDocument { ["input"] = "c", ["extra"] = 1 }.ToBson()).ToArray();

        var result = new DatasetEnvironment().Bytes("dataset/train.bson", bytes).Validate();

        Assert.Equal(2, DatasetEnvironment.Single(result, DiagnosticCatalog.InputInvalid.Code).Line);
        Assert.Equal(3, DatasetEnvironment.Single(result, DiagnosticCatalog.KeyDropped.Code).Line);
        Assert.Equal(3, result.Splits.Single().Rows);
    }

    [Fact]
    public void Truncated_bson_is_an_error_naming_the_document()
    {
        var good = new BsonDocument { ["input"] = "a" }.ToBson();
        var bytes = good.Concat(good[..^3]).ToArray();

        Assert.Equal(2, DatasetEnvironment.Single(new DatasetEnvironment().Bytes("dataset/train.bson", bytes).Validate(), DiagnosticCatalog.BsonDocument.Code).Line);
    }
}
