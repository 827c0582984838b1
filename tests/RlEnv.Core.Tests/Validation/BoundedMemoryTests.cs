using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Validation;

[CollectionDefinition(nameof(BoundedMemoryTests), DisableParallelization = true)]
public class BoundedMemoryRunsAlone;

/// <summary>Runs alone, so the process-wide allocation counter measures only this test.</summary>
[Collection(nameof(BoundedMemoryTests))]
public class BoundedMemoryTests
{
    [Fact]
    public void A_256_MiB_line_without_a_newline_is_reported_without_being_held()
    {
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, (byte)'a');
        var split = new SplitAccumulator("train", "dataset/train.jsonl");
        var limiter = new DiagnosticLimiter(50);
        var options = ValidationOptions.Default with { MaxLineBytes = 1024 * 1024 };
        var before = GC.GetTotalAllocatedBytes(precise: true);

        using (var validator = new JsonlValidator("dataset/train.jsonl", split, options, limiter, thinkingRequired: false))
        {
            for (var i = 0; i < 256; i++)
            {
                validator.Observe(chunk);
            }

            validator.Observe("\n{\"input\":\"after\"}\n"u8);
            validator.Complete();
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 48L * 1024 * 1024, $"allocated {allocated:N0} bytes for a 256 MiB line");
        var bag = new DiagnosticBag();
        limiter.FlushTo(bag, "dataset/train.jsonl");
        var error = Assert.Single(bag.ToSortedList());
        Assert.Equal((DiagnosticCatalog.LineTooLong.Code, 1), (error.Code, error.Line));
        Assert.Equal(1, split.Rows);
    }

    [Fact]
    public void A_bson_string_claiming_half_a_gigabyte_is_refused_without_allocating_it()
    {
        // 32 bytes whose string length prefix claims 0x21000002 bytes: MongoDB.Bson alone allocates 528 MiB for it.
        var bytes = Convert.FromHexString("2000000002696E70757400020000216100026F757405757400023B0000310000");
        var split = new SplitAccumulator("train", "dataset/train.bson");
        var limiter = new DiagnosticLimiter(50);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        using (var validator = new BsonValidator("dataset/train.bson", split, ValidationOptions.Default, limiter, thinkingRequired: false))
        {
            validator.Observe(bytes);
            validator.Complete();
        }

        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 8L * 1024 * 1024);
        var bag = new DiagnosticBag();
        limiter.FlushTo(bag, "dataset/train.bson");
        Assert.Equal((DiagnosticCatalog.BsonDocument.Code, 1), Assert.Single(bag.ToSortedList()) is var d ? (d.Code, d.Line) : default);
    }
}
