using System.IO.Abstractions;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Publishing;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Publishing;

/// <summary>
/// Publish reads the artifact once and hashes it in the pass that uploads it; pull hashes the blob in the pass that
/// writes it, reads at most one byte past the declared size, and a blob that does not match is refused with nothing left.
/// </summary>
public sealed class RegistryStreamingTests : IDisposable
{
    private static readonly RegistryReference Reference = RegistryReference.Parse("oci://registry.example/envs/math", out _)!;

    private readonly RealEnvironment _env = new();

    private string Pack()
    {
        _env.Write("dataset/train.jsonl", "{\"input\":\"q\",\"output\":\"a\"}\n");
        var noise = new byte[300_000];
        new Random(7).NextBytes(noise);
        File.WriteAllBytes(Path.Combine(_env.Root, "dataset", "blob.bin"), noise);
        var packed = _env.Pack();
        Assert.True(packed.Succeeded, string.Join('\n', packed.Diagnostics));
        return packed.ArtifactPath!;
    }

    /// <summary>The same length, one byte other: only the content check can tell.</summary>
    private static void Tamper(string artifact)
    {
        var bytes = File.ReadAllBytes(artifact);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(artifact, bytes);
    }

    private static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task Publish_reads_the_artifact_once_and_the_registry_receives_the_bytes_of_that_one_pass()
    {
        var artifact = Pack();
        var fileSystem = new ReadCountingFileSystem(new FileSystem(), artifact);
        using var store = new MemoryStore(checksDigests: true);

        var published = await new Publisher(store, fileSystem).PublishAsync(artifact, Reference, null, CancellationToken.None);

        Assert.True(published.Pushed, string.Join('\n', published.Diagnostics));
        Assert.Equal(1, fileSystem.Opens);
        Assert.Equal(new FileInfo(artifact).Length, fileSystem.BytesRead);
        Assert.Equal(File.ReadAllBytes(artifact), store.Blobs[published.LayerDigest!]);
    }

