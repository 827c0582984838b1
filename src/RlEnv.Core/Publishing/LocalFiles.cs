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

        using var stream = fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new byte[(int)Math.Min(limit + 1L, Math.Max(stream.Length + 1, 1))];
        var total = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return total > limit ? null : buffer[..total];
    }
}
