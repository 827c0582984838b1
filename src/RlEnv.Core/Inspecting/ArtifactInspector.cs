using System.Formats.Tar;
using System.IO.Abstractions;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using RlEnv.Core.Archive;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Manifest;
using RlEnv.Core.Naming;
using RlEnv.Core.Packing;
using RlEnv.Core.Scanning;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Inspecting;

/// <summary>
/// Reads an artifact back with an independent tar reader (System.Formats.Tar), lists and hashes its
/// members as a stream, refuses anything the hub refuses, and checks it against the manifest beside it.
/// A <see cref="TarGuardStream"/> sits under the reader, so a crafted artifact meets the hub's caps
/// before it costs memory or time.
/// </summary>
/// <param name="fileSystem">Where the artifact and its manifest are read.</param>
/// <param name="limits">The caps to hold it to (the hub's by default).</param>
/// <param name="warningsAsErrors">Which warnings the front reports as errors.</param>
/// <param name="observeFile">Sees each regular file's bytes as they are hashed (publish scans them for tokens), in the same single pass.</param>
public sealed class ArtifactInspector(IFileSystem fileSystem, PackLimits? limits = null, WarningsAsErrors? warningsAsErrors = null, Func<string, DiagnosticBag, IContentObserver>? observeFile = null)
{
    /// <summary>A real manifest lists at most 5,000 files in well under a megabyte; this bounds a crafted one.</summary>
    public const long MaxManifestBytes = 16 * PackLimits.MiB;

    private readonly PackLimits _limits = limits ?? PackLimits.Hub;

    public InspectResult Inspect(string artifactPath)
    {
        var diagnostics = new DiagnosticBag(warningsAsErrors);
        var fullPath = fileSystem.Path.GetFullPath(artifactPath);
        var display = fileSystem.Path.GetFileName(fullPath);
        var members = new List<InspectedMember>();
        string? sha256 = null;
        long compressed = 0;
        long uncompressed = 0;
        if (RegularFileProblem(fullPath) is { } problem)
        {
            diagnostics.Add(DiagnosticCatalog.InspectedArtifactNotAFile(display, PathPortability.Display(artifactPath), problem));
            return new InspectResult(diagnostics.ToSortedList(), fullPath, null, 0, 0, members, null, null);
        }

        Task<string>? hashing = null;
        try
        {
            using (var stream = fileSystem.File.OpenRead(fullPath))
            {
                compressed = stream.Length;
                if (compressed > _limits.MaxCompressedBytes)
                {
                    diagnostics.Add(DiagnosticCatalog.InspectedArtifactOverCompressedCap(display, compressed, _limits.MaxCompressedBytes));
                    return new InspectResult(diagnostics.ToSortedList(), fullPath, null, compressed, 0, members, null, null);
                }
            }

            // The archive's hash and the members' pass read the file independently: on a second core the hash costs no wall time.
            hashing = Task.Run(() =>
            {
                using var stream = fileSystem.File.OpenRead(fullPath);
                return Convert.ToHexStringLower(SHA256.HashData(stream));
            });

            using var file = fileSystem.File.OpenRead(fullPath);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var guard = new TarGuardStream(gzip, _limits);
            using var reader = new TarReader(guard);
            // The hub's Linux worker holds case and normalization twins: an error only where a name is truly taken twice.
            var paths = new MemberPaths(foldNames: false);
            var folded = new MemberPaths(foldNames: true);
            while (reader.GetNextEntry() is { } entry)
            {
                var member = Read(entry, display, diagnostics, observeFile);
                if (member is null)
                {
                    continue;
                }

                if (paths.Add(member.Path, member.Type == "file") is { } conflict)
                {
                    diagnostics.Add(DiagnosticCatalog.InspectedMemberConflict(display, PathPortability.Display(member.Path), conflict));
                }
                else if (folded.Add(member.Path, member.Type == "file") is { } twin)
                {
                    diagnostics.Add(DiagnosticCatalog.InspectedMemberTwin(display, PathPortability.Display(member.Path), twin));
                }

                uncompressed += member.Type == "file" ? member.Size : 0;
                members.Add(member);
            }
        }
        catch (TarGuardException e)
        {
            diagnostics.Add(DiagnosticCatalog.ArtifactProblem(e.Problem, display, e.Message));
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            diagnostics.Add(DiagnosticCatalog.InspectedArtifactNotTarGz(display, e.Message));
        }

        try
        {
            sha256 = hashing?.GetAwaiter().GetResult();
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            diagnostics.Add(DiagnosticCatalog.InspectedArtifactNotTarGz(display, e.Message));
        }

        var (manifest, verified) = VerifyAgainstManifest(fullPath, sha256, compressed, members, diagnostics);
        return new InspectResult(diagnostics.ToSortedList(), fullPath, sha256, compressed, uncompressed, members, manifest, verified);
    }

    /// <summary>What System.Formats.Tar and GZipStream throw on malformed input that the guard lets through.</summary>
    internal static bool IsUnreadable(Exception e) =>
        e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException or ArgumentException or OverflowException or NotSupportedException;

