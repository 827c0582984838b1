using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Scanning;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Packing;

/// <summary>
/// Reads each member once, exactly the size the walk saw (or the bytes the platform wrote for it), and hands every
/// chunk to the content observers (token scan, dataset validation) and to an optional sink (hashing and the archive,
/// when packing). Every member is scanned for tokens, whatever its content: the hub scans every file it receives.
/// </summary>
public sealed class MemberReader(IFileSystem fileSystem, EnvironmentPlan plan, DiagnosticBag diagnostics)
{
    public const int BufferSize = 1024 * 1024;

    // Plain (its pages fault in as touched): line-oriented splits are read into their validator's block, so this
    // buffer holds only the other files, mostly small ones, and mapping all of it up front would be wasted.
    private readonly byte[] _buffer = new byte[BufferSize];

    public void Read(PackageMember member, Action<ReadOnlySpan<byte>>? sink, Action<int>? progress)
    {
        List<IContentObserver> observers = [new AccessTokenScanner(PathPortability.Display(member.Path), diagnostics)];
        if (member.Source is not null && plan.Datasets.CreateObserver(member.Path) is { } validator)
        {
            observers.Add(validator);
        }

        try
        {
            if (member.Content is { } content)
            {
                Feed(content.Span, observers, sink, progress);
            }
            else
            {
                Stream(member.Source!, observers, sink, progress);
            }

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

    private static void Feed(ReadOnlySpan<byte> content, List<IContentObserver> observers, Action<ReadOnlySpan<byte>>? sink, Action<int>? progress)
    {
        for (var offset = 0; offset < content.Length; offset += BufferSize)
        {
            var chunk = content.Slice(offset, Math.Min(BufferSize, content.Length - offset));
            foreach (var observer in observers)
            {
                observer.Observe(chunk);
            }

            sink?.Invoke(chunk);
            progress?.Invoke(chunk.Length);
        }
    }

    private void Stream(WalkEntry entry, List<IContentObserver> observers, Action<ReadOnlySpan<byte>>? sink, Action<int>? progress)
    {
        using var input = Open(entry);
        // A line validator keeps what it sees: the bytes are read into its block, not copied there from ours.
        var keeper = observers.OfType<IContentBuffer>().FirstOrDefault();
        var remaining = entry.Size;
        while (remaining > 0)
        {
            var target = keeper is null ? _buffer.AsSpan() : keeper.ReadTarget.Span;
            var read = input.Read(target[..(int)Math.Min(target.Length, remaining)]);
            if (read == 0)
            {
                throw new PackFileException(DiagnosticCatalog.FileShrankWhilePacking(PathPortability.Display(entry.Path), entry.Size));
            }

            var chunk = target[..read];
            foreach (var observer in observers)
            {
                if (observer != keeper)
                {
                    observer.Observe(chunk);
                }
            }

            sink?.Invoke(chunk);
            keeper?.Commit(read);
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
