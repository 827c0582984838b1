using System.Net.Http.Headers;

namespace RlEnv.Core.Publishing.Freesolo;

/// <summary>
/// The hub's bearer auth as a <see cref="DelegatingHandler"/> (as dotnet/sdk's containers layer it): the API key goes
/// on every request to the control plane's own origin (scheme, host and port) and on no other. Whatever a caller or a
/// redirect set, a request for another origin leaves without an Authorization header. The client follows no
/// redirects at all; this handler is the second line, so no future change there can carry the key elsewhere.
/// </summary>
/// <param name="origin">The control plane's origin.</param>
/// <param name="apiKey">The key; checked by the caller to be a valid header value.</param>
/// <param name="inner">The transport.</param>
public sealed class FreesoloHubAuthHandler(RegistryOrigin origin, string apiKey, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly AuthenticationHeaderValue _bearer = new("Bearer", apiKey);

    /// <summary>How many requests carried the key (tests prove where it went).</summary>
    public int KeyedRequests { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var own = request.RequestUri is { IsAbsoluteUri: true } uri && RegistryOrigin.Of(uri) == origin;
        request.Headers.Authorization = own ? _bearer : null;
        if (own)
        {
            KeyedRequests++;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
