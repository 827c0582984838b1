using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace RlEnv.Core.Archive;

/// <summary>
/// Compresses one chunk into one complete gzip member with the runtime's zlib-ng. The header is
/// written by hand so that it is the same on every OS (GZipStream writes the OS byte, 03 or 0A).
/// </summary>
internal static class GzipMember
{
    // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=255 (unknown): no name, no time, no OS.
    private static readonly byte[] Header = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff];

    public static PooledBufferStream Compress(ReadOnlySpan<byte> data, int level)
    {
        var output = new PooledBufferStream((data.Length / 3) + 1024);
        output.Write(Header);
        if (data.IsEmpty)
        {
            // DeflateStream writes nothing when nothing was written to it; a member needs one final empty block.
            output.Write([0x03, 0x00]);
        }

        using (var deflate = new DeflateStream(output, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
        {
            deflate.Write(data);
        }

        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.HashToUInt32(data));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)data.Length);
        output.Write(trailer);
        return output;
    }
}
