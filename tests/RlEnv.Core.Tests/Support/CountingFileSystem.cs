using System.Collections.Concurrent;
using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace RlEnv.Core.Tests.Support;

/// <summary>A file system that counts every file opened for reading, by full path, over another (a MockFileSystem).</summary>
internal sealed class CountingFileSystem : IFileSystem
{
    private readonly IFileSystem _inner;
    private readonly CountingStreams _streams;

    public CountingFileSystem(IFileSystem inner)
    {
        _inner = inner;
        _streams = new CountingStreams(this, inner.FileStream);
    }

    /// <summary>How many times each file was opened with read access.</summary>
    public IReadOnlyDictionary<string, int> Reads => _streams.Reads;

    public IDirectory Directory => _inner.Directory;

    public IDirectoryInfoFactory DirectoryInfo => _inner.DirectoryInfo;

    public IDriveInfoFactory DriveInfo => _inner.DriveInfo;

    public IFile File => _inner.File;

    public IFileInfoFactory FileInfo => _inner.FileInfo;

    public IFileStreamFactory FileStream => _streams;

    public IFileSystemWatcherFactory FileSystemWatcher => _inner.FileSystemWatcher;

    public IFileVersionInfoFactory FileVersionInfo => _inner.FileVersionInfo;

    public IPath Path => _inner.Path;

    public IRandomAccess RandomAccess => _inner.RandomAccess;

    private sealed class CountingStreams(IFileSystem owner, IFileStreamFactory inner) : IFileStreamFactory
    {
        private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, int> Reads => _reads;

        public IFileSystem FileSystem => owner;

        public FileSystemStream New(SafeFileHandle handle, FileAccess access) => inner.New(handle, access);

        public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize) => inner.New(handle, access, bufferSize);

        public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize, bool isAsync) => inner.New(handle, access, bufferSize, isAsync);

        public FileSystemStream New(string path, FileMode mode) => Count(path, FileAccess.ReadWrite, inner.New(path, mode));

        public FileSystemStream New(string path, FileMode mode, FileAccess access) => Count(path, access, inner.New(path, mode, access));

        public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share) => Count(path, access, inner.New(path, mode, access, share));

        public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) =>
            Count(path, access, inner.New(path, mode, access, share, bufferSize));

        public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, bool useAsync) =>
            Count(path, access, inner.New(path, mode, access, share, bufferSize, useAsync));

        public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options) =>
            Count(path, access, inner.New(path, mode, access, share, bufferSize, options));

        public FileSystemStream New(string path, FileStreamOptions options) => Count(path, options.Access, inner.New(path, options));

        public FileSystemStream Wrap(FileStream fileStream) => inner.Wrap(fileStream);

        private FileSystemStream Count(string path, FileAccess access, FileSystemStream stream)
        {
            if ((access & FileAccess.Read) != 0)
            {
                _reads.AddOrUpdate(inner.FileSystem.Path.GetFullPath(path), 1, (_, n) => n + 1);
            }

            return stream;
        }
    }
}
