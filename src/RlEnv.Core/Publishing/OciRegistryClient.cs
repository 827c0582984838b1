using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Publishing.Oci;

namespace RlEnv.Core.Publishing;

/// <summary>
/// The OCI distribution API calls RlEnv needs: blob HEAD/upload/GET, manifest GET/PUT, tag list pages.
/// Auth lives in <see cref="RegistryAuthHandler"/>; this class owns the protocol: bounded documents,
/// redirects without credentials, an idle timeout on every transfer, retries of idempotent requests only,
/// and the registry's Docker-Content-Digest checked against what was sent.
/// </summary>
public sealed class OciRegistryClient : IArtifactStore
{
    /// <summary>More tags than this is no environment's history; the pull is refused rather than buffered.</summary>
    public const int MaxTags = 100_000;

    private const int TagPageSize = 1000;
    private const int MaxRedirects = 5;
    private const int MaxAttempts = 4;

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly RegistryOptions _options;

    public OciRegistryClient(string host, RegistryOptions options, Func<RegistryCredentials?> credentials, HttpMessageHandler? transport = null)
    {
        _options = options;
        _base = new Uri((options.PlainHttp ? "http://" : "https://") + host);
        Auth = new RegistryAuthHandler(RegistryOrigin.Of(_base), credentials, transport ?? new SocketsHttpHandler
        {
            // Redirects are followed here, one hop at a time, so each hop passes the origin check.
            AllowAutoRedirect = false,
            ConnectTimeout = options.IdleTimeout,
        });
        _http = new HttpClient(Auth) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public RegistryAuthHandler Auth { get; }

    public string Location => _base.Authority;

    private string Origin => _base.GetLeftPart(UriPartial.Authority);

    /// <summary>Blobs larger than this go up as PATCH chunks of this size, then a closing PUT.</summary>
    public int ChunkSize { get; init; } = 64 * 1024 * 1024;

    public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellation)
    {
        using var call = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, Url($"{repository}/blobs/{digest}")), cancellation);
        if (call.Response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound)
        {
            return call.Response.StatusCode == HttpStatusCode.OK;
        }

        throw Refused(call.Response, $"check blob {digest}");
    }

    /// <summary>
    /// POST, then one PUT with the bytes, or PATCH chunks and a closing PUT for blobs over <see cref="ChunkSize"/>.
    /// A failed upload leaves only an abandoned session the registry expires; the next publish starts afresh.
    /// </summary>
    public async Task UploadBlobAsync(string repository, string digest, long size, Func<Stream> open, CancellationToken cancellation)
    {
        Uri location;
        using (var start = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url($"{repository}/blobs/uploads/")), cancellation))
        {
            Expect(start.Response, HttpStatusCode.Accepted, "start an upload");
            location = Absolute(start.Response.Headers.Location);
        }

        if (size > ChunkSize)
        {
            await using var source = open();
            var buffer = new byte[ChunkSize];
            long offset = 0;
            while (offset < size)
            {
                var length = await source.ReadAtLeastAsync(buffer, (int)Math.Min(ChunkSize, size - offset), throwOnEndOfStream: true, cancellation);
                var from = offset;
                var url = location;
                using var patch = await SendAsync(() =>
                {
                    var content = new ReadOnlyMemoryContent(buffer.AsMemory(0, length)) { Headers = { ContentLength = length, ContentType = new MediaTypeHeaderValue("application/octet-stream") } };

                    // OCI wants a bare "start-end", not HTTP's "bytes start-end/total".
                    content.Headers.TryAddWithoutValidation("Content-Range", $"{from}-{from + length - 1}");
                    return new HttpRequestMessage(HttpMethod.Patch, url) { Content = content };
                }, cancellation);
                Expect(patch.Response, HttpStatusCode.Accepted, $"upload a chunk of {digest}");
                location = Absolute(patch.Response.Headers.Location ?? location);
                offset += length;
            }

            // The end of the source must be where the size said: the reader's hash (if any) covers it whole, and a file
            // that grew is caught as the streamed PUT catches it.
            if (await source.ReadAsync(buffer.AsMemory(0, 1), cancellation) > 0)
            {
                throw new IOException($"The blob changed while it was uploaded (more than {size:N0} bytes).");
            }

            using var close = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest)), cancellation);
            Expect(close.Response, HttpStatusCode.Created, $"upload blob {digest}");
            CheckStoredDigest(close.Response, digest);
            return;
        }

        using var put = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest))
        {
            Content = new StreamingContent(open, size),
        }, cancellation);
        Expect(put.Response, HttpStatusCode.Created, $"upload blob {digest}");
        CheckStoredDigest(put.Response, digest);
    }

    public async Task<(byte[] Body, string MediaType)?> GetManifestAsync(string repository, string reference, CancellationToken cancellation)
    {
        using var call = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Url($"{repository}/manifests/{reference}"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OciArtifact.ManifestMediaType));
            return request;
        }, cancellation);
        if (call.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Expect(call.Response, HttpStatusCode.OK, $"read manifest {reference}");
        var body = await call.ReadBoundedAsync($"manifest for {reference}");
        return (body, call.Response.Content.Headers.ContentType?.MediaType ?? string.Empty);
    }

    public async Task PutManifestAsync(string repository, string tag, byte[] manifest, CancellationToken cancellation)
    {
        using var call = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, Url($"{repository}/manifests/{tag}"))
        {
            Content = new ByteArrayContent(manifest) { Headers = { ContentType = new MediaTypeHeaderValue(OciArtifact.ManifestMediaType) } },
        }, cancellation);
        Expect(call.Response, HttpStatusCode.Created, $"write manifest {tag}");
        CheckStoredDigest(call.Response, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest)));
    }

    /// <summary>Every tag, page by page (`n`, `last` and the `Link` header, as the distribution spec pages them), each page bounded.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellation)
    {
        var tags = new List<string>();
        Uri? next = Url($"{repository}/tags/list?n={TagPageSize}");
        while (next is not null)
        {
            var url = next;
            using var call = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellation);
            if (call.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return tags;
            }

            Expect(call.Response, HttpStatusCode.OK, "list tags");
            var page = Parse(await call.ReadBoundedAsync("tag list"), OciJsonContext.Default.OciTagList, "tag list");
            foreach (var tag in page.Tags ?? [])
            {
                if (tag is null || tags.Count >= MaxTags)
                {
                    throw new RegistryException(tag is null ? DiagnosticCatalog.RegistryTagListNullTag() : DiagnosticCatalog.RegistryTooManyTags(repository, MaxTags));
                }

                tags.Add(tag);
            }

            next = NextPage(call.Response, url, page.Tags?.Count ?? 0);
        }

        return tags;
    }

    /// <summary>The blob's bytes as a stream with the idle timeout on every read (the response is released with it); the caller verifies size and digest.</summary>
    public async Task<Stream> OpenBlobAsync(string repository, string digest, CancellationToken cancellation)
    {
        var call = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url($"{repository}/blobs/{digest}")), cancellation);
        try
        {
            Expect(call.Response, HttpStatusCode.OK, $"read blob {digest}");
            return await call.OpenStreamAsync();
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();

    private Uri Url(string path) => new(_base, "/v2/" + path);

    private Uri Absolute(Uri? location) => location is null
        ? throw new RegistryException(DiagnosticCatalog.RegistryUploadWithoutLocation())
        : location.IsAbsoluteUri ? location : new Uri(_base, location);

    private static Uri WithDigest(Uri location, string digest) =>
        new($"{location}{(location.Query.Length > 0 ? "&" : "?")}digest={Uri.EscapeDataString(digest)}");

    /// <summary>The next tag page from the Link header; only on the registry itself, and only while pages keep coming.</summary>
    private Uri? NextPage(HttpResponseMessage response, Uri current, int count)
    {
        if (count == 0 || !response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var link in links)
        {
            var open = link.IndexOf('<', StringComparison.Ordinal);
            var close = link.IndexOf('>', StringComparison.Ordinal);
            if (open < 0 || close < open || !link.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                continue;
            }

            if (!Uri.TryCreate(current, link[(open + 1)..close], out var next) || RegistryOrigin.Of(next) != RegistryOrigin.Of(_base) || next == current)
            {
                throw new RegistryException(DiagnosticCatalog.RegistryTagPageElsewhere());
            }

            return next;
        }

        return null;
    }

    private static T Parse<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            throw new RegistryException(DiagnosticCatalog.RegistryDocumentNotJson(what));
        }
    }

    /// <summary>A registry that answers with another digest stored other bytes than were sent.</summary>
    private static void CheckStoredDigest(HttpResponseMessage response, string expected)
    {
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } stored && stored != expected)
        {
            throw new RegistryException(DiagnosticCatalog.RegistryStoredOtherDigest(stored, expected));
        }
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        // A blob upload may be answered 202 as well as 201 by some registries.
        if (response.StatusCode == expected || (expected == HttpStatusCode.Created && response.StatusCode == HttpStatusCode.Accepted && what.StartsWith("upload", StringComparison.Ordinal)))
        {
            return;
        }

        throw Refused(response, what);
    }

    private static RegistryException Refused(HttpResponseMessage response, string what) => new(DiagnosticCatalog.RegistryRequestRefused(what, response.StatusCode));

    private static bool Idempotent(HttpMethod method) => method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put;

    /// <summary>
    /// Sends with the idle timeout, follows GET/HEAD redirects one hop at a time, answers a 401 on a
    /// streamed body by sending it again once (the auth handler now holds the answer), and retries
    /// idempotent requests on 5xx, connection failures and stalls. A user's cancel is rethrown as such.
    /// </summary>
    private async Task<RegistryCall> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            var idle = new IdleTimeout(_options.IdleTimeout, cancellation);
            HttpResponseMessage? response = null;
            var method = HttpMethod.Get;
            try
            {
                response = await SendFollowingAsync(create, idle, m => method = m);
                if (response.StatusCode == HttpStatusCode.Unauthorized && response.RequestMessage?.Content is StreamingContent)
                {
                    response.Dispose();
                    response = await SendFollowingAsync(create, idle, m => method = m);
                }

                if ((int)response.StatusCode >= 500 && Idempotent(method) && attempt < MaxAttempts)
                {
                    response.Dispose();
                    idle.Dispose();
                    await Task.Delay(Backoff(attempt), cancellation);
                    continue;
                }

                return new RegistryCall(response, idle);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellation.IsCancellationRequested)
            {
                response?.Dispose();
                var stalled = idle.Expired;
                idle.Dispose();
                if (Idempotent(method) && attempt < MaxAttempts)
                {
                    await Task.Delay(Backoff(attempt), cancellation);
                    continue;
                }

                throw new RegistryException(stalled
                    ? DiagnosticCatalog.RegistrySentNothing(Origin, _options.IdleTimeout)
                    : DiagnosticCatalog.RegistryCannotBeReached(Origin, e.Message));
            }
            catch
            {
                response?.Dispose();
                idle.Dispose();
                throw;
            }
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(200 * (1 << (attempt - 1)));

    private async Task<HttpResponseMessage> SendFollowingAsync(Func<HttpRequestMessage> create, IdleTimeout idle, Action<HttpMethod> method)
    {
        var request = create();
        method(request.Method);
        if (request.Content is StreamingContent streaming)
        {
            streaming.Idle = idle;
        }

        for (var hop = 0; ; hop++)
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token);
            idle.Touch();
            var redirect = response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
                or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
            if (!redirect || (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head) || response.Headers.Location is null)
            {
                return response;
            }

            var target = response.Headers.Location.IsAbsoluteUri ? response.Headers.Location : new Uri(request.RequestUri!, response.Headers.Location);
            response.Dispose();
            if (hop >= MaxRedirects || target.Scheme is not ("http" or "https") || (request.RequestUri!.Scheme == Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttps))
            {
                throw new RegistryException(hop >= MaxRedirects ? DiagnosticCatalog.RegistryTooManyRedirects() : DiagnosticCatalog.RegistryRedirectToHttp());
            }

            var next = new HttpRequestMessage(request.Method, target);
            foreach (var accept in request.Headers.Accept)
            {
                next.Headers.Accept.Add(accept);
            }

            request.Dispose();
            request = next;
        }
    }

    /// <summary>A response with the idle timeout that guards reading its body.</summary>
    private sealed class RegistryCall(HttpResponseMessage response, IdleTimeout idle) : IDisposable
    {
        public HttpResponseMessage Response { get; } = response;

        public async Task<byte[]> ReadBoundedAsync(string what)
        {
            try
            {
                return await BoundedContent.ReadAsync(Response.Content, BoundedContent.MaxDocumentBytes, what, idle);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && idle.Expired)
            {
                throw new RegistryException(DiagnosticCatalog.RegistryStoppedSendingDocument(what));
            }
        }

        public async Task<Stream> OpenStreamAsync() => new IdleStream(await Response.Content.ReadAsStreamAsync(idle.Token), idle, this);

        public void Dispose()
        {
            Response.Dispose();
            idle.Dispose();
        }
    }

    /// <summary>Reads a body with the idle timeout on each read, and releases the response with it.</summary>
    private sealed class IdleStream(Stream inner, IdleTimeout idle, IDisposable owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
            try
            {
                var read = await inner.ReadAsync(buffer, linked.Token);
                idle.Touch();
                return read;
            }
            catch (Exception e) when (e is OperationCanceledException or IOException && idle.Expired)
            {
                throw new RegistryException(DiagnosticCatalog.RegistryStoppedSendingBlob());
            }
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
                owner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>An upload body opened afresh on every send, that counts as activity for the idle timeout as it goes.</summary>
    private sealed class StreamingContent : HttpContent
    {
        private readonly Func<Stream> _open;
        private readonly long _size;

        public StreamingContent(Func<Stream> open, long size)
        {
            _open = open;
            _size = size;
            Headers.ContentLength = size;
            Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        public IdleTimeout? Idle { get; set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await using var source = _open();
            var buffer = new byte[1 << 20];
            long sent = 0;
            for (int read; (read = await source.ReadAsync(buffer, cancellationToken)) > 0;)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                sent += read;
                Idle?.Touch();
            }

            if (sent != _size)
            {
                throw new IOException($"The artifact changed while it was uploaded ({sent:N0} bytes, not {_size:N0}).");
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _size;
            return true;
        }
    }
}
