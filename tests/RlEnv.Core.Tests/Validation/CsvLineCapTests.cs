using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Validation;

/// <summary>--max-line-bytes holds for .csv splits too: on records (a quoted field may span lines) and so on fields.</summary>
public class CsvLineCapTests
{
    private static ValidationOptions Cap(long bytes) => ValidationOptions.Default with { MaxLineBytes = bytes };

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void A_row_of_exactly_the_cap_passes_and_one_byte_more_is_an_error_at_its_line(string newline)
    {
        // "input" + newline, then rows of 10 and 11 bytes, line break excluded.
        var csv = $"input{newline}aaaaaaaaaa{newline}bbbbbbbbbbb{newline}ccc{newline}";

        var result = new DatasetEnvironment().Text("dataset/train.csv", csv).Validate(Cap(10));

        var error = DatasetEnvironment.Single(result, DiagnosticCatalog.LineTooLong.Code);
        Assert.Equal(("dataset/train.csv", 3), (error.File, error.Line));
        Assert.Equal(2, result.Splits.Single().Rows);
    }

    [Fact]
    public void A_quoted_field_spanning_lines_counts_as_one_record_reported_where_it_starts()
    {
        var field = string.Join('\n', Enumerable.Repeat("short", 10));
        var csv = $"input,output\nok,1\n\"{field}\",2\nafter,3\n";

        var result = new DatasetEnvironment().Text("dataset/train.csv", csv).Validate(Cap(40));

        Assert.Equal(3, DatasetEnvironment.Single(result, DiagnosticCatalog.LineTooLong.Code).Line);
        Assert.Equal(2, result.Splits.Single().Rows);
    }

    [Fact]
    public void An_over_long_header_is_an_error_on_line_1()
    {
        var result = new DatasetEnvironment().Text("dataset/train.csv", "input," + new string('h', 100) + "\na,b\n").Validate(Cap(50));

        Assert.Equal(1, DatasetEnvironment.Single(result, DiagnosticCatalog.LineTooLong.Code).Line);
    }
}

[Collection(nameof(BoundedMemoryTests))]
public class CsvLineCapMemoryTests
{
    private static (Diagnostic Error, long Allocated) Feed(string head, byte fill, int megabytes)
    {
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, fill);
        var split = new SplitAccumulator("train", "dataset/train.csv");
        var limiter = new DiagnosticLimiter(50);
        var options = ValidationOptions.Default with { MaxLineBytes = 1024 * 1024 };
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using (var validator = new CsvValidator("dataset/train.csv", split, options, limiter, thinkingRequired: false))
        {
            validator.Observe(Encoding.UTF8.GetBytes(head));
            for (var i = 0; i < megabytes; i++)
            {
                validator.Observe(chunk);
            }

            validator.Observe("\n"u8);
            validator.Complete();
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var bag = new DiagnosticBag();
        limiter.FlushTo(bag, "dataset/train.csv");
        return (Assert.Single(bag.ToSortedList(), d => d.Severity == Severity.Error), allocated);
    }

    [Fact]
    public void A_200_MiB_row_is_reported_at_its_line_without_being_held()
    {
        var (error, allocated) = Feed("input\nfirst\n", (byte)'a', 200);

        Assert.Equal((DiagnosticCatalog.LineTooLong.Code, 3), (error.Code, error.Line));
        Assert.True(allocated < 48L * 1024 * 1024, $"allocated {allocated:N0} bytes for a 200 MiB row");
    }

    [Fact]
    public void An_unterminated_quote_is_reported_where_it_opens_without_holding_the_rest_of_the_file()
    {
        // Every byte after the quote is a line break: 200 MiB of short "lines" inside one quoted field.
        var (error, allocated) = Feed("input\nfirst\n\"open", (byte)'\n', 200);

        Assert.Equal((DiagnosticCatalog.LineTooLong.Code, 3), (error.Code, error.Line));
        Assert.True(allocated < 48L * 1024 * 1024, $"allocated {allocated:N0} bytes for a 200 MiB unclosed quote");
    }
}
