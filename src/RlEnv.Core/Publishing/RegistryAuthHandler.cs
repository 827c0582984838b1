using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Publishing.Oci;

namespace RlEnv.Core.Publishing;

/// <summary>
/// The registry's auth handshake as a <see cref="DelegatingHandler"/> (as dotnet/sdk's containers do):
/// answers a 401 with Basic credentials or a Bearer token from the challenge's realm, and caches the
/// answer with its expiry. Credentials and tokens belong to the registry's origin only: every request
/// to another origin (an upload Location, a redirect) leaves without an Authorization header, a
/// challenge from another origin is never answered, and a realm gets the user's credentials only over
/// HTTPS, or over plain HTTP when the registry itself is a loopback --plain-http registry on the same host.
/// </summary>
public sealed partial class RegistryAuthHandler(RegistryOrigin registry, Func<RegistryCredentials?> credentials, HttpMessageHandler inner)
    : DelegatingHandler(inner)
{
    /// <summary>Tokens without expires_in live 60 s (token spec); renew a little early so a request never carries a dead one.</summary>
    private static readonly TimeSpan ExpirySlack = TimeSpan.FromSeconds(5);

    private static readonly string[] ForwardedChallengeKeys = ["service", "scope"];

    private readonly Lazy<RegistryCredentials?> _credentials = new(credentials);
    private readonly Lock _gate = new();
    private (AuthenticationHeaderValue Value, DateTimeOffset Expires)? _cached;

    /// <summary>How many times a realm was sent the user's credentials (tests prove where they went).</summary>
    public int CredentialedTokenRequests { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var own = request.RequestUri is { IsAbsoluteUri: true } uri && RegistryOrigin.Of(uri) == registry;

        // Whatever a caller set, nothing leaves for another origin with an Authorization header.
        request.Headers.Authorization = own ? Current() : null;
        var response = await base.SendAsync(request, cancellationToken);
        if (!own || response.StatusCode != HttpStatusCode.Unauthorized || request.Content is { } content && !Replayable(content))
        {
            return response;
        }

        var answer = await AnswerAsync(response, cancellationToken);
        if (answer is null)
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = answer;
        return await base.SendAsync(request, cancellationToken);
    }

    // A streamed body has been consumed by the first send; the client retries those from the start itself.
    private static bool Replayable(HttpContent content) => content is ByteArrayContent or ReadOnlyMemoryContent;

    private AuthenticationHeaderValue? Current()
    {
        lock (_gate)
        {
            return _cached is { } cached && cached.Expires > DateTimeOffset.UtcNow ? cached.Value : null;
        }
    }

    private async Task<AuthenticationHeaderValue?> AnswerAsync(HttpResponseMessage challenge, CancellationToken cancellation)
    {
        var header = challenge.Headers.WwwAuthenticate.FirstOrDefault();
        if (header is null)
        {
            return null;
        }

        AuthenticationHeaderValue? answer;
        DateTimeOffset expires;
        if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            // Basic sends the password with every request, so it is only ever sent to the registry's own origin (this one).
            answer = BasicHeader(_credentials.Value);
            expires = DateTimeOffset.MaxValue;
        }
        else if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            var parameters = ParseChallenge(header.Parameter);
            if (!parameters.TryGetValue("realm", out var realmText))
            {
                throw new RegistryException(DiagnosticCatalog.RegistryBearerWithoutRealm(registry));
            }

            (answer, expires) = await FetchTokenAsync(Realm(realmText), parameters, cancellation);
        }
        else
        {
            return null;
        }

        if (answer is null || _cached is { } previous && previous.Value.ToString() == answer.ToString())
        {
            // Nothing new to try: the caller sees the 401 and says authentication was refused.
            return null;
        }

        lock (_gate)
        {
            _cached = (answer, expires);
        }

        return answer;
    }

    /// <summary>The realm as an absolute http(s) URL that does not downgrade an HTTPS registry.</summary>
    private Uri Realm(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var realm) || realm.Scheme is not ("http" or "https") || realm.UserInfo.Length > 0)
        {
            throw new RegistryException(DiagnosticCatalog.RegistryRealmNotHttp(registry));
        }

        if (registry.IsHttps && realm.Scheme == Uri.UriSchemeHttp)
        {
            throw new RegistryException(DiagnosticCatalog.RegistryRealmPlainHttp(registry, RegistryOrigin.Of(realm)));
        }

        return realm;
    }

    /// <summary>
    /// Token realms on another host are normal (Docker Hub does it) and get the credentials over HTTPS.
    /// Over plain HTTP they go only to the registry's own loopback host; any other HTTP realm is asked anonymously.
    /// </summary>
    public static bool MayReceiveCredentials(Uri realm, RegistryOrigin registry)
    {
        var origin = RegistryOrigin.Of(realm);
        return origin.IsHttps || (!registry.IsHttps && registry.IsLoopback && origin.IsLoopback && origin.Host == registry.Host);
    }

    private async Task<(AuthenticationHeaderValue?, DateTimeOffset)> FetchTokenAsync(Uri realm, Dictionary<string, string> parameters, CancellationToken cancellation)
    {
        var query = string.Join("&", ForwardedChallengeKeys.Where(parameters.ContainsKey).Select(k => $"{k}={Uri.EscapeDataString(parameters[k])}"));
        var url = new UriBuilder(realm) { Query = string.Join("&", new[] { realm.Query.TrimStart('?'), query }.Where(q => q.Length > 0)) }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (MayReceiveCredentials(realm, registry) && BasicHeader(_credentials.Value) is { } basic)
        {
            request.Headers.Authorization = basic;
            CredentialedTokenRequests++;
        }

        // Straight to the transport: the realm is another origin, and this handler's own rules must not touch it.
        using var response = await base.SendAsync(request, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            return (null, default);
        }

        var body = await BoundedContent.ReadAsync(response.Content, BoundedContent.MaxDocumentBytes, "token answer", cancellation);
        OciTokenResponse? token;
        try
        {
            token = JsonSerializer.Deserialize(body, OciJsonContext.Default.OciTokenResponse);
        }
        catch (JsonException)
        {
            token = null;
        }

        var value = token?.Token ?? token?.AccessToken;
        if (string.IsNullOrEmpty(value) || value.Any(c => c is < '!' or > '~'))
        {
            throw new RegistryException(DiagnosticCatalog.RegistryTokenUnusable(RegistryOrigin.Of(realm)));
        }

        var issued = token!.IssuedAt ?? DateTimeOffset.UtcNow;
        var lifetime = TimeSpan.FromSeconds(Math.Clamp(token.ExpiresIn ?? 60, 0, 86_400));
        return (new AuthenticationHeaderValue("Bearer", value), issued + lifetime - ExpirySlack);
    }

    private static AuthenticationHeaderValue? BasicHeader(RegistryCredentials? credentials) => credentials is null
        ? null
        : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));

    internal static Dictionary<string, string> ParseChallenge(string? parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in ChallengeParameter().Matches(parameter ?? string.Empty))
        {
            result.TryAdd(match.Groups["key"].Value, match.Groups["value"].Value);
        }

        return result;
    }

    [GeneratedRegex("(?<key>\\w+)=\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ChallengeParameter();
}
