using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace RlEnv.Core.Tests.Support;

/// <summary>
/// Writes tar blocks byte by byte, so a test can craft what no well-behaved writer produces: huge PAX and
/// GNU long-name headers, bad checksums, malformed or base-256 size fields, sizes that the data does not back.
/// </summary>
internal sealed class RawTar
{
    private readonly List<byte> _tar = [];

    public static byte[] Header(string name, char type, long size, Action<byte[]>? tweak = null, bool fixChecksum = true)
    {
        var header = new byte[512];
        Encoding.UTF8.GetBytes(name.Length > 100 ? name[..100] : name).CopyTo(header, 0);
        Ascii("0000644\0", header, 100);
        Ascii("0000000\0", header, 108);
        Ascii("0000000\0", header, 116);
        Ascii(Convert.ToString(size, 8).PadLeft(11, '0') + "\0", header, 124);
        Ascii("00000000000\0", header, 136);
        header[156] = (byte)type;
        Ascii("ustar\0" + "00", header, 257);
        tweak?.Invoke(header);
        if (fixChecksum)
        {
            FixChecksum(header);
        }

        return header;
    }

    public static void FixChecksum(byte[] header)
    {
        Array.Fill(header, (byte)' ', 148, 8);
        var sum = header.Sum(b => (long)b);
        Ascii(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ", header, 148);
    }

    public static void Ascii(string text, byte[] into, int offset) => Encoding.ASCII.GetBytes(text).CopyTo(into, offset);

    /// <summary>One PAX record, "LENGTH key=value\n", whose length counts its own digits.</summary>
    public static byte[] PaxRecord(string key, byte[] value)
    {
        var rest = Encoding.UTF8.GetByteCount(key) + value.Length + 3;
        var length = rest + rest.ToString(CultureInfo.InvariantCulture).Length;
        if (length.ToString(CultureInfo.InvariantCulture).Length + rest != length)
        {
            length++;
        }

        return [.. Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture) + " " + key + "="), .. value, (byte)'\n'];
    }

    public RawTar Block(byte[] header)
    {
        _tar.AddRange(header);
        return this;
    }

    public RawTar Data(byte[] data)
    {
        _tar.AddRange(data);
        _tar.AddRange(new byte[(512 - (data.Length % 512)) % 512]);
        return this;
    }

    public RawTar File(string name, byte[] data, char type = '0') => Block(Header(name, type, data.Length)).Data(data);

    public RawTar Pax(string entryName, params byte[][] records)
    {
        var data = records.SelectMany(r => r).ToArray();
        return Block(Header("PaxHeaders/" + entryName, 'x', data.Length)).Data(data);
    }

    public RawTar End() => Block(new byte[512]).Block(new byte[512]);

    public byte[] Tar() => _tar.ToArray();

    public byte[] Gzip() => Compress(Tar());

    public static byte[] Compress(byte[] tar)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(tar);
        }

        return output.ToArray();
    }

    public static byte[] Decompress(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
