using System.Globalization;
using System.Text;

namespace RlEnv.Core.Archive;

/// <summary>
/// The exact byte size of the tar stream the writer produces, computable from names and sizes alone:
/// one 512-byte ustar header per entry, a PAX header only for a name over 100 UTF-8 bytes, data padded
/// to 512, and two zero blocks at the end.
/// </summary>
public static class TarLayout
{
    public const int BlockSize = 512;
    public const int NameFieldBytes = 100;
    public const int EndOfArchiveBytes = 2 * BlockSize;

    public static bool NeedsPaxHeader(string name) => Encoding.UTF8.GetByteCount(name) > NameFieldBytes;

    public static long Padded(long size) => (size + BlockSize - 1) / BlockSize * BlockSize;

    public static long EntryBytes(string name, long size)
    {
        var bytes = BlockSize + Padded(size);
        if (NeedsPaxHeader(name))
        {
            bytes += BlockSize + Padded(PaxPathRecord(name).Length);
        }

        return bytes;
    }

    /// <summary>A PAX "path" record: its decimal length counts its own digits (POSIX pax, "ustar Interchange Format").</summary>
    public static byte[] PaxPathRecord(string name)
    {
        var body = Encoding.UTF8.GetByteCount(" path=" + name + "\n");
        var length = body + 1;
        while (length != body + length.ToString(CultureInfo.InvariantCulture).Length)
        {
            length = body + length.ToString(CultureInfo.InvariantCulture).Length;
        }

        return Encoding.UTF8.GetBytes($"{length} path={name}\n");
    }

    /// <summary>The longest UTF-8 prefix of <paramref name="name"/> that fits the ustar name field.</summary>
    public static string TruncateToNameField(string name)
    {
        var end = name.Length;
        while (Encoding.UTF8.GetByteCount(name.AsSpan(0, end)) > NameFieldBytes)
        {
            end--;
            if (end > 0 && char.IsLowSurrogate(name[end]))
            {
                end--;
            }
        }

        return name[..end];
    }
}
