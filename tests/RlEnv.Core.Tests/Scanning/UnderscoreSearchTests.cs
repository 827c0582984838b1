using CsCheck;
using RlEnv.Core.Scanning;

namespace RlEnv.Core.Tests.Scanning;

/// <summary>Issue 15: one pass finds the next '_' and counts the newlines before it, as IndexOf and Count would.</summary>
public class UnderscoreSearchTests
{
    [Fact]
    public void Finds_the_first_underscore_and_counts_the_newlines_before_it_as_two_searches_would()
    {
        var bytes = Gen.OneOf(Gen.Const((byte)'_'), Gen.Const((byte)'\n'), Gen.Const((byte)'a'), Gen.Byte);
        Gen.Frequency((8, bytes.Array[0, 300]), (1, Gen.Const((byte)'\n').Array[0, 100])).Sample(span =>
        {
            long newlines = 7;

            var index = UnderscoreSearch.IndexOf(span, ref newlines);

            var expected = span.AsSpan().IndexOf((byte)'_');
            Assert.Equal(expected, index);
            Assert.Equal(7 + (expected < 0 ? span : span[..expected]).AsSpan().Count((byte)'\n'), newlines);
        }, iter: 2000);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(1000)]
    public void An_underscore_at_each_place_of_a_vector_is_found_after_the_newlines_before_it(int length)
    {
        for (var at = 0; at < length; at++)
        {
            var span = new byte[length];
            span.AsSpan().Fill((byte)'\n');
            span[at] = (byte)'_';
            long newlines = 0;

            Assert.Equal(at, UnderscoreSearch.IndexOf(span, ref newlines));
            Assert.Equal(at, newlines);
        }
    }
}
