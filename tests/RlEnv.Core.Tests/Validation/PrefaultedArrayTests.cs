using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Validation;

/// <summary>Issue 15: mapping a table's pages up front (madvise MADV_POPULATE_WRITE), in huge pages where the array spans
/// a whole 2 MiB (MADV_HUGEPAGE), changes nothing a reader sees.</summary>
public class PrefaultedArrayTests
{
    [Theory]
    [InlineData(100)]
    [InlineData((3 << 20) + 17)]
    [InlineData((5 << 20) + 17)]
    public void A_prefaulted_array_reads_as_zeros_and_keeps_what_is_written(int length)
    {
        var array = PrefaultedArray.Allocate<byte>(length);

        Assert.Equal(length, array.Length);
        Assert.True(array.AsSpan().IndexOfAnyExcept((byte)0) < 0);
        for (var i = 0; i < array.Length; i += 4093)
        {
            array[i] = (byte)(i % 251);
        }

        GC.Collect();
        for (var i = 0; i < array.Length; i++)
        {
            Assert.Equal(i % 4093 == 0 ? (byte)(i % 251) : (byte)0, array[i]);
        }
    }
}
