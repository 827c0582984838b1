using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.Retry;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Publishing;

/// <summary>
/// The OCI distribution API calls RlEnv needs: blob HEAD/upload/GET, manifest GET/PUT, tag list.
/// Answers a 401 with Basic or Bearer (token spec) auth; retries 5xx and timeouts with backoff.
/// </summary>
public sealed class OciRegistryClient : IArtifactStore
{
    private static readonly string[] ChallengeKeys = ["service", "scope"];

    private readonly HttpClient _http;
    private readonly string _base;
    private readonly RegistryCredentials? _credentials;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private AuthenticationHeaderValue? _authorization;

    public OciRegistryClient(string host, bool plainHttp, RegistryCredentials? credentials, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = TimeSpan.FromMinutes(10);
        _base = (plainHttp ? "http://" : "https://") + host;
        _credentials = credentials;
        _retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>()
                    .HandleResult(r => (int)r.StatusCode >= 500),
            })
            .Build();
    }

    public string Host => new Uri(_base).Authority;

    public string Location => Host;

    /// <summary>Blobs larger than this go up as PATCH chunks of this size, then a closing PUT.</summary>
    public int ChunkSize { get; init; } = 64 * 1024 * 1024;

    public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellation)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, $"{_base}/v2/{repository}/blobs/{digest}"), cancellation);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>
    /// POST, then one PUT with the bytes, or PATCH chunks and a closing PUT for blobs over <see cref="ChunkSize"/>.
    /// A failed upload leaves only an abandoned session the registry expires; the next publish starts afresh.
    /// </summary>
    public async Task UploadBlobAsync(string repository, string digest, long size, Func<Stream> open, CancellationToken cancellation)
    {
        using var start = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"{_base}/v2/{repository}/blobs/uploads/"), cancellation);
        await EnsureAsync(start, HttpStatusCode.Accepted, "start an upload", cancellation);
        var location = Absolute(start.Headers.Location);
        if (size > ChunkSize)
        {
            await using var source = open();
            var buffer = new byte[ChunkSize];
            long offset = 0;
            while (offset < size)
            {
                var length = await source.ReadAtLeastAsync(buffer, (int)Math.Min(ChunkSize, size - offset), throwOnEndOfStream: true, cancellation);
                var from = offset;
                var chunk = buffer.AsMemory(0, length);
                var url = location;
                using var patch = await SendAsync(() =>
                {
                    var content = new ReadOnlyMemoryContent(chunk) { Headers = { ContentLength = length, ContentType = new MediaTypeHeaderValue("application/octet-stream") } };

                    // OCI wants a bare "start-end", not HTTP's "bytes start-end/total".
                    content.Headers.TryAddWithoutValidation("Content-Range", $"{from}-{from + length - 1}");
                    return new HttpRequestMessage(HttpMethod.Patch, url) { Content = content };
                }, cancellation);
                await EnsureAsync(patch, HttpStatusCode.Accepted, $"upload a chunk of {digest}", cancellation);
                location = Absolute(patch.Headers.Location ?? location);
                offset += length;
            }

            using var close = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest)), cancellation);
            await EnsureAsync(close, HttpStatusCode.Created, $"upload blob {digest}", cancellation);
            return;
        }

        using var put = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest))
        {
            Content = new StreamContent(open()) { Headers = { ContentLength = size, ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        }, cancellation);
        await EnsureAsync(put, HttpStatusCode.Created, $"upload blob {digest}", cancellation);
    }

    private Uri Absolute(Uri? location) => location is null
        ? throw new RegistryException(DiagnosticCodes.RegistryRefused, "The registry started an upload without a Location.")
        : location.IsAbsoluteUri ? location : new Uri(new Uri(_base), location);

    private static string WithDigest(Uri location, string digest) =>
        $"{location}{(location.Query.Length > 0 ? "&" : "?")}digest={Uri.EscapeDataString(digest)}";

    public async Task<(byte[] Body, string MediaType)?> GetManifestAsync(string repository, string reference, CancellationToken cancellation)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"{_base}/v2/{repository}/manifests/{reference}");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OciArtifact.ManifestMediaType));
            return request;
        }, cancellation);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureAsync(response, HttpStatusCode.OK, $"read manifest {reference}", cancellation);
        return (await response.Content.ReadAsByteArrayAsync(cancellation), response.Content.Headers.ContentType?.MediaType ?? string.Empty);
    }

    public async Task PutManifestAsync(string repository, string tag, byte[] manifest, CancellationToken cancellation)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, $"{_base}/v2/{repository}/manifests/{tag}")
        {
            Content = new ByteArrayContent(manifest) { Headers = { ContentType = new MediaTypeHeaderValue(OciArtifact.ManifestMediaType) } },
        }, cancellation);
        await EnsureAsync(response, HttpStatusCode.Created, $"write manifest {tag}", cancellation);
    }

    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellation)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"{_base}/v2/{repository}/tags/list"), cancellation);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        await EnsureAsync(response, HttpStatusCode.OK, "list tags", cancellation);
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellation));
        return document.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? [.. tags.EnumerateArray().Select(t => t.GetString()!).Where(t => t is not null)]
            : [];
    }

    /// <summary>The blob's bytes as a stream (the response is released with it); the caller verifies size and digest.</summary>
    public async Task<Stream> OpenBlobAsync(string repository, string digest, CancellationToken cancellation)
    {
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"{_base}/v2/{repository}/blobs/{digest}"), HttpCompletionOption.ResponseHeadersRead, cancellation);
        try
        {
            await EnsureAsync(response, HttpStatusCode.OK, $"read blob {digest}", cancellation);
            return new OwningStream(await response.Content.ReadAsStreamAsync(cancellation), response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Reads from the content stream and disposes the response with it.</summary>
    private sealed class OwningStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

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

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellation) => SendAsync(create, HttpCompletionOption.ResponseContentRead, cancellation);

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, HttpCompletionOption completion, CancellationToken cancellation)
    {
        var response = await SendOnceAsync(create, completion, cancellation);
        if (response.StatusCode == HttpStatusCode.Unauthorized && await AuthenticateAsync(response, cancellation))
        {
            response.Dispose();
            response = await SendOnceAsync(create, completion, cancellation);
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> create, HttpCompletionOption completion, CancellationToken cancellation)
    {
        try
        {
            return await _retry.ExecuteAsync(async token =>
            {
                using var request = create();
                request.Headers.Authorization = _authorization;
                return await _http.SendAsync(request, completion, token);
            }, cancellation);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new RegistryException(DiagnosticCodes.RegistryUnreachable, $"The registry at {_base} cannot be reached: {e.Message}");
        }
    }

    /// <summary>Answers the challenge: Basic with the credentials, or Bearer by fetching a token from the realm.</summary>
    private async Task<bool> AuthenticateAsync(HttpResponseMessage challenge, CancellationToken cancellation)
    {
        var header = challenge.Headers.WwwAuthenticate.FirstOrDefault();
        if (header is null || _authorization is not null && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var basic = _credentials is null ? null : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_credentials.Username}:{_credentials.Password}")));
        if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            _authorization = basic;
            return basic is not null;
        }

        if (!header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parameters = ParseChallenge(header.Parameter ?? string.Empty);
        if (!parameters.TryGetValue("realm", out var realm))
        {
            return false;
        }

        var query = string.Join("&", ChallengeKeys.Where(parameters.ContainsKey).Select(k => $"{k}={Uri.EscapeDataString(parameters[k])}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, query.Length > 0 ? $"{realm}?{query}" : realm);
        request.Headers.Authorization = basic;
        using var response = await _http.SendAsync(request, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellation));
        var token = document.RootElement.TryGetProperty("token", out var t) ? t.GetString() : document.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
        _authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return token is not null;
    }

    private static Dictionary<string, string> ParseChallenge(string parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(parameter, "(\\w+)=\"([^\"]*)\""))
        {
            result[match.Groups[1].Value] = match.Groups[2].Value;
        }

        return result;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellation)
    {
        if (response.StatusCode == expected || (expected == HttpStatusCode.Created && response.StatusCode == HttpStatusCode.Accepted && what.StartsWith("upload", StringComparison.Ordinal)))
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellation);
        var code = response.StatusCode == HttpStatusCode.Unauthorized ? "authentication required or refused (set RLENV_REGISTRY_USERNAME and RLENV_REGISTRY_PASSWORD, or docker login)" : $"HTTP {(int)response.StatusCode}";
        throw new RegistryException(DiagnosticCodes.RegistryRefused, $"The registry refused to {what}: {code}. {body[..Math.Min(body.Length, 300)].Trim()}");
    }
}
