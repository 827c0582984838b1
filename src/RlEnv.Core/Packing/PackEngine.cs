using System.IO.Abstractions;
using System.Security.Cryptography;
using RlEnv.Core.Archive;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Manifest;
using RlEnv.Core.Naming;
using RlEnv.Core.Profiles;
using RlEnv.Core.Rules;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Packing;

/// <summary>
/// The one entry point both fronts call: analyze, then stream every member once through hashing,
/// the token scan and the parallel compressor into a temp file that is renamed only when all passed.
/// The archive holds file entries only, as <c>flash env push</c> writes it; extraction creates the folders.
/// </summary>
public sealed class PackEngine(IFileSystem fileSystem, IFileTypeProbe probe)
{
    public PackEngine(IFileSystem fileSystem)
        : this(fileSystem, FileTypeProbes.For(fileSystem))
    {
    }

    /// <summary>Whether the process that owns a leftover temp still runs; replaceable so tests need no real processes.</summary>
    public Func<int, bool> IsProcessAlive { get; init; } = TempFiles.IsProcessAlive;

    /// <summary>A test hook run between the artifact's rename and the manifest's, while the output lock is held.</summary>
    internal Action? BetweenRenames { get; init; }

    /// <summary>Where walks are kept between the steps of one run (the SDK's build); null walks every time.</summary>
    public IWalkCache? WalkCache { get; init; }

    public PackResult Pack(PackRequest request)
    {
        var diagnostics = new DiagnosticBag(request.WarningsAsErrors);
        if (OptionRanges.Refuse(request, diagnostics, needsOutput: true))
        {
            return new PackResult(diagnostics.ToSortedList(), null, null, null, null, null);
        }

        var root = fileSystem.Path.GetFullPath(request.EnvironmentDirectory);
        var name = ArtifactIdentity.ResolveName(request.Name, root, diagnostics);
        var version = ArtifactIdentity.NormalizeVersion(request.Version, diagnostics);
        var modTime = SourceDateEpoch.Resolve(request.SourceDateEpoch, diagnostics);
        // CPython checks the .py files while the archive is written; its verdict is settled before anything is renamed.
        var plan = new EnvironmentAnalyzer(fileSystem, probe) { WalkCache = WalkCache, DeferPythonChecks = true }.Analyze(request with { EnvironmentDirectory = root }, diagnostics);

        // The dataset checks may hold temp files (input digests past their memory budget) until disposed.
        using var datasets = plan?.Datasets;
        var profile = plan is null ? ((string, string)?)null : (plan.Profile.ToName(), plan.ProfileReason);
        if (request.CancellationToken.IsCancellationRequested)
        {
            diagnostics.Add(DiagnosticCatalog.PackCancelled());
        }

        if (plan is null || name is null || version is null || diagnostics.HasErrors)
        {
            plan?.CompleteDeferredChecks(diagnostics);
            return new PackResult(diagnostics.ToSortedList(), name, version, null, null, null) { Profile = profile };
        }

        var outputDirectory = fileSystem.Path.GetFullPath(request.OutputDirectory);
        var artifactFile = ArtifactIdentity.ArtifactFileName(name, version);
        var manifestFile = ArtifactIdentity.ManifestFileName(name, version);
        var report = new PassReport(plan, diagnostics, new DiagnosticBag(request.WarningsAsErrors), request.CancellationToken);
        return Write(request, plan, name, version, modTime, outputDirectory, artifactFile, manifestFile, report, profile);
    }

    private PackResult Write(PackRequest request, EnvironmentPlan plan, string name, string version, DateTime modTime, string outputDirectory,
        string artifactFile, string manifestFile, PassReport report, (string, string)? profile)
    {
        var diagnostics = report.Pass;
        var artifactPath = fileSystem.Path.Combine(outputDirectory, artifactFile);
        var manifestPath = fileSystem.Path.Combine(outputDirectory, manifestFile);
        var tempArtifact = fileSystem.Path.Combine(outputDirectory, TempFiles.Name(artifactFile, Environment.ProcessId));
        var tempManifest = fileSystem.Path.Combine(outputDirectory, TempFiles.Name(manifestFile, Environment.ProcessId));
        OutputLock? outputLock = null;
        try
        {
            fileSystem.Directory.CreateDirectory(outputDirectory);
            outputLock = OutputLock.TryAcquire(fileSystem, outputDirectory, name, version, plan.Root, IsProcessAlive, diagnostics);
            if (outputLock is null)
            {
                return new PackResult(report.Settle(), name, version, null, null, null) { Profile = profile };
            }

            TempFiles.RemoveStale(fileSystem, outputDirectory, [artifactFile, manifestFile], IsProcessAlive);
            var (files, sha256, compressedBytes) = WriteArchive(plan, request, modTime, tempArtifact, diagnostics);
            plan.Datasets.Finish(diagnostics);
            var found = report.Settle();
            if (report.HasErrors)
            {
                return new PackResult(found, name, version, null, null, null) { Profile = profile };
            }

            var manifest = new ArtifactManifest(name, version, plan.Rules.ToName(), ToolVersion.Current,
                fileSystem.Path.GetFileName(artifactPath), sha256, compressedBytes, plan.UncompressedBytes, files);
            using (var stream = fileSystem.FileStream.New(tempManifest, FileMode.CreateNew, FileAccess.Write))
            {
                manifest.WriteTo(stream);
            }

            // The last moment a signal can still leave the earlier artifact as it was.
            request.CancellationToken.ThrowIfCancellationRequested();
            fileSystem.File.Move(tempArtifact, artifactPath, overwrite: true);
            BetweenRenames?.Invoke();
            fileSystem.File.Move(tempManifest, manifestPath, overwrite: true);
            return new PackResult(found, name, version, artifactPath, manifestPath, manifest) { Profile = profile };
        }
        catch (CompressedCapExceededException e)
        {
            diagnostics.Add(DiagnosticCatalog.CompressedSizeOverCap(e.Cap, e.Written, e.Contributors));
        }
        catch (OperationCanceledException) when (request.CancellationToken.IsCancellationRequested)
        {
            diagnostics.Add(DiagnosticCatalog.PackCancelled());
        }
        catch (PackFileException e)
        {
            diagnostics.Add(e.Diagnostic);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.PackArtifactWriteFailed(e.Message));
        }
        finally
        {
            // Only the lock's holder owns the temps: another pack in this process writes the same temp names.
            if (outputLock is not null)
            {
                TempFiles.DeleteQuietly(fileSystem, tempArtifact);
                TempFiles.DeleteQuietly(fileSystem, tempManifest);
                outputLock.Dispose();
            }
        }

