using System.Text;
using ICSharpCode.SharpZipLib.Tar;

namespace RlEnv.Core.Archive;

/// <summary>
/// Writes POSIX ustar entries with everything that varies between machines fixed: mtime, uid/gid 0, empty owner
/// names, modes 0644/0755. Long names get a PAX "path" record (never GNU's ././@LongLink), so every reader sees the
/// same name. It writes regular files only, as <c>flash env push</c> does (push.py <c>_tar_b64</c>): no folder
/// entries, so no empty folder can ship and every member counts the same for RlEnv and the hub.
/// </summary>
/// <remarks>
/// SharpZipLib formats each 512-byte header (<see cref="TarHeader.WriteHeader(byte[], Encoding)"/>); the data goes
/// straight to the output, padded with zeros to 512, without the per-record copies and writes of its
/// TarOutputStream. The stream is byte for byte what TarOutputStream with a blocking factor of 1 wrote, plus the
/// second zero block POSIX requires at the end (GNU tar: "A lone zero block").
/// </remarks>
public sealed class DeterministicTarWriter(Stream output, DateTime modTime)
{
    private const int FileMode = 0b110_100_100; // 0644
    private const int ExecutableMode = 0b111_101_101; // 0755
    private static readonly byte[] Zeros = new byte[2 * TarLayout.BlockSize];

    private readonly byte[] _header = new byte[TarLayout.BlockSize];
    private long _remaining;
    private long _size;

    /// <summary>Starts a file entry; the caller then writes exactly <paramref name="size"/> bytes and calls <see cref="CloseEntry"/>.</summary>
    public void BeginFile(string path, long size, bool executable)
    {
        var storedName = path;
        if (TarLayout.NeedsPaxHeader(path))
        {
            var record = TarLayout.PaxPathRecord(path);
            WriteHeader(TarLayout.FileNameFallback("PaxHeaders/" + path), TarHeader.LF_XHDR, record.Length, FileMode);
            output.Write(record);
            Pad(record.Length);
            storedName = TarLayout.FileNameFallback(path);
        }

        WriteHeader(storedName, TarHeader.LF_NORMAL, size, executable ? ExecutableMode : FileMode);
        (_size, _remaining) = (size, size);
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.Length > _remaining)
        {
            throw new InvalidOperationException($"An entry of {_size} bytes was given more.");
        }

        output.Write(data);
        _remaining -= data.Length;
    }

    public void CloseEntry()
    {
        if (_remaining != 0)
        {
            throw new InvalidOperationException($"An entry of {_size} bytes was closed {_remaining} bytes short.");
        }

        Pad(_size);
    }

    /// <summary>Ends the archive with the two zero blocks POSIX requires.</summary>
    public void Finish() => output.Write(Zeros);

    private void Pad(long size)
    {
        var tail = (int)(size % TarLayout.BlockSize);
        if (tail != 0)
        {
            output.Write(Zeros.AsSpan(0, TarLayout.BlockSize - tail));
        }
    }

    private void WriteHeader(string name, byte type, long size, int mode)
    {
        Array.Clear(_header);
        new TarHeader
        {
            Name = name,
            TypeFlag = type,
            Size = size,
            Mode = mode,
            ModTime = modTime,
            UserId = 0,
            GroupId = 0,
            UserName = string.Empty,
            GroupName = string.Empty,
            Magic = "ustar",
            Version = "00",
            LinkName = string.Empty,
            DevMajor = 0,
            DevMinor = 0,
        }.WriteHeader(_header, Encoding.UTF8);
        output.Write(_header);
    }
}