    /// <summary>
    /// Why the path is not a regular file to read, or null. A FIFO or a device (also behind a symlink)
    /// would block or never end, so the type is checked before anything is opened.
    /// </summary>
    private string? RegularFileProblem(string fullPath)
    {
        if (!fileSystem.File.Exists(fullPath))
        {
            return fileSystem.Directory.Exists(fullPath) ? "is a folder, not a file" : "does not exist";
        }

        var target = fullPath;
        var info = fileSystem.FileInfo.New(fullPath);
        if (info.LinkTarget is not null)
        {
            var final = info.ResolveLinkTarget(returnFinalTarget: true);
            if (final is null || !final.Exists)
            {
                return "is a symbolic link to nothing";
            }

            target = final.FullName;
        }

        return FileTypeProbes.For(fileSystem).IsSpecial(target) ? "is a FIFO, socket or device, not a regular file" : null;
    }

    private static InspectedMember? Read(TarEntry entry, string display, DiagnosticBag diagnostics, Func<string, DiagnosticBag, IContentObserver>? observeFile)
    {
        var name = entry.Name;
        if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Split('/').Any(s => s is ".." or "."))
        {
            diagnostics.Add(DiagnosticCatalog.InspectedMemberUnsafePath(display, PathPortability.Display(name)));
            return null;
        }

        var type = entry.EntryType switch
        {
            TarEntryType.RegularFile or TarEntryType.V7RegularFile => "file",
            TarEntryType.Directory => "directory",
            _ => null,
        };
        if (type is null)
        {
            diagnostics.Add(DiagnosticCatalog.InspectedMemberNotFileOrFolder(display, PathPortability.Display(name), entry.EntryType));
            return null;
        }

        string? sha256 = null;
        if (type == "file" && entry.DataStream is { } data)
        {
            sha256 = observeFile is null ? Convert.ToHexStringLower(SHA256.HashData(data)) : HashObserved(data, observeFile(name, diagnostics));
        }

        var mode = Convert.ToString((int)entry.Mode & 0xFFF, 8).PadLeft(4, '0');
        return new InspectedMember(name, type, entry.Length, mode, entry.Uid, entry.Gid, entry.ModificationTime, sha256);
    }

    private static string HashObserved(Stream data, IContentObserver observer)
    {
        using (observer)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            for (int read; (read = data.Read(buffer)) > 0;)
            {
                hash.AppendData(buffer, 0, read);
                observer.Observe(buffer.AsSpan(0, read));
            }

            observer.Complete();
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
    }

    private (ArtifactManifest?, bool?) VerifyAgainstManifest(string artifactPath, string? sha256, long compressed, List<InspectedMember> members, DiagnosticBag diagnostics)
    {
        var manifestPath = ArtifactIdentity.ManifestPathFor(artifactPath);
        if (!fileSystem.File.Exists(manifestPath))
        {
            return (null, null);
        }

        var manifestName = fileSystem.Path.GetFileName(manifestPath);
        if (RegularFileProblem(manifestPath) is { } problem)
        {
            diagnostics.Add(DiagnosticCatalog.InspectedManifestNotAFile(manifestName, problem));
            return (null, false);
        }

        ArtifactManifest manifest;
        try
        {
            using var stream = fileSystem.File.OpenRead(manifestPath);
            using var bounded = ReadBounded(stream, manifestName);
            manifest = ArtifactManifest.ReadFrom(bounded);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException or InvalidDataException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            diagnostics.Add(DiagnosticCatalog.InspectedManifestUnreadable(manifestName, e.Message));
            return (null, false);
        }

        var before = diagnostics.ToSortedList().Count;
        if (manifest.ArchiveSha256 != sha256 || manifest.ArchiveBytes != compressed)
        {
            diagnostics.Add(DiagnosticCatalog.InspectedArchiveDiffersFromManifest(manifestName, sha256, compressed, manifest.ArchiveSha256, manifest.ArchiveBytes));
        }

        var actual = members.Where(m => m.Type == "file").ToDictionary(m => m.Path, StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (!actual.Remove(file.Path, out var member))
            {
                diagnostics.Add(DiagnosticCatalog.ManifestFileMissingFromArtifact(manifestName, file.Path));
            }
            else if (member.Sha256 != file.Sha256 || member.Size != file.Size || member.Mode != file.Mode)
            {
                diagnostics.Add(DiagnosticCatalog.ArtifactFileDiffersFromManifest(manifestName, file.Path, member.Size, file.Size, member.Mode, file.Mode, member.Sha256, file.Sha256));
            }
        }

        foreach (var extra in actual.Keys.Order(StringComparer.Ordinal))
        {
            diagnostics.Add(DiagnosticCatalog.ArtifactFileMissingFromManifest(manifestName, extra));
        }

        return (manifest, diagnostics.ToSortedList().Count == before);
    }

    /// <summary>Copies at most <see cref="MaxManifestBytes"/> into memory; a longer manifest is an error, whatever its length claims.</summary>
    private static MemoryStream ReadBounded(Stream stream, string name)
    {
        var memory = new MemoryStream();
        var buffer = new byte[81920];
        for (int read; (read = stream.Read(buffer)) > 0;)
        {
            if (memory.Length + read > MaxManifestBytes)
            {
                memory.Dispose();
                throw new InvalidDataException($"'{name}' is over {MaxManifestBytes:N0} bytes, far larger than any manifest rlenv writes.");
            }

            memory.Write(buffer, 0, read);
        }

        memory.Position = 0;
        return memory;
    }
}
