using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RlEnv.Core.Manifest;

/// <summary>The manifest written beside each artifact: what it holds and how to verify it.</summary>
public sealed record ArtifactManifest(
    string Name,
    string Version,
    string Rules,
    string ToolVersion,
    string ArchiveFile,
    string ArchiveSha256,
    long ArchiveBytes,
    long UncompressedBytes,
    IReadOnlyList<PackedFile> Files)
{
    public const int SchemaVersion = 1;

    public string ContentDigest { get; } = ComputeContentDigest(Files);

    /// <summary>
    /// sha256 over the lines "&lt;file sha256&gt;  &lt;path&gt;\n" (sha256sum's format) sorted by path: the same
    /// on every OS and compressor, unlike the archive's bytes. Folders do not take part.
    /// </summary>
    public static string ComputeContentDigest(IEnumerable<PackedFile> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{file.Sha256}  {file.Path}\n"));
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public void WriteTo(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("name", Name);
        json.WriteString("version", Version);
        json.WriteString("rules", Rules);
        json.WriteStartObject("tool");
        json.WriteString("name", "rlenv");
        json.WriteString("version", ToolVersion);
        json.WriteEndObject();
        json.WriteStartObject("archive");
        json.WriteString("file", ArchiveFile);
        json.WriteString("sha256", ArchiveSha256);
        json.WriteNumber("bytes", ArchiveBytes);
        json.WriteEndObject();
        json.WriteNumber("uncompressedBytes", UncompressedBytes);
        json.WriteString("contentDigest", ContentDigest);
        json.WriteStartArray("files");
        foreach (var file in Files)
        {
            json.WriteStartObject();
            json.WriteString("path", file.Path);
            json.WriteNumber("size", file.Size);
            json.WriteString("sha256", file.Sha256);
            json.WriteString("mode", file.Mode);
            if (file.Generated is { } generated)
            {
                json.WriteString("generated", generated);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Reads a manifest back; throws <see cref="JsonException"/> or <see cref="KeyNotFoundException"/> when it is malformed.</summary>
    public static ArtifactManifest ReadFrom(Stream stream)
    {
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var archive = root.GetProperty("archive");
        var files = root.GetProperty("files").EnumerateArray()
            .Select(f => new PackedFile(f.GetProperty("path").GetString()!, f.GetProperty("size").GetInt64(), f.GetProperty("sha256").GetString()!, f.GetProperty("mode").GetString()!)
            {
                Generated = f.TryGetProperty("generated", out var generated) ? generated.GetString() : null,
            })
            .ToList();
        var manifest = new ArtifactManifest(
            root.GetProperty("name").GetString()!,
            root.GetProperty("version").GetString()!,
            root.GetProperty("rules").GetString()!,
            root.GetProperty("tool").GetProperty("version").GetString()!,
            archive.GetProperty("file").GetString()!,
            archive.GetProperty("sha256").GetString()!,
            archive.GetProperty("bytes").GetInt64(),
            root.GetProperty("uncompressedBytes").GetInt64(),
            files);
        var recorded = root.GetProperty("contentDigest").GetString();
        return recorded == manifest.ContentDigest ? manifest : throw new JsonException($"contentDigest {recorded} does not match the files listed ({manifest.ContentDigest}).");
    }
}
