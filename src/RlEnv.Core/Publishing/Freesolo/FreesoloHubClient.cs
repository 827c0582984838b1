using System.Text;
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;

namespace RlEnv.Core.Publishing.Freesolo;

/// <summary>What the control plane answered: the status, the body's JSON object (when it is one), and its detail as safe text.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The answer's JSON object, or null when it is not one.</param>
/// <param name="Detail">flash/client/http.py <c>_detail_from_http_error</c>: the <c>detail</c> member, else the body's text;
/// control characters replaced, at most 600 characters, the API key never in it.</param>
/// <param name="Location">Where a redirect pointed (never followed).</param>
public sealed record FreesoloHubAnswer(int Status, JsonElement? Body, string Detail, Uri? Location)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public bool IsRedirect => Status is >= 300 and < 400;

    /// <summary>A string member of the answer's object, or null.</summary>
    public string? StringMember(string name) =>
        Body is { } body && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// The two control-plane calls a publish makes, as flash/client/http.py makes them: <c>GET /v1/me</c> (<c>me</c>) and
/// <c>POST /v1/envs</c> (<c>publish_env</c> through <c>_request</c>). The key is added by <see cref="FreesoloHubAuthHandler"/>.
/// Unlike urllib, no redirect is followed (a redirect would carry the key, or the body, elsewhere); a stalled upload
/// fails after the idle timeout; after the last byte the plane gets as long as Flash's client gives it (30 minutes:
/// the hub clones, commits and pushes a git repository before it answers). Answers are read up to 1 MiB.
/// </summary>
public sealed class FreesoloHubClient : IDisposable
{
    /// <summary>Flash's answers are a few hundred bytes; anything past this is not one.</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    private const int MaxDetailChars = 600;

    private readonly HttpClient _http;
    private readonly FreesoloHubEndpoint _endpoint;
    private readonly FreesoloHubOptions _options;
    private readonly string _apiKey;

    /// <param name="endpoint">The control plane's routes.</param>
    /// <param name="apiKey">The key (a valid header value).</param>
    /// <param name="options">Timeouts.</param>
    /// <param name="transport">The transport under the auth handler; a SocketsHttpHandler that follows no redirect by default.</param>
    public FreesoloHubClient(FreesoloHubEndpoint endpoint, string apiKey, FreesoloHubOptions options, HttpMessageHandler? transport = null)
    {
        _endpoint = endpoint;
        _options = options;
        _apiKey = apiKey;
        Auth = new FreesoloHubAuthHandler(endpoint.Origin, apiKey, transport ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = options.IdleTimeout,
        });
        _http = new HttpClient(Auth) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public FreesoloHubAuthHandler Auth { get; }

    private string Origin => _endpoint.Origin.ToString();

