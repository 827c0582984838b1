using System.Formats.Tar;
using System.IO.Abstractions;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Manifest;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Inspecting;

/// <summary>
/// Reads an artifact back with an independent tar reader (System.Formats.Tar), lists and hashes its
/// members as a stream, refuses anything the hub refuses, and checks it against the manifest beside it.
/// </summary>
public sealed class ArtifactInspector(IFileSystem fileSystem)
{
    private const string ManifestSuffix = ".manifest.json";

    public InspectResult Inspect(string artifactPath)
    {
        var diagnostics = new DiagnosticBag();
        var fullPath = fileSystem.Path.GetFullPath(artifactPath);
        var display = fileSystem.Path.GetFileName(fullPath);
        var members = new List<InspectedMember>();
        string? sha256 = null;
        long compressed = 0;
        long uncompressed = 0;
        try
        {
            using (var stream = fileSystem.File.OpenRead(fullPath))
            {
                sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
                compressed = stream.Length;
            }

            using var file = fileSystem.File.OpenRead(fullPath);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.GetNextEntry() is { } entry)
            {
                var member = Read(entry, display, diagnostics);
                if (member is null)
                {
                    continue;
                }

                var key = PathPortability.CollisionKey(member.Path.TrimEnd('/'));
                if (seen.TryGetValue(key, out var first))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ArtifactUnsafeMember, display,
                        $"Member '{PathPortability.Display(member.Path)}' duplicates '{PathPortability.Display(first)}' (same name, case or normalization)."));
                }
                else
                {
                    seen.Add(key, member.Path);
                }

                uncompressed += member.Type == "file" ? member.Size : 0;
                members.Add(member);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ArtifactUnreadable, display, $"The artifact cannot be read as a gzip-compressed tar: {e.Message}"));
        }

        var (manifest, verified) = VerifyAgainstManifest(fullPath, sha256, compressed, members, diagnostics);
        return new InspectResult(diagnostics.ToSortedList(), fullPath, sha256, compressed, uncompressed, members, manifest, verified);
    }

    private static InspectedMember? Read(TarEntry entry, string display, DiagnosticBag diagnostics)
    {
        var name = entry.Name;
        if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Split('/').Any(s => s is ".." or "."))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ArtifactUnsafeMember, display,
                $"Member '{PathPortability.Display(name)}' has an unsafe path (absolute, '..', '.' or a backslash)."));
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
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ArtifactUnsafeMember, display,
                $"Member '{PathPortability.Display(name)}' is a {entry.EntryType}; the hub accepts only regular files and folders."));
            return null;
        }

        string? sha256 = null;
        if (type == "file" && entry.DataStream is { } data)
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(data));
        }

        var mode = Convert.ToString((int)entry.Mode & 0xFFF, 8).PadLeft(4, '0');
        return new InspectedMember(name, type, entry.Length, mode, entry.Uid, entry.Gid, entry.ModificationTime, sha256);
    }

    private (ArtifactManifest?, bool?) VerifyAgainstManifest(string artifactPath, string? sha256, long compressed, List<InspectedMember> members, DiagnosticBag diagnostics)
    {
        var manifestPath = artifactPath.EndsWith(".tar.gz", StringComparison.Ordinal) ? artifactPath[..^".tar.gz".Length] + ManifestSuffix : artifactPath + ManifestSuffix;
        if (!fileSystem.File.Exists(manifestPath))
        {
            return (null, null);
        }

        var manifestName = fileSystem.Path.GetFileName(manifestPath);
        ArtifactManifest manifest;
        try
        {
            using var stream = fileSystem.File.OpenRead(manifestPath);
            manifest = ArtifactManifest.ReadFrom(stream);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ArtifactManifestMismatch, manifestName, $"The manifest cannot be read: {e.Message}"));
            return (null, false);
        }

        var before = diagnostics.ToSortedList().Count;
        if (manifest.ArchiveSha256 != sha256 || manifest.ArchiveBytes != compressed)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ArtifactManifestMismatch, manifestName,
                $"The artifact's sha256 {sha256} ({compressed:N0} bytes) differs from the manifest's {manifest.ArchiveSha256} ({manifest.ArchiveBytes:N0} bytes)."));
        }

        var actual = members.Where(m => m.Type == "file").ToDictionary(m => m.Path, StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (!actual.Remove(file.Path, out var member))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ArtifactManifestMismatch, manifestName, $"'{file.Path}' is in the manifest but not in the artifact."));
            }
            else if (member.Sha256 != file.Sha256 || member.Size != file.Size || member.Mode != file.Mode)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ArtifactManifestMismatch, manifestName,
                    $"'{file.Path}' differs from the manifest (size {member.Size} vs {file.Size}, mode {member.Mode} vs {file.Mode}, sha256 {member.Sha256} vs {file.Sha256})."));
            }
        }

        foreach (var extra in actual.Keys.Order(StringComparer.Ordinal))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ArtifactManifestMismatch, manifestName, $"'{extra}' is in the artifact but not in the manifest."));
        }

        return (manifest, diagnostics.ToSortedList().Count == before);
    }
}
