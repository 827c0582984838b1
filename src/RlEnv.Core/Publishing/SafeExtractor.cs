using System.Formats.Tar;
using System.IO.Compression;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Publishing;

/// <summary>
/// Extracts an artifact into a folder that did not exist before, refusing what the hub refuses: links,
/// devices, absolute and `..` paths, backslashes, duplicates and case collisions. It counts the bytes
/// actually inflated and stops at the caps, so a decompression bomb goes nowhere.
/// </summary>
public static class SafeExtractor
{
    /// <summary>Returns the number of files written, or null after adding the reason to <paramref name="diagnostics"/>.</summary>
    public static int? Extract(string archive, string target, PackLimits limits, DiagnosticBag diagnostics)
    {
        Directory.CreateDirectory(target);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        var members = 0;
        var files = 0;
        using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            var name = entry.Name.TrimEnd('/');
            string? problem = null;
            if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Split('/').Any(s => s is ".." or "." or ""))
            {
                problem = "an absolute, '..' or otherwise unsafe path";
            }
            else if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.Directory))
            {
                problem = $"a {entry.EntryType}, not a regular file or folder";
            }
            else if (!seen.Add(PathPortability.CollisionKey(name)))
            {
                problem = "a duplicate (same name, case or normalization)";
            }
            else if (++members > limits.MaxMembers)
            {
                problem = $"past the cap of {limits.MaxMembers:N0} members";
            }

            if (problem is not null)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.PulledArtifactUnsafe, PathPortability.Display(name), $"The artifact holds {problem}; nothing was extracted."));
                return null;
            }

            var path = Path.Combine(target, name);
            if (entry.EntryType == TarEntryType.Directory)
            {
                Directory.CreateDirectory(path);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            if (entry.DataStream is { } data)
            {
                var buffer = new byte[81920];
                for (int read; (read = data.Read(buffer)) > 0;)
                {
                    bytes += read;
                    if (bytes > limits.MaxUncompressedBytes)
                    {
                        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.PulledArtifactUnsafe, PathPortability.Display(name),
                            $"The artifact inflates past the cap of {limits.MaxUncompressedBytes:N0} bytes; extraction stopped and nothing was kept."));
                        return null;
                    }

                    output.Write(buffer, 0, read);
                }
            }

            files++;
        }

        return files;
    }
}
