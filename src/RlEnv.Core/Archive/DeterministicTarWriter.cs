using System.Text;
using ICSharpCode.SharpZipLib.Tar;

namespace RlEnv.Core.Archive;

/// <summary>
/// Writes POSIX ustar entries through SharpZipLib with everything that varies between machines fixed:
/// mtime, uid/gid 0, empty owner names, modes 0644/0755. Long names get a PAX "path" record
/// (never GNU's ././@LongLink), so every reader sees the same name. It writes regular files only, as
/// <c>flash env push</c> does (push.py <c>_tar_b64</c>): no folder entries, so no empty folder can ship and
/// every member counts the same for RlEnv and the hub.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification =
    "Disposing TarOutputStream calls Finish() again and appends a stray end-of-archive block; it owns no handle (IsStreamOwner=false).")]
public sealed class DeterministicTarWriter
{
    private const int FileMode = 0b110_100_100; // 0644
    private const int ExecutableMode = 0b111_101_101; // 0755

    private readonly TarOutputStream _tar;
    private readonly Stream _output;
    private readonly DateTime _modTime;

    public DeterministicTarWriter(Stream output, DateTime modTime)
    {
        // Blocking factor 1: no record padding, so the stream's size is exactly what TarLayout computes.
        _tar = new TarOutputStream(output, blockFactor: 1, Encoding.UTF8) { IsStreamOwner = false };
        _output = output;
        _modTime = modTime;
    }

    /// <summary>Starts a file entry; the caller then writes exactly <paramref name="size"/> bytes and calls <see cref="CloseEntry"/>.</summary>
    public void BeginFile(string path, long size, bool executable) =>
        PutEntry(path, TarHeader.LF_NORMAL, size, executable ? ExecutableMode : FileMode);

    public void Write(ReadOnlySpan<byte> data) => _tar.Write(data);

    public void CloseEntry() => _tar.CloseEntry();

    /// <summary>
    /// Ends the archive with the two zero blocks POSIX requires; SharpZipLib writes one and relies on
    /// record padding for the second, which a blocking factor of 1 does not give (GNU tar: "A lone zero block").
    /// </summary>
    public void Finish()
    {
        _tar.Finish();
        _output.Write(new byte[TarLayout.BlockSize]);
    }

    private void PutEntry(string name, byte type, long size, int mode)
    {
        var storedName = name;
        if (TarLayout.NeedsPaxHeader(name))
        {
            var record = TarLayout.PaxPathRecord(name);
            _tar.PutNextEntry(new TarEntry(Header(TarLayout.FileNameFallback("PaxHeaders/" + name), TarHeader.LF_XHDR, record.Length, FileMode)));
            _tar.Write(record);
            _tar.CloseEntry();
            storedName = TarLayout.FileNameFallback(name);
        }

        _tar.PutNextEntry(new TarEntry(Header(storedName, type, size, mode)));
        if (size == 0)
        {
            _tar.CloseEntry();
        }
    }

    private TarHeader Header(string name, byte type, long size, int mode) => new()
    {
        Name = name,
        TypeFlag = type,
        Size = size,
        Mode = mode,
        ModTime = _modTime,
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
