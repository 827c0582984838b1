using System.IO.Abstractions;
using System.Security.Cryptography;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Publishing.Oci;

namespace RlEnv.Core.Publishing;

/// <summary>
/// Pulls a version (exact, range, or latest = highest SemVer tag), checks the layer's declared size
/// against the compressed cap before a byte is downloaded, checks size and digest before anything is
/// extracted, and extracts through a temp folder renamed at the end: a refused pull leaves nothing
/// behind (no target, no temp, no parent folder it created), and only a new or empty folder is written.
/// </summary>
/// <param name="client">The registry.</param>
/// <param name="fileSystem">Where the artifact is extracted.</param>
/// <param name="warningsAsErrors">Which warnings the front reports as errors.</param>
public sealed class Puller(IArtifactStore client, IFileSystem fileSystem, WarningsAsErrors? warningsAsErrors = null)
{
    public async Task<RegistryResult> PullAsync(RegistryReference reference, string output, PackLimits limits, CancellationToken cancellation)
    {
        var diagnostics = new DiagnosticBag(warningsAsErrors);
        if (string.IsNullOrWhiteSpace(output))
        {
            diagnostics.Add(DiagnosticCatalog.PullOutputUnnamed());
            return Fail(diagnostics);
        }

        var target = fileSystem.Path.GetFullPath(output);
        if (fileSystem.File.Exists(target) || (fileSystem.Directory.Exists(target) && fileSystem.Directory.EnumerateFileSystemEntries(target).Any()))
        {
            diagnostics.Add(DiagnosticCatalog.PullOutputNotEmpty(output));
            return Fail(diagnostics);
        }

        var parent = fileSystem.Path.GetDirectoryName(target)!;
        var createdParent = FirstMissing(parent);
        var work = fileSystem.Path.Combine(parent, $".rlenv-pull-{Guid.NewGuid().ToString("N")[..12]}");
        var done = false;
        try
        {
            var tag = reference.Version ?? reference.Resolve(await client.ListTagsAsync(reference.Repository, cancellation));
            var manifest = tag is null ? null : await client.GetManifestAsync(reference.Repository, tag, cancellation);
            if (tag is null || manifest is null)
            {
                diagnostics.Add(DiagnosticCatalog.NoVersionMatches(reference.Repository, reference.Version ?? (reference.Latest ? "latest" : reference.Range!.ToNormalizedString())));
                return Fail(diagnostics);
            }

            if (OciManifests.TryParse(manifest.Value.Body) is not { Manifests: null, Layers: [{ Digest: { } digest, Size: var size }] } || !digest.StartsWith("sha256:", StringComparison.Ordinal) || size < 0)
            {
                diagnostics.Add(DiagnosticCatalog.PulledManifestNotAnArtifact(reference.Repository, tag));
                return Fail(diagnostics);
            }

            if (size > limits.MaxCompressedBytes)
            {
                diagnostics.Add(DiagnosticCatalog.PulledLayerOverCap(reference.Repository, tag, size, limits.MaxCompressedBytes));
                return Fail(diagnostics);
            }

            fileSystem.Directory.CreateDirectory(work);
            var archive = fileSystem.Path.Combine(work, "artifact.tar.gz");
            if (!await DownloadAsync(reference.Repository, digest, size, archive, diagnostics, cancellation))
            {
                return Fail(diagnostics);
            }

            var extracted = fileSystem.Path.Combine(work, "files");
            var files = SafeExtractor.Extract(fileSystem, archive, extracted, limits, diagnostics);
            if (files is null)
            {
                return Fail(diagnostics);
            }

            if (fileSystem.Directory.Exists(target))
            {
                fileSystem.Directory.Delete(target);
            }

            fileSystem.Directory.Move(extracted, target);
            done = true;
            return new RegistryResult(diagnostics.ToSortedList(), reference.Repository, tag, digest, Pushed: false, target, files.Value);
        }
        catch (RegistryException e)
        {
            diagnostics.Add(e.Diagnostic);
            return Fail(diagnostics);
        }
        finally
        {
            DeleteQuietly(work);
            if (!done && createdParent is not null)
            {
                DeleteQuietly(createdParent);
            }
        }
    }

    /// <summary>The outermost folder of <paramref name="path"/> that does not exist yet: what a failed pull must remove again.</summary>
    private string? FirstMissing(string path)
    {
        string? missing = null;
        for (var current = path; !string.IsNullOrEmpty(current) && !fileSystem.Directory.Exists(current); current = fileSystem.Path.GetDirectoryName(current))
        {
            missing = current;
        }

        return missing;
    }

    private void DeleteQuietly(string folder)
    {
        try
        {
            if (fileSystem.Directory.Exists(folder))
            {
                fileSystem.Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the work folder is hidden and uniquely named.
        }
    }

    /// <summary>
    /// Streams the blob to disk, hashing each chunk as it is written (one pass), stopping past the declared size, and
    /// compares its sha256 before anyone reads it. Chunks are gathered to 1 MiB so the file sees few large writes.
    /// </summary>
    private async Task<bool> DownloadAsync(string repository, string digest, long size, string path, DiagnosticBag diagnostics, CancellationToken cancellation)
    {
        await using var body = await client.OpenBlobAsync(repository, digest, cancellation);
        await using var file = fileSystem.FileStream.New(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        long total = 0;
        while (true)
        {
            // At most one byte past the declared size is ever read: enough to know the registry sent too much.
            var want = (int)Math.Min(buffer.Length, size + 1 - total);
            var read = await body.ReadAtLeastAsync(buffer.AsMemory(0, want), want, throwOnEndOfStream: false, cancellation);
            total += read;
            if (read == 0 || total > size)
            {
                break;
            }

            hash.AppendData(buffer, 0, read);
            file.Write(buffer, 0, read);
            if (read < want)
            {
                break;
            }
        }

        var actual = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
        if (total != size || actual != digest)
        {
            diagnostics.Add(DiagnosticCatalog.PulledLayerMismatch(total, size, actual, digest));
            return false;
        }

        return true;
    }

    private static RegistryResult Fail(DiagnosticBag diagnostics) => new(diagnostics.ToSortedList(), null, null, null, false, null, 0);
}