        return new PackResult(report.Settle(), name, version, null, null, null) { Profile = profile };
    }

    private (List<PackedFile> Files, string Sha256, long CompressedBytes) WriteArchive(
        EnvironmentPlan plan, PackRequest request, DateTime modTime, string tempPath, DiagnosticBag diagnostics)
    {
        var files = new List<PackedFile>();
        var total = plan.UncompressedBytes;
        long done = 0;
        var reader = new MemberReader(fileSystem, plan, diagnostics);
        using var output = fileSystem.FileStream.New(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var gzip = new ParallelGzipStream(output, request.CompressionLevel, compressedCap: request.Limits.MaxCompressedBytes);
        try
        {
            var tar = new DeterministicTarWriter(gzip, modTime);
            for (var index = 0; index < plan.Package.Count; index++)
            {
                request.CancellationToken.ThrowIfCancellationRequested();
                var member = plan.Package[index];
                gzip.CurrentSource = index;
                tar.BeginFile(member.Path, member.Size, member.Executable);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                reader.Read(member, chunk =>
                {
                    request.CancellationToken.ThrowIfCancellationRequested();
                    hash.AppendData(chunk);
                    tar.Write(chunk);
                }, bytes =>
                {
                    done += bytes;
                    request.Progress?.Report(new PackProgress(done, total, member.Path));
                });
                tar.CloseEntry();
                files.Add(new PackedFile(member.Path, member.Size, Convert.ToHexStringLower(hash.GetHashAndReset()), member.Executable ? "0755" : "0644") { Generated = member.Generated });
            }

            gzip.CurrentSource = -1;
            tar.Finish();
            gzip.Finish();
            return (files, Convert.ToHexStringLower(gzip.Sha256), gzip.CompressedBytes);
        }
        catch (CompressedCapExceededException e)
        {
            throw new CompressedCapExceededException(e.Written, e.Cap) { Contributors = string.Join(", ", gzip.CompressedBySource
                .Where(p => p.Key >= 0)
                .OrderByDescending(p => p.Value)
                .Take(5)
                .Select(p => $"{PathPortability.Display(plan.Package[p.Key].Path)} (~{EnvironmentAnalyzer.Bytes((long)p.Value)})")) };
        }
    }

    /// <summary>
    /// What a pack reports once CPython's verdict, which ran beside the pass, is in. When the deferred checks (syntax,
    /// import closure) find an error, the report is the analysis's alone, as when they ran before the pass and no pass
    /// ran: the pass's own findings (and a lock or write failure) are left out, so the report is what it always was.
    /// A cancelled pack reports the cancellation and what was known before the pass, as when the check had finished
    /// before it: a check cancelled with the pack ("not checked: the run was cancelled") is not waited for.
    /// </summary>
    private sealed class PassReport(EnvironmentPlan plan, DiagnosticBag analysis, DiagnosticBag pass, CancellationToken cancellation)
    {
        private bool _settled;

        public DiagnosticBag Pass => pass;

        /// <summary>Whether the report holds an error (call <see cref="Settle"/> first).</summary>
        public bool HasErrors => analysis.HasErrors || pass.HasErrors;

        /// <summary>Waits for the deferred checks (the first time) and returns the report as it stands.</summary>
        public IReadOnlyList<Diagnostic> Settle()
        {
            if (!_settled)
            {
                _settled = true;
                if (!cancellation.IsCancellationRequested)
                {
                    plan.CompleteDeferredChecks(analysis);
                }
            }

            if (analysis.HasErrors)
            {
                return analysis.ToSortedList();
            }

            // Both bags applied the run's warnings-as-errors as their diagnostics arrived; the union adds nothing.
            var all = new DiagnosticBag();
            foreach (var diagnostic in analysis.ToSortedList().Concat(pass.ToSortedList()))
            {
                all.Add(diagnostic);
            }

            return all.ToSortedList();
        }
    }
}
