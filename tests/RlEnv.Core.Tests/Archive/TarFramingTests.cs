using System.Text;
using ICSharpCode.SharpZipLib.Tar;
using RlEnv.Core.Archive;

namespace RlEnv.Core.Tests.Archive;

/// <summary>
/// The tar writer frames data itself (headers from SharpZipLib, data written straight through); its stream must be
/// byte for byte what SharpZipLib's TarOutputStream wrote before, so artifacts stay identical.
/// </summary>
public class TarFramingTests
{
    private static readonly DateTime MTime = new(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    public static TheoryData<string, int, bool> Entries => new()
    {
        { "environment.py", 0, false },
        { "a", 1, true },
        { "dataset/train.jsonl", 511, false },
        { "dataset/train.jsonl", 512, false },
        { "dataset/train.jsonl", 513, true },
        { "dataset/notes/naïve café.txt", 70_000, false },
        { "dataset/" + new string('l', 130) + ".json", 1_000, false },
        { new string('é', 60) + "/x.py", 3, false },
        { "deep/" + string.Concat(Enumerable.Repeat("segment/", 40)) + "file", 2_049, true },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void Each_entry_is_what_TarOutputStream_wrote(string path, int size, bool executable)
    {
        var content = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(WithTarOutputStream([(path, content, executable)]), WithWriter([(path, content, executable)]));
    }

    [Fact]
    public void A_whole_archive_written_in_uneven_pieces_is_what_TarOutputStream_wrote()
    {
        var files = Entries.Select(e => ((string)e[0], Enumerable.Range(0, (int)e[1]).Select(i => (byte)(i % 251)).ToArray(), (bool)e[2])).ToList();
        Assert.Equal(WithTarOutputStream(files), WithWriter(files, pieceSize: 333));
    }

    private static byte[] WithWriter(List<(string Path, byte[] Content, bool Executable)> files, int pieceSize = int.MaxValue)
    {
        using var output = new MemoryStream();
        var writer = new DeterministicTarWriter(output, MTime);
        foreach (var (path, content, executable) in files)
        {
            writer.BeginFile(path, content.Length, executable);
            for (var offset = 0; offset < content.Length; offset += pieceSize)
            {
                writer.Write(content.AsSpan(offset, Math.Min(pieceSize, content.Length - offset)));
            }

            writer.CloseEntry();
        }

        writer.Finish();
        return output.ToArray();
    }

    /// <summary>The writer as it was: SharpZipLib's TarOutputStream with a blocking factor of 1, and one more zero block.</summary>
    private static byte[] WithTarOutputStream(List<(string Path, byte[] Content, bool Executable)> files)
    {
        using var output = new MemoryStream();
        var tar = new TarOutputStream(output, blockFactor: 1, Encoding.UTF8) { IsStreamOwner = false };
        foreach (var (path, content, executable) in files)
        {
            var stored = path;
            if (TarLayout.NeedsPaxHeader(path))
            {
                var record = TarLayout.PaxPathRecord(path);
                tar.PutNextEntry(new TarEntry(Header(TarLayout.FileNameFallback("PaxHeaders/" + path), TarHeader.LF_XHDR, record.Length, 0b110_100_100)));
                tar.Write(record);
                tar.CloseEntry();
                stored = TarLayout.FileNameFallback(path);
            }

            tar.PutNextEntry(new TarEntry(Header(stored, TarHeader.LF_NORMAL, content.Length, executable ? 0b111_101_101 : 0b110_100_100)));
            tar.Write(content);
            tar.CloseEntry();
        }

        tar.Finish();
        output.Write(new byte[TarLayout.BlockSize]);
        return output.ToArray();
    }

    private static TarHeader Header(string name, byte type, long size, int mode) => new()
    {
        Name = name,
        TypeFlag = type,
        Size = size,
        Mode = mode,
        ModTime = MTime,
        UserId = 0,
        GroupId = 0,
        UserName = string.Empty,
        GroupName = string.Empty,
        Magic = "ustar",
        Version = "00",
        LinkName = string.Empty,
        DevMajor = 0,
        DevMinor = 0,
    };
}
