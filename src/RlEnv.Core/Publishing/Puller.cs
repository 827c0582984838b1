using System.Security.Cryptography;
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;

namespace RlEnv.Core.Publishing;

/// <summary>
/// Pulls a version (exact, range, or latest = highest SemVer tag), checks the layer's size and digest
/// before anything is extracted, and extracts through a temp folder renamed at the end: a refused pull
/// leaves nothing behind, and only a new or empty folder is written.
/// </summary>
public sealed class Puller(IArtifactStore client)
{
    public async Task<RegistryResult> PullAsync(RegistryReference reference, string output, PackLimits limits, CancellationToken cancellation)
    {
        var diagnostics = new DiagnosticBag();
        var target = Path.GetFullPath(output);
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.PullTargetNotEmpty, null, $"'{output}' exists and is not an empty folder; pull writes only into a new or empty folder."));
            return Fail(diagnostics);
        }

        var parent = Path.GetDirectoryName(target)!;
        var work = Path.Combine(parent, $".rlenv-pull-{Guid.NewGuid():N}");
        try
        {
            var tag = reference.Version ?? reference.Resolve(await client.ListTagsAsync(reference.Repository, cancellation));
            var manifest = tag is null ? null : await client.GetManifestAsync(reference.Repository, tag, cancellation);
            if (tag is null || manifest is null)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.VersionNotFound, null, $"No version of {reference.Repository} matches {(reference.Version ?? (reference.Latest ? "latest" : reference.Range!.ToNormalizedString()))}."));
                return Fail(diagnostics);
            }

            var (digest, size) = Layer(manifest.Value.Body);
            if (digest is null || !digest.StartsWith("sha256:", StringComparison.Ordinal) || size < 0)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RegistryRefused, null, $"{reference.Repository}:{tag} is not an RlEnv artifact (an OCI manifest with one tar.gz layer)."));
                return Fail(diagnostics);
            }

            Directory.CreateDirectory(work);
            var archive = Path.Combine(work, "artifact.tar.gz");
            if (!await DownloadAsync(reference.Repository, digest, size, archive, diagnostics, cancellation))
            {
                return Fail(diagnostics);
            }

            var extracted = Path.Combine(work, "files");
            var files = SafeExtractor.Extract(new System.IO.Abstractions.FileSystem(), archive, extracted, limits, diagnostics);
            if (files is null)
            {
                return Fail(diagnostics);
            }

            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(extracted, target);
            return new RegistryResult(diagnostics.ToSortedList(), reference.Repository, tag, digest, Pushed: false, target, files.Value);
        }
        catch (RegistryException e)
        {
            diagnostics.Add(Diagnostic.Error(e.Code, null, e.Message));
            return Fail(diagnostics);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Streams the blob to disk, stopping past the declared size, and compares its sha256 before anyone reads it.</summary>
    private async Task<bool> DownloadAsync(string repository, string digest, long size, string path, DiagnosticBag diagnostics, CancellationToken cancellation)
    {
        await using var body = await client.OpenBlobAsync(repository, digest, cancellation);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long total = 0;
        for (int read; (read = await body.ReadAsync(buffer, cancellation)) > 0;)
        {
            total += read;
            if (total > size)
            {
                break;
            }

            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellation);
        }

        var actual = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
        if (total != size || actual != digest)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.PulledBlobMismatch, null,
                $"The layer the registry served does not match its manifest ({(total != size ? $"{total:N0} bytes, not {size:N0}" : $"digest {actual}, not {digest}")}); nothing was extracted."));
            return false;
        }

        return true;
    }

    private static (string? Digest, long Size) Layer(byte[] manifest)
    {
        try
        {
            using var document = JsonDocument.Parse(manifest);
            var root = document.RootElement;
            if (root.TryGetProperty("manifests", out _) || !root.TryGetProperty("layers", out var layers) || layers.GetArrayLength() != 1)
            {
                return (null, -1);
            }

            return (layers[0].GetProperty("digest").GetString(), layers[0].GetProperty("size").GetInt64());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, -1);
        }
    }

    private static RegistryResult Fail(DiagnosticBag diagnostics) => new(diagnostics.ToSortedList(), null, null, null, false, null, 0);
}
