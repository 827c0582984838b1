using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Walking;

/// <summary>
/// The one way RlEnv reads a whole file into memory (configs, Python sources): only an entry the walk
/// described as a regular file, so a link (<c>configs/leak.toml -> /etc/shadow</c>) or a FIFO or device
/// (<c>-> /dev/zero</c>) is never opened, and never more than a bound, so memory stays bounded however
/// the file grows between the walk and the read.
/// </summary>
public static class WalkedFileReader
{
    /// <summary>16 MiB: far above any real config or helper module.</summary>
    public const long MaxBytes = 16L * 1024 * 1024;

    /// <summary>The file's bytes, or null: not a regular file (the walk already said why), or reported here at the file.</summary>
    /// <param name="fileSystem">The file system the walk described.</param>
    /// <param name="entry">The entry as the walk described it.</param>
    /// <param name="diagnostics">Where a file too large or unreadable is reported.</param>
    /// <param name="pythonHelper">Whether the file is a Python module other than the entry point, whose size is only a warning.</param>
    /// <param name="maxBytes">The most that is read.</param>
    public static byte[]? ReadBytes(IFileSystem fileSystem, WalkEntry entry, DiagnosticBag diagnostics, bool pythonHelper = false, long maxBytes = MaxBytes)
    {
        var read = Read(fileSystem, entry, maxBytes);
        if (read.Problem(entry, maxBytes, pythonHelper) is { } problem)
        {
            diagnostics.Add(problem);
        }

        return read.Bytes;
    }

    /// <summary>The file's bytes, or what stopped the read, for a caller that reports it later (or never).</summary>
    /// <param name="fileSystem">The file system the walk described.</param>
    /// <param name="entry">The entry as the walk described it.</param>
    /// <param name="maxBytes">The most that is read.</param>
    public static WalkedRead Read(IFileSystem fileSystem, WalkEntry entry, long maxBytes = MaxBytes)
    {
        if (entry.Kind != EntryKind.File)
        {
            return default;
        }

        if (entry.Size > maxBytes)
        {
            return new WalkedRead(null, entry.Size, null);
        }

        try
        {
            using var stream = fileSystem.FileStream.New(entry.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            // One byte more than the bound tells a file that grew past it since the walk.
            var buffer = new byte[(int)Math.Min(maxBytes + 1, Math.Max(entry.Size + 1, 4096))];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        return new WalkedRead(null, length, null);
                    }

                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, (long)buffer.Length * 2));
                }

                var read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    return new WalkedRead(buffer[..length], null, null);
                }

                length += read;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new WalkedRead(null, null, e.Message);
        }
    }

    /// <summary>The file as UTF-8 text (a BOM dropped, invalid bytes replaced), or null as for <see cref="ReadBytes"/>.</summary>
    public static string? ReadText(IFileSystem fileSystem, WalkEntry entry, DiagnosticBag diagnostics, long maxBytes = MaxBytes)
    {
        var bytes = ReadBytes(fileSystem, entry, diagnostics, pythonHelper: false, maxBytes);
        if (bytes is null)
        {
            return null;
        }

        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        return System.Text.Encoding.UTF8.GetString(span);
    }
}

/// <summary>One bounded read of a walked file: its bytes, or the size past the bound, or the error that stopped it (all null: not a regular file).</summary>
/// <param name="Bytes">The whole file.</param>
/// <param name="TooLargeAt">The size at which the read stopped, past the bound.</param>
/// <param name="Error">The I/O error's message.</param>
public readonly record struct WalkedRead(byte[]? Bytes, long? TooLargeAt, string? Error)
{
    /// <summary>The finding for a read that stopped, at the file; null when it did not.</summary>
    /// <param name="entry">The file.</param>
    /// <param name="maxBytes">The bound it was read with.</param>
    /// <param name="pythonHelper">Whether the file is a Python module other than the entry point, whose size is only a warning.</param>
    public Diagnostic? Problem(WalkEntry entry, long maxBytes, bool pythonHelper)
    {
        var display = PathPortability.Display(entry.Path);
        if (TooLargeAt is { } size)
        {
            return DiagnosticCatalog.ConfigOrCodeFileTooLarge(display, size, maxBytes, pythonHelper);
        }

        return Error is { } error ? DiagnosticCatalog.EnvironmentFileUnreadable(display, error) : null;
    }
}
