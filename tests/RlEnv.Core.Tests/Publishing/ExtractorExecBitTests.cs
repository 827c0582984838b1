using System.Formats.Tar;
using System.IO.Abstractions;
using System.IO.Compression;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Publishing;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Publishing;

/// <summary>Pull restores what pack wrote (0755 for anything executable, else 0644), and never setuid, setgid or sticky.</summary>
public class ExtractorExecBitTests
{
    private const UnixFileMode Mode755 = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Mode644 = (UnixFileMode)0b110_100_100;

    private static byte[] Archive(params (string Name, UnixFileMode Mode)[] members)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, mode) in members)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream([1]) });
            }
        }

        return output.ToArray();
    }

    public static TheoryData<int, int> Modes() => new()
    {
        { 0b111_101_101, 0b111_101_101 },
        { 0b110_100_100, 0b110_100_100 },
        { 0b111_000_000, 0b111_101_101 },
        { 0b110_100_101, 0b111_101_101 },
        { 0b100_111_101_101, 0b111_101_101 },
        { 0b111_111_111_111, 0b111_101_101 },
        { 0b010_110_110_110, 0b110_100_100 },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Exec_bit_is_restored_as_0755_and_special_bits_are_dropped_on_disk(int packed, int expected)
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.Combine("a.tar.gz"), Archive(("run.py", (UnixFileMode)packed)));

        Assert.Equal(1, SafeExtractor.Extract(new FileSystem(), temp.Combine("a.tar.gz"), temp.Combine("out"), PackLimits.Hub, new DiagnosticBag()));
        Assert.Equal((UnixFileMode)expected, File.GetUnixFileMode(temp.Combine("out", "run.py")));
    }

    [Fact]
    public void Exec_bit_is_restored_on_a_mock_file_system_too()
    {
        var (files, diagnostics, fs) = Hostile.Extract(Archive(("run.py", (UnixFileMode)0b111_101_101), ("data.txt", Mode644)));

        Assert.Empty(diagnostics);
        Assert.Equal(2, files);
        Assert.Equal(Mode755, fs.File.GetUnixFileMode(Hostile.Target + "/run.py"));
        Assert.Equal(Mode644, fs.File.GetUnixFileMode(Hostile.Target + "/data.txt"));
    }
}
