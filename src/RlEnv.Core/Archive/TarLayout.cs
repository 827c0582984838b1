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

    /// <summary>
    /// The name a reader without PAX support sees for a file whose real name is in a PAX record: the longest
    /// UTF-8 prefix that fits the 100-byte field, never cut inside a character and never ending with '/',
    /// since SharpZipLib (and old readers) take a trailing '/' to mean a directory whatever the type flag says.
    /// </summary>
    public static string FileNameFallback(string name)
    {
        var fitted = Prefix(name, NameFieldBytes).TrimEnd('/');
        return fitted.Length == 0 ? "_" : fitted;
    }

    /// <summary>The longest prefix of <paramref name="name"/> whose UTF-8 form fits <paramref name="maxBytes"/>, cut between characters.</summary>
    public static string Prefix(string name, int maxBytes)
    {
        var bytes = 0;
        var end = 0;
        while (end < name.Length)
        {
            var width = char.IsHighSurrogate(name[end]) && end + 1 < name.Length && char.IsLowSurrogate(name[end + 1]) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(name.AsSpan(end, width));
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            end += width;
        }

        return name[..end];
    }
}
