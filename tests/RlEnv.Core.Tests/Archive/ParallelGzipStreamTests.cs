using System.IO.Compression;
using RlEnv.Core.Archive;

namespace RlEnv.Core.Tests.Archive;

public class ParallelGzipStreamTests
{
    private static byte[] Compress(byte[] input, int chunkSize, int workers, int writeSize, long cap = long.MaxValue)
    {
        using var output = new MemoryStream();
        using (var gzip = new ParallelGzipStream(output, 6, chunkSize, workers, cap))
        {
            for (var i = 0; i < input.Length; i += writeSize)
            {
                gzip.Write(input.AsSpan(i, Math.Min(writeSize, input.Length - i)));
            }

            gzip.Finish();
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] gzip)
    {
        using var reader = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var result = new MemoryStream();
        reader.CopyTo(result);
        return result.ToArray();
    }

    private static byte[] Sample(int length)
    {
        var bytes = new byte[length];
        var random = new Random(3);
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)"abcdefgh \n{}\""[random.Next(13)];
        }

        return bytes;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(50_000)]
    public void Round_trips_any_length_across_chunk_boundaries(int length)
    {
        var input = Sample(length);

        Assert.Equal(input, Decompress(Compress(input, chunkSize: 4096, workers: 2, writeSize: 1000)));
    }

    [Fact]
    public void Output_is_identical_whatever_the_worker_count_and_write_sizes()
    {
        var input = Sample(100_000);

        var one = Compress(input, 8192, workers: 1, writeSize: 100_000);
        var four = Compress(input, 8192, workers: 4, writeSize: 7);

        Assert.Equal(one, four);
    }

    [Fact]
    public void Every_chunk_is_its_own_gzip_member()
    {
        var output = Compress(Sample(10_000), chunkSize: 4096, workers: 2, writeSize: 10_000);

        var headers = 0;
        for (var i = 0; i + 3 < output.Length; i++)
        {
            if (output[i] == 0x1f && output[i + 1] == 0x8b && output[i + 2] == 8 && output[i + 9] == 0xff)
            {
                headers++;
            }
        }

        Assert.True(headers >= 3, $"expected 3 members, found {headers} headers");
    }

    [Fact]
    public void Passing_the_cap_throws_as_soon_as_a_member_would_pass_it()
    {
        var input = new byte[200_000];
        new Random(5).NextBytes(input);
        var exact = Compress(input, 16384, 2, 4096).Length;

        Assert.Equal(exact, Compress(input, 16384, 2, 4096, cap: exact).Length);
        var error = Assert.Throws<CompressedCapExceededException>(() => Compress(input, 16384, 2, 4096, cap: exact - 1));
        Assert.Equal(exact - 1, error.Cap);
    }

    [Fact]
    public void Compressed_bytes_are_attributed_to_the_sources_that_wrote_them()
    {
        using var output = new MemoryStream();
        using var gzip = new ParallelGzipStream(output, 6, 4096, 2);
        var noise = new byte[20_000];
        new Random(9).NextBytes(noise);
        gzip.CurrentSource = 0;
        gzip.Write(new byte[20_000]);
        gzip.CurrentSource = 1;
        gzip.Write(noise);
        gzip.Finish();

        Assert.True(gzip.CompressedBySource[1] > 10 * gzip.CompressedBySource[0]);
        Assert.Equal(gzip.CompressedBytes, gzip.CompressedBySource.Values.Sum(), 3);
    }
}
