using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Scanning;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Packing;

/// <summary>
/// Reads each member once, exactly the size the walk saw, and hands every chunk to the content observers
/// (token scan, dataset validation) and to an optional sink (hashing and the archive, when packing).
/// </summary>
public sealed class MemberReader(IFileSystem fileSystem, EnvironmentPlan plan, DiagnosticBag diagnostics)
{
    public const int BufferSize = 1024 * 1024;

    private readonly byte[] _buffer = new byte[BufferSize];

    public void Read(WalkEntry entry, Action<ReadOnlySpan<byte>>? sink, Action<int>? progress)
    {
        List<IContentObserver> observers = [new AccessTokenScanner(PathPortability.Display(entry.Path), diagnostics)];
        if (plan.Datasets.CreateObserver(entry.Path) is { } validator)
        {
            observers.Add(validator);
        }

        try
        {
            Stream(entry, observers, sink, progress);
            foreach (var observer in observers)
            {
                observer.Complete();
            }
        }
        finally
        {
            foreach (var observer in observers)
            {
                observer.Dispose();
            }
        }
    }

    private void Stream(WalkEntry entry, List<IContentObserver> observers, Action<ReadOnlySpan<byte>>? sink, Action<int>? progress)
    {
        using var input = Open(entry);
        var remaining = entry.Size;
        while (remaining > 0)
        {
            var read = input.Read(_buffer, 0, (int)Math.Min(_buffer.Length, remaining));
            if (read == 0)
            {
                throw new PackFileException(DiagnosticCatalog.FileShrankWhilePacking(PathPortability.Display(entry.Path), entry.Size));
            }

            var chunk = _buffer.AsSpan(0, read);
            foreach (var observer in observers)
            {
                observer.Observe(chunk);
            }

            sink?.Invoke(chunk);
            remaining -= read;
            progress?.Invoke(read);
        }

        if (input.Read(_buffer, 0, 1) > 0)
        {
            throw new PackFileException(DiagnosticCatalog.FileGrewWhilePacking(PathPortability.Display(entry.Path), entry.Size));
        }
    }

    private FileSystemStream Open(WalkEntry entry)
    {
        try
        {
            // Share everything: reading must never make the user's own writers fail; the size check catches changes.
            return fileSystem.FileStream.New(entry.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackFileException(DiagnosticCatalog.EnvironmentFileUnreadable(PathPortability.Display(entry.Path), e.Message));
        }
    }
}
