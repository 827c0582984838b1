using System.IO.Abstractions;
using RlEnv.Core.Publishing;

namespace RlEnv.Core.Tests.Publishing;

public class LocalFilesTests
{
    [Fact]
    public void A_file_longer_than_its_stat_size_is_read_whole_not_cut_at_the_size_seen_first()
    {
        // /proc files report a size of 0 yet hold text: the same shape as a file that grew after it was stat'ed.
        var fileSystem = new FileSystem();
        const string path = "/proc/self/status";
        Assert.Equal(0, fileSystem.FileInfo.New(path).Length);

        var bytes = LocalFiles.ReadBounded(fileSystem, path, 1 << 20);

        Assert.NotNull(bytes);
        Assert.Contains("Name:", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_turns_out_larger_than_the_limit_is_refused()
    {
        var bytes = LocalFiles.ReadBounded(new FileSystem(), "/proc/self/status", 8);

        Assert.Null(bytes);
    }
}
