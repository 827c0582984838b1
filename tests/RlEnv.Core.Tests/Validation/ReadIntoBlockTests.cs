using System.Text;
using CsCheck;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Scanning;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Validation;

/// <summary>
/// Issue 15: the member reader reads a split straight into the line validator's block and commits it
/// (<see cref="IContentBuffer"/>) instead of handing it a chunk to copy. Whatever the read sizes, committing reports
/// exactly what observing the same bytes reports: a BOM, blank lines, CRLF, a line over the cap that spans blocks.
/// </summary>
public class ReadIntoBlockTests
{
    private static readonly ValidationOptions Options = ValidationOptions.Default with { MaxLineBytes = 4096 };

    private static (string Report, SplitStats Stats) Observed(byte[] bytes, int chunk) => Run(bytes, validator =>
    {
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            validator.Observe(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
        }
    });

    private static (string Report, SplitStats Stats) Committed(byte[] bytes, int[] reads) => Run(bytes, validator =>
    {
        var offset = 0;
        for (var i = 0; offset < bytes.Length; i++)
        {
            var target = validator.ReadTarget.Span;
            var count = Math.Min(Math.Min(reads[i % reads.Length], target.Length), bytes.Length - offset);
            bytes.AsSpan(offset, count).CopyTo(target);
            validator.Commit(count);
            offset += count;
        }
    });

    private static (string Report, SplitStats Stats) Run(byte[] bytes, Action<LineStreamValidator> feed)
    {
        const string file = "dataset/train.jsonl";
        var split = new SplitAccumulator("train", file);
        var limiter = new DiagnosticLimiter(50);
        using (var validator = new JsonlValidator(file, split, Options, limiter, thinkingRequired: false))
        {
            feed(validator);
            validator.Complete();
        }

        var bag = new DiagnosticBag();
        limiter.FlushTo(bag, file);
        var report = string.Join("\n", bag.ToSortedList().Select(d => d.ToCanonicalString()));
        var stats = split.ToStats();
        split.Inputs.Dispose();
        return (report, stats);
    }

    private static readonly string[] Lines =
    [
        "{\"input\":\"a\",\"output\":\"1\"}\n",
        "{\"input\":\"b\"}\r\n",
        "\n",
        "  \r\n",
        "{\"input\":\"a\",\"extra\":1}\n",
        "not json\n",
        "{\"input\":\"c\",\"input\":\"d\"}\n",
        "{\"output\":\"no input\"}",
    ];

    private static Gen<byte[]> Splits =>
        Gen.Select(Gen.Bool, Gen.OneOf(Lines).Array[0, 60], Gen.Int[0, 3], Build);

    private static byte[] Build(bool bom, string[] lines, int longLines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line);
            if (longLines > 0 && line == "\n")
            {
                // Longer than a 1 MiB block: skipped past the cap without being held, across reads.
                text.Append("{\"input\":\"").Append('x', (1024 * 1024) + 1000).Append("\"}\n");
                longLines--;
            }
        }

        return [.. bom ? [0xEF, 0xBB, 0xBF] : Array.Empty<byte>(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    [Fact]
    public void Committing_reads_into_the_block_reports_what_observing_a_copy_reports()
    {
        Gen.Select(Splits, Gen.Int[1, 400_000].Array[1, 6]).Sample((bytes, reads) =>
        {
            var expected = Observed(bytes, 65536);
            Assert.Equal(expected, Committed(bytes, reads));
        }, iter: 60);
    }

    [Fact]
    public void A_bom_split_across_the_first_two_reads_is_still_skipped()
    {
        var bytes = "\uFEFF{\"input\":\"a\"}\n{\"input\":\"a\"}\n"u8.ToArray();

        var (report, stats) = Committed(bytes, [1, 1, 5]);

        Assert.Equal(Observed(bytes, bytes.Length), (report, stats));
        Assert.Equal(2, stats.Rows);
        Assert.Contains(DiagnosticCatalog.LineFileStartsWithBom("dataset/train.jsonl").Code, report, StringComparison.Ordinal);
    }
}