    /// <summary>GET /v1/me: who the key is, before 90 MB go up only to be told the key is wrong.</summary>
    public async Task<FreesoloHubAnswer> WhoAmIAsync(CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(_options.IdleTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, _endpoint.Me);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return await ReadAnswerAsync(response, deadline, cancellation);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            throw new RegistryException(deadline.IsCancellationRequested
                ? DiagnosticCatalog.HubSentNothing(Origin, _options.IdleTimeout)
                : DiagnosticCatalog.HubCannotBeReached(Origin, Reason(e)));
        }
    }

    /// <summary>POST /v1/envs with the artifact as the streamed JSON body.</summary>
    /// <param name="name">The hub name.</param>
    /// <param name="projectId">The canonical project UUID.</param>
    /// <param name="open">Opens the artifact.</param>
    /// <param name="size">The artifact's size.</param>
    /// <param name="sha256">The artifact's sha256 as checked.</param>
    /// <param name="progress">Bytes of the body sent, of the whole body.</param>
    /// <param name="cancellation">The user's cancel.</param>
    public async Task<FreesoloHubAnswer> PublishAsync(string name, string projectId, Func<Stream> open, long size, string sha256, IProgress<PackProgress>? progress, CancellationToken cancellation)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timer.CancelAfter(_options.IdleTimeout);
        using var body = new FreesoloPublishBody(name, projectId, open, size, sha256);
        var total = body.Length;
        long sent = 0;
        body.Sent = bytes =>
        {
            Interlocked.Exchange(ref sent, bytes);
            progress?.Report(new PackProgress(bytes, total, null));

            // While bytes move the idle timeout restarts; once the last one is out, the hub works before it answers.
            timer.CancelAfter(bytes < total ? _options.IdleTimeout : _options.ResponseTimeout);
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Publish) { Content = body };
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timer.Token);
            timer.CancelAfter(_options.IdleTimeout);
            return await ReadAnswerAsync(response, timer, cancellation);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            if (Find<FreesoloPublishBody.ArtifactChangedException>(e) is not null)
            {
                throw new RegistryException(DiagnosticCatalog.HubArtifactChangedDuringUpload());
            }

            var done = Interlocked.Read(ref sent);
            throw new RegistryException(timer.IsCancellationRequested
                ? done < total ? DiagnosticCatalog.HubUploadStalled(Origin, done, total, _options.IdleTimeout) : DiagnosticCatalog.HubNoAnswer(Origin, _options.ResponseTimeout)
                : done == 0 ? DiagnosticCatalog.HubCannotBeReached(Origin, Reason(e))
                : done < total ? DiagnosticCatalog.HubUploadCut(Origin, done, total, Reason(e))
                : DiagnosticCatalog.HubClosedBeforeAnswer(Origin, Reason(e)));
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<FreesoloHubAnswer> ReadAnswerAsync(HttpResponseMessage response, CancellationTokenSource idle, CancellationToken cancellation)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            var location = response.Headers.Location is { } where && Uri.TryCreate(_endpoint.Publish, where, out var absolute) ? absolute : null;
            return new FreesoloHubAnswer(status, null, string.Empty, location);
        }

        byte[] raw;
        try
        {
            raw = await ReadBoundedAsync(response.Content, idle);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            throw new RegistryException(idle.IsCancellationRequested
                ? DiagnosticCatalog.HubSentNothing(Origin, _options.IdleTimeout)
                : DiagnosticCatalog.HubClosedBeforeAnswer(Origin, Reason(e)));
        }

        JsonElement? body = null;
        try
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                body = document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
        }

        return new FreesoloHubAnswer(status, body, Safe(DetailOf(body, raw)), null);
    }

    /// <summary>http.py <c>_detail_from_http_error</c>: the detail member when the body is a JSON object that has a truthy one, else the body as text.</summary>
    private static string DetailOf(JsonElement? body, byte[] raw)
    {
        if (body is { } root && root.TryGetProperty("detail", out var detail) && detail.ValueKind is not (JsonValueKind.Null or JsonValueKind.False)
            && !(detail.ValueKind == JsonValueKind.String && detail.GetString()!.Length == 0))
        {
            return detail.ValueKind == JsonValueKind.String ? detail.GetString()! : detail.GetRawText();
        }

        return Encoding.UTF8.GetString(raw);
    }

    /// <summary>Text from a server goes to terminals and CI logs: no control characters (no escape sequences), bounded, and never the key.</summary>
    private string Safe(string text)
    {
        var redacted = _apiKey.Length > 0 ? text.Replace(_apiKey, "<redacted>", StringComparison.Ordinal) : text;
        var builder = new StringBuilder(Math.Min(redacted.Length, MaxDetailChars + 1));
        foreach (var c in redacted)
        {
            if (builder.Length == MaxDetailChars)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }

        return builder.ToString().Trim();
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationTokenSource idle)
    {
        if (content.Headers.ContentLength is > MaxAnswerBytes)
        {
            return Encoding.UTF8.GetBytes($"(an answer of {content.Headers.ContentLength:N0} bytes, not read)");
        }

        await using var stream = await content.ReadAsStreamAsync(idle.Token);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        for (int read; (read = await stream.ReadAsync(chunk, idle.Token)) > 0;)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                return Encoding.UTF8.GetBytes($"(an answer over {MaxAnswerBytes:N0} bytes, not read)");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The innermost message: "Connection reset by peer" says more than "Error while copying content to a stream".</summary>
    private static string Reason(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message.TrimEnd('.');
    }
}

/// <summary>How long the control plane may stay silent.</summary>
public sealed record FreesoloHubOptions
{
    /// <summary>http.py <c>publish_env</c>: <c>timeout=1800.0</c>.</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromMinutes(30);

    /// <summary>A connection or upload that moves no byte for this long fails.</summary>
    public TimeSpan IdleTimeout { get; init; } = RegistryOptions.DefaultIdleTimeout;

    /// <summary>How long the hub may work after the last byte before it answers.</summary>
    public TimeSpan ResponseTimeout { get; init; } = DefaultResponseTimeout;

    /// <summary>Plain HTTP to a host that is not loopback (the key and package travel in clear).</summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>
    /// Waits before each new attempt after a 502 "association could not be recorded" (the hub's message says to retry
    /// the same publish): 2 s and 5 s, the hub's own waits between its git push attempts.
    /// </summary>
    public IReadOnlyList<TimeSpan> AssociationRetryDelays { get; init; } = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];
}
