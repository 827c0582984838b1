namespace RlEnv.Core.Walking;

/// <summary>
/// Tells FIFOs, sockets and devices from regular files. .NET's FileSystemInfo reports them all as
/// files, and opening a FIFO blocks forever, so the walker asks before it ever opens anything.
/// </summary>
public interface IFileTypeProbe
{
    bool IsSpecial(string fullPath);
}

/// <summary>For file systems that hold only regular files and directories, such as MockFileSystem.</summary>
public sealed class RegularFilesOnlyProbe : IFileTypeProbe
{
    public static readonly RegularFilesOnlyProbe Instance = new();

    public bool IsSpecial(string fullPath) => false;
}

public static class FileTypeProbes
{
    /// <summary>statx for the real file system; MockFileSystem holds only regular files and folders.</summary>
    public static IFileTypeProbe For(System.IO.Abstractions.IFileSystem fileSystem) =>
        fileSystem is System.IO.Abstractions.FileSystem ? StatxFileTypeProbe.Instance : RegularFilesOnlyProbe.Instance;
}
