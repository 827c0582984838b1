using System.IO.Abstractions;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Publishing;

/// <summary>The local files publish, pull and credentials read: regular files only (never a link, FIFO or device), with a size bound.</summary>
internal static class LocalFiles
{
    public static bool IsRegular(IFileSystem fileSystem, string path)
    {
        var info = fileSystem.FileInfo.New(path);
        return info.Exists && info.LinkTarget is null && !FileTypeProbes.For(fileSystem).IsSpecial(info.FullName);
    }

    /// <summary>The file's bytes, or null when it is missing, not a regular file, or larger than <paramref name="limit"/>.</summary>
    public static byte[]? ReadBounded(IFileSystem fileSystem, string path, int limit)
    {
        if (!IsRegular(fileSystem, path) || fileSystem.FileInfo.New(path).Length > limit)
        {
            return null;
        }

        // Read to the end (at most limit + 1 bytes) rather than trusting the length seen above: a file that grew since
        // must be refused whole, never returned cut at its old length.
        using var stream = fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var copy = new MemoryStream();
        var chunk = new byte[Math.Min(limit + 1, 81920)];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1L - copy.Length))) > 0)
        {
            copy.Write(chunk, 0, read);
            if (copy.Length > limit)
            {
                return null;
            }
        }

        return copy.ToArray();
    }
}
