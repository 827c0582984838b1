using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using RlEnv.Core.Manifest;

namespace RlEnv.Cli.Tests.Support;

/// <summary>
/// Writes an artifact and a manifest that matches it, holding what `rlenv pack` never writes (links, FIFOs, '..',
/// top-level .git, oversized files...), so a test can show that publish refuses what the hub refuses, and that the
/// stand-in refuses the same archive with the hub's own words.
/// </summary>
internal static class CraftedArtifact
{
    public const string EntryPoint = "def load_environment(**params):\n    return None\n";

    /// <summary>One member: a regular file (of <paramref name="Data"/>, or <paramref name="ZeroBytes"/> zeros), a folder, a link or a FIFO.</summary>
    public sealed record Member(string Path, TarEntryType Type = TarEntryType.RegularFile, byte[]? Data = null, long ZeroBytes = 0, string? LinkTarget = null, string? PaxComment = null)
    {
        public static Member File(string path, string text) => new(path, Data: System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Writes <c>NAME-VERSION.tar.gz</c> and its manifest into <paramref name="folder"/>; returns the artifact's path.</summary>
    public static string Write(string folder, IEnumerable<Member> members, string name = "crafted", string version = "1.0.0", string rules = "freesolo", CompressionLevel level = CompressionLevel.Fastest)
    {
        Directory.CreateDirectory(folder);
        var artifact = Path.Combine(folder, $"{name}-{version}.tar.gz");
        var files = new List<PackedFile>();
        long uncompressed = 0;
        using (var stream = File.Create(artifact))
        using (var gzip = new GZipStream(stream, level))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var member in members)
            {
                TarEntry entry = member.PaxComment is { } comment
                    ? new PaxTarEntry(member.Type, member.Path, new Dictionary<string, string> { ["comment"] = comment })
                    : new UstarTarEntry(member.Type, member.Path);
                entry.Mode = member.Type == TarEntryType.Directory ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100;
                entry.ModificationTime = DateTimeOffset.UnixEpoch;
                if (member.LinkTarget is { } target)
                {
                    entry.LinkName = target;
                }

                if (member.Type == TarEntryType.RegularFile)
                {
                    var (data, length) = member.Data is { } bytes ? ((Stream)new MemoryStream(bytes), (long)bytes.Length) : (new ZeroStream(member.ZeroBytes), member.ZeroBytes);
                    entry.DataStream = data;
                    files.Add(new PackedFile(member.Path, length, Sha256(member), "0644"));
                    uncompressed += length;
                }

                tar.WriteEntry(entry);
            }
        }

        string sha256;
        using (var read = File.OpenRead(artifact))
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(read));
        }

        var manifest = new ArtifactManifest(name, version, rules, "0.0.0-test", Path.GetFileName(artifact), sha256, new FileInfo(artifact).Length, uncompressed, files);
        using (var write = File.Create(Path.Combine(folder, $"{name}-{version}.manifest.json")))
        {
            manifest.WriteTo(write);
        }

        return artifact;
    }

    private static string Sha256(Member member)
    {
        if (member.Data is { } bytes)
        {
            return Convert.ToHexStringLower(SHA256.HashData(bytes));
        }

        using var zeros = new ZeroStream(member.ZeroBytes);
        return Convert.ToHexStringLower(SHA256.HashData(zeros));
    }

    /// <summary>N zero bytes without holding them.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        // TarWriter reads the size of a seekable stream up front; an unseekable one it would buffer.
        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => _position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
