using System.Formats.Tar;
using System.IO.Abstractions;
using System.IO.Compression;
using RlEnv.Core.Archive;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Inspecting;
using RlEnv.Core.Packing;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Publishing;

/// <summary>
/// Extracts an artifact into a folder that did not exist before, refusing what the hub refuses (links,
/// devices, absolute and `..` paths, backslashes, duplicates, a file and a folder of one name) and what this
/// machine cannot create as named: on macOS and Windows, names equal under case folding or normalization;
/// on Windows, also reserved characters, device names and trailing dots or spaces (<see cref="PathPortability.HostProblem"/>).
/// Such names are only warnings in pack, since the hub's Linux worker holds them. A <see cref="TarGuardStream"/>
/// under the tar reader checks every header and the caps before the reader sees it, and the bytes actually
/// inflated are counted too, so a bomb goes nowhere. On refusal the target folder is removed again: nothing
/// half-extracted is left.
/// </summary>
public static class SafeExtractor
{
    private const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Executable = Regular | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Returns the number of files written, or null after adding the reason to <paramref name="diagnostics"/>.</summary>
    public static int? Extract(IFileSystem fileSystem, string archive, string target, PackLimits limits, DiagnosticBag diagnostics) =>
        Extract(fileSystem, archive, target, limits, diagnostics, PathPortability.Host);

    /// <summary>As <see cref="Extract(IFileSystem, string, string, PackLimits, DiagnosticBag)"/>, with the names <paramref name="host"/> can hold.</summary>
    internal static int? Extract(IFileSystem fileSystem, string archive, string target, PackLimits limits, DiagnosticBag diagnostics, HostSystem host)
    {
        var existed = fileSystem.Directory.Exists(target);
        int? files;
        try
        {
            files = ExtractInto(fileSystem, archive, target, limits, diagnostics, host);
        }
        catch (TarGuardException e)
        {
            diagnostics.Add(DiagnosticCatalog.PulledArtifactRefusedByGuard(e.Member is null ? null : PathPortability.Display(e.Member), e.Message));
            files = null;
        }
        catch (Exception e) when (ArtifactInspector.IsUnreadable(e))
        {
            diagnostics.Add(DiagnosticCatalog.PulledArtifactNotTarGz(e.Message));
            files = null;
        }

        if (files is null && !existed && fileSystem.Directory.Exists(target))
        {
            fileSystem.Directory.Delete(target, recursive: true);
        }

        return files;
    }

    private static int? ExtractInto(IFileSystem fileSystem, string archive, string target, PackLimits limits, DiagnosticBag diagnostics, HostSystem host)
    {
        fileSystem.Directory.CreateDirectory(target);
        var paths = new MemberPaths(foldNames: PathPortability.FoldsNames(host));
        long bytes = 0;
        var files = 0;
        // The inflater asks for 8 KiB at a time: a 1 MiB read-ahead turns those into few large reads of the archive,
        // and member data is gathered to 1 MiB before each write.
        using var gzip = new GZipStream(fileSystem.FileStream.New(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan), CompressionMode.Decompress);
        using var guard = new TarGuardStream(gzip, limits);
        using var reader = new TarReader(guard);
        var buffer = new byte[1 << 20];
        while (reader.GetNextEntry() is { } entry)
        {
            var name = entry.Name.TrimEnd('/');
            var isFile = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile;
            Diagnostic? problem = null;
            if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal) || name.Split('/').Any(s => s is ".." or "." or ""))
            {
                problem = DiagnosticCatalog.PulledMemberUnsafePath(PathPortability.Display(name));
            }
            else if (!isFile && entry.EntryType != TarEntryType.Directory)
            {
                problem = DiagnosticCatalog.PulledMemberNotFileOrFolder(PathPortability.Display(name), entry.EntryType);
            }
            else if (PathPortability.HostProblem(name, host) is { } hostProblem)
            {
                problem = DiagnosticCatalog.PulledMemberNotCreatableHere(PathPortability.Display(name), hostProblem);
            }
            else if (paths.Add(name, isFile) is { } conflict)
            {
                problem = DiagnosticCatalog.PulledMemberConflict(PathPortability.Display(name), conflict);
            }

            if (problem is not null)
            {
                diagnostics.Add(problem);
                return null;
            }

            var path = fileSystem.Path.Combine(target, name);
            if (!isFile)
            {
                fileSystem.Directory.CreateDirectory(path);
                continue;
            }

            fileSystem.Directory.CreateDirectory(fileSystem.Path.GetDirectoryName(path)!);

            // A Linux folder on a case-insensitive mount (vfat, ntfs3, casefold) folds what the checks above let through:
            // CreateNew then meets the twin already written, and nothing is overwritten.
            if (fileSystem.File.Exists(path))
            {
                diagnostics.Add(DiagnosticCatalog.PulledMemberConflict(PathPortability.Display(name), "lands on a file already extracted, since the target folder's file system ignores case or normalization"));
                return null;
            }

            using (var output = fileSystem.FileStream.New(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                if (entry.DataStream is { } data)
                {
                    for (int read; (read = data.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0;)
                    {
                        bytes += read;
                        if (bytes > limits.MaxUncompressedBytes)
                        {
                            diagnostics.Add(DiagnosticCatalog.PulledArtifactInflatesPastCap(PathPortability.Display(name), limits.MaxUncompressedBytes));
                            return null;
                        }

                        output.Write(buffer, 0, read);
                    }
                }
            }

            if (!OperatingSystem.IsWindows())
            {
                // rlenv pack writes 0755 or 0644 only; setuid, setgid and sticky bits are never restored.
                fileSystem.File.SetUnixFileMode(path, (entry.Mode & AnyExecute) != 0 ? Executable : Regular);
            }

            files++;
        }

        return files;
    }
}
