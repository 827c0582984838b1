namespace RlEnv.Core.Publishing.Freesolo;

/// <summary>
/// The control plane's routes as Flash's client builds them (flash/client/http.py <c>_request</c>:
/// <c>f"{api_url}{path}"</c>, so a base URL with a path prefix keeps it), and the origin the API key belongs to.
/// </summary>
public sealed record FreesoloHubEndpoint(Uri Publish, Uri Me, RegistryOrigin Origin)
{
    /// <summary>The endpoint, or null with <paramref name="error"/> saying why the URL is refused (a usage error).</summary>
    /// <param name="apiUrl">The base URL, trailing '/' removed.</param>
    /// <param name="allowInsecureHttp">Whether plain HTTP may reach a host that is not loopback.</param>
    /// <param name="error">Why the URL is refused.</param>
    public static FreesoloHubEndpoint? Parse(string apiUrl, bool allowInsecureHttp, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(apiUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https") || baseUri.Host.Length == 0)
        {
            error = "it is not an http:// or https:// URL";
            return null;
        }

        if (baseUri.UserInfo.Length > 0)
        {
            // The key travels as a header, and a URL is printed in messages and logs.
            error = "it holds a user name or password; the API key belongs in FREESOLO_API_KEY";
            return null;
        }

        if (baseUri.Query.Length > 0 || baseUri.Fragment.Length > 0)
        {
            error = "it has a query or fragment, so the route cannot follow it";
            return null;
        }

        var origin = RegistryOrigin.Of(baseUri);
        if (!origin.IsHttps && !origin.IsLoopback && !allowInsecureHttp)
        {
            error = "plain HTTP would send the API key and the package in clear; use https://, a loopback address, or --allow-insecure-http (RlEnvPublishAllowInsecureHttp=true) if you accept that risk";
            return null;
        }

        var text = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new FreesoloHubEndpoint(new Uri(text + "/v1/envs"), new Uri(text + "/v1/me"), origin);
    }
}