    [Fact]
    public async Task Publish_to_a_registry_that_already_holds_the_blob_reads_the_artifact_once_to_check_it_and_uploads_nothing()
    {
        var artifact = Pack();
        using var store = new MemoryStore(checksDigests: true);
        var bytes = File.ReadAllBytes(artifact);
        store.Blobs[Digest(bytes)] = bytes;
        var fileSystem = new ReadCountingFileSystem(new FileSystem(), artifact);

        var published = await new Publisher(store, fileSystem).PublishAsync(artifact, Reference, null, CancellationToken.None);

        Assert.True(published.Pushed, string.Join('\n', published.Diagnostics));
        Assert.Equal(1, fileSystem.Opens);
        Assert.Equal(bytes.Length, fileSystem.BytesRead);
        Assert.DoesNotContain(Digest(bytes), store.Uploaded);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Artifact_changed_after_packing_is_refused_as_such_and_no_manifest_points_at_it(bool registryChecksDigests)
    {
        // A registry that checks refuses the upload; one that does not stores it, and the publisher's own hash of the
        // pass that went up catches it before the manifest is written.
        var artifact = Pack();
        Tamper(artifact);
        using var store = new MemoryStore(registryChecksDigests);

        var published = await new Publisher(store, new FileSystem()).PublishAsync(artifact, Reference, null, CancellationToken.None);

        Assert.False(published.Pushed);
        Assert.Equal("RLENV1802", Assert.Single(published.Diagnostics).Code);
        Assert.Empty(store.Manifests);
    }

    [Fact]
    public async Task Artifact_changed_after_packing_is_refused_when_the_registry_already_holds_the_packed_blob()
    {
        var artifact = Pack();
        using var store = new MemoryStore(checksDigests: true);
        var bytes = File.ReadAllBytes(artifact);
        store.Blobs[Digest(bytes)] = bytes;
        Tamper(artifact);

        var published = await new Publisher(store, new FileSystem()).PublishAsync(artifact, Reference, null, CancellationToken.None);

        Assert.Equal("RLENV1802", Assert.Single(published.Diagnostics).Code);
        Assert.Empty(store.Manifests);
    }

    [Fact]
    public async Task Artifact_that_changed_length_after_packing_is_refused_before_the_registry_is_asked()
    {
        var artifact = Pack();
        File.AppendAllText(artifact, "x");
        using var store = new MemoryStore(checksDigests: true);

        var published = await new Publisher(store, new FileSystem()).PublishAsync(artifact, Reference, null, CancellationToken.None);

        Assert.Equal("RLENV1802", Assert.Single(published.Diagnostics).Code);
        Assert.Equal(0, store.Calls);
    }

    [Theory]
    [InlineData("../../../v2/other/blobs/uploads/")]
    [InlineData("D03AE62CFB92473C842116A6139003F2C54822FFE3728DAC2D4864EB08F95661")]
    [InlineData("")]
    public async Task Manifest_digest_that_is_not_a_sha256_never_reaches_the_registry(string claimed)
    {
        // The digest goes into registry URLs before the content is hashed, so its shape is checked first.
        var artifact = Pack();
        var manifestPath = artifact.Replace(".tar.gz", ".manifest.json", StringComparison.Ordinal);
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["archive"]!["sha256"] = claimed;
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        using var store = new MemoryStore(checksDigests: false);

        var published = await new Publisher(store, new FileSystem()).PublishAsync(artifact, Reference, null, CancellationToken.None);

        Assert.Equal("RLENV1802", Assert.Single(published.Diagnostics).Code);
        Assert.Equal(0, store.Calls);
    }

    [Fact]
    public async Task Pull_hashes_the_blob_as_it_writes_it_and_reads_the_archive_once_to_extract()
    {
        var artifact = Pack();
        using var store = new MemoryStore(checksDigests: true);
        Assert.True((await new Publisher(store, new FileSystem()).PublishAsync(artifact, Reference, null, CancellationToken.None)).Pushed);
        var fileSystem = new ReadCountingFileSystem(new FileSystem(), artifact: null);
        var target = Path.Combine(_env.Output, "pulled");

        var pulled = await new Puller(store, fileSystem).PullAsync(Reference with { Version = "1.0.0" }, target, PackLimits.Hub, CancellationToken.None);

        Assert.Equal(target, pulled.Output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_env.Root, "dataset", "blob.bin")), File.ReadAllBytes(Path.Combine(target, "dataset", "blob.bin")));
        var archive = Assert.Single(fileSystem.OpenedForRead, p => p.EndsWith("artifact.tar.gz", StringComparison.Ordinal));
        Assert.Equal(1, fileSystem.OpenedForRead.Count(p => p == archive));
    }

    [Fact]
    public async Task Corrupted_blob_from_a_hostile_registry_is_refused_and_leaves_nothing_behind()
    {
        var artifact = Pack();
        using var store = new MemoryStore(checksDigests: true);
        var published = await new Publisher(store, new FileSystem()).PublishAsync(artifact, Reference, null, CancellationToken.None);
        store.Blobs[published.LayerDigest!][100] ^= 0x01;
        var target = Path.Combine(_env.Output, "new", "pulled");

        var pulled = await new Puller(store, new FileSystem()).PullAsync(Reference with { Version = "1.0.0" }, target, PackLimits.Hub, CancellationToken.None);

        Assert.Null(pulled.Output);
        Assert.Equal("RLENV2606", Assert.Single(pulled.Diagnostics).Code);
        Assert.False(Directory.Exists(Path.Combine(_env.Output, "new")));
        Assert.Equal([Path.GetFileName(artifact).Replace(".tar.gz", ".manifest.json", StringComparison.Ordinal), Path.GetFileName(artifact)],
            Directory.EnumerateFileSystemEntries(_env.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Registry_that_sends_past_the_declared_size_is_read_one_byte_past_it_then_refused()
    {
        var artifact = Pack();
        using var store = new MemoryStore(checksDigests: true);
        var published = await new Publisher(store, new FileSystem()).PublishAsync(artifact, Reference, null, CancellationToken.None);
        var size = store.Blobs[published.LayerDigest!].Length;
        store.Endless = true;

        var pulled = await new Puller(store, new FileSystem()).PullAsync(Reference with { Version = "1.0.0" }, Path.Combine(_env.Output, "pulled"), PackLimits.Hub, CancellationToken.None);

        Assert.Equal("RLENV2606", Assert.Single(pulled.Diagnostics).Code);
        Assert.Equal(size + 1, store.BlobBytesServed);
        Assert.False(Directory.Exists(Path.Combine(_env.Output, "pulled")));
    }

    public void Dispose() => _env.Dispose();

    /// <summary>A registry in memory; one that does not check digests stores whatever it is sent under the digest it is told.</summary>
    private sealed class MemoryStore(bool checksDigests) : IArtifactStore
    {
        public Dictionary<string, byte[]> Blobs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, byte[]> Manifests { get; } = new(StringComparer.Ordinal);

        public List<string> Uploaded { get; } = [];

        public int Calls { get; private set; }

        /// <summary>Serve blobs followed by zeros without end, as a hostile registry may.</summary>
        public bool Endless { get; set; }

        public long BlobBytesServed => _served?.Served ?? 0;

        private CountingStream? _served;

        public string Location => "memory";

        public Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellation)
        {
            Calls++;
            return Task.FromResult(Blobs.ContainsKey(digest));
        }

        public async Task UploadBlobAsync(string repository, string digest, long size, Func<Stream> open, CancellationToken cancellation)
        {
            Calls++;
            using var copy = new MemoryStream();
            await using (var source = open())
            {
                await source.CopyToAsync(copy, cancellation);
            }

            var bytes = copy.ToArray();
            if (checksDigests && (Digest(bytes) != digest || bytes.Length != size))
            {
                // What a registry answers a blob whose bytes do not hash to the digest in the closing PUT.
                throw new RegistryException(DiagnosticCatalog.RegistryRequestRefused($"upload blob {digest}", HttpStatusCode.BadRequest));
            }

            Uploaded.Add(digest);
            Blobs[digest] = bytes;
        }

        public Task<(byte[] Body, string MediaType)?> GetManifestAsync(string repository, string reference, CancellationToken cancellation)
        {
            Calls++;
            return Task.FromResult<(byte[], string)?>(Manifests.TryGetValue(reference, out var body) ? (body, OciArtifact.ManifestMediaType) : null);
        }

        public Task PutManifestAsync(string repository, string tag, byte[] manifest, CancellationToken cancellation)
        {
            Calls++;
            Manifests[tag] = manifest;
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellation) =>
            Task.FromResult<IReadOnlyList<string>>([.. Manifests.Keys]);

        public Task<Stream> OpenBlobAsync(string repository, string digest, CancellationToken cancellation)
        {
            Stream body = new MemoryStream(Blobs[digest]);
            _served = new CountingStream(Endless ? new EndlessStream(Blobs[digest]) : body);
            return Task.FromResult<Stream>(_served);
        }

        public void Dispose()
        {
        }
    }

    /// <summary>The bytes given, then zeros for ever.</summary>
    private sealed class EndlessStream(byte[] start) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = _position + i < start.Length ? start[_position + i] : (byte)0;
            }

            _position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Counts the bytes read through it.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Served += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// A file system that records every file opened for reading through File.* or FileStream.*, and counts the opens and
/// the bytes read of one artifact, whichever API the code under test uses.
/// </summary>
internal sealed class ReadCountingFileSystem : IFileSystem
{
    private readonly IFileSystem _inner;

    public ReadCountingFileSystem(IFileSystem inner, string? artifact)
    {
        _inner = inner;
        Artifact = artifact is null ? null : inner.Path.GetFullPath(artifact);
        File = CountingProxy.For<IFile>(inner.File, this);
        FileStream = CountingProxy.For<IFileStreamFactory>(inner.FileStream, this);
    }

    public string? Artifact { get; }

    public int Opens { get; private set; }

    public long BytesRead { get; private set; }

    public List<string> OpenedForRead { get; } = [];

    public IDirectory Directory => _inner.Directory;

    public IDirectoryInfoFactory DirectoryInfo => _inner.DirectoryInfo;

    public IDriveInfoFactory DriveInfo => _inner.DriveInfo;

    public IFile File { get; }

    public IFileInfoFactory FileInfo => _inner.FileInfo;

    public IFileStreamFactory FileStream { get; }

    public IFileSystemWatcherFactory FileSystemWatcher => _inner.FileSystemWatcher;

    public IFileVersionInfoFactory FileVersionInfo => _inner.FileVersionInfo;

    public IPath Path => _inner.Path;

    public IRandomAccess RandomAccess => _inner.RandomAccess;

    /// <summary>Called for every File.*/FileStream.* call naming a path: a stream opened for reading is counted as it is read.</summary>
    internal object? Observe(string method, string path, object? result)
    {
        var full = _inner.Path.GetFullPath(path);
        var isArtifact = full == Artifact;
        var reads = method.StartsWith("OpenRead", StringComparison.Ordinal) || method.StartsWith("ReadAll", StringComparison.Ordinal) || method.StartsWith("ReadLines", StringComparison.Ordinal)
            || (result is FileSystemStream stream && stream.CanRead);
        if (!reads)
        {
            return result;
        }

        OpenedForRead.Add(full);
        if (!isArtifact)
        {
            return result;
        }

        Opens++;
        switch (result)
        {
            case FileSystemStream opened:
                return new CountingFileStream(opened, full, n => BytesRead += n);
            case byte[] bytes:
                BytesRead += bytes.Length;
                return result;
            default:
                BytesRead += _inner.FileInfo.New(full).Length;
                return result;
        }
    }

    private sealed class CountingFileStream(FileSystemStream inner, string path, Action<int> count) : FileSystemStream(inner, path, false)
    {
        public override int Read(byte[] buffer, int offset, int count1) => Counted(base.Read(buffer, offset, count1));

        public override int Read(Span<byte> buffer) => Counted(base.Read(buffer));

        public override int ReadByte()
        {
            var b = base.ReadByte();
            Counted(b < 0 ? 0 : 1);
            return b;
        }

#pragma warning disable CA1835 // This overload is the one being counted.
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count1, CancellationToken cancellationToken) =>
            Counted(await base.ReadAsync(buffer, offset, count1, cancellationToken));
#pragma warning restore CA1835

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await base.ReadAsync(buffer, cancellationToken));

        private int Counted(int read)
        {
            count(read);
            return read;
        }
    }
}

/// <summary>Forwards every call of an interface to an instance, showing path-taking calls to <see cref="ReadCountingFileSystem"/>.</summary>
#pragma warning disable CA1852 // DispatchProxy needs a type it can derive from.
public class CountingProxy : DispatchProxy
#pragma warning restore CA1852
{
    private object _inner = null!;
    private ReadCountingFileSystem _owner = null!;

    internal static T For<T>(T inner, ReadCountingFileSystem owner)
        where T : class
    {
        var proxy = Create<T, CountingProxy>();
        var state = (CountingProxy)(object)proxy;
        state._inner = inner;
        state._owner = owner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        object? result;
        try
        {
            result = targetMethod!.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        if (targetMethod.Name == "get_FileSystem")
        {
            return _owner;
        }

        return args is [string path, ..] ? _owner.Observe(targetMethod.Name, path, result) : result;
    }
}
