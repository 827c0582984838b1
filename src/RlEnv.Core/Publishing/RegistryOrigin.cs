using System.Net;

namespace RlEnv.Core.Publishing;

/// <summary>
/// Scheme, host and port: the unit credentials belong to. A credential or token is attached only to
/// requests whose origin equals the registry's, whatever a registry's Location, redirect or realm says.
/// </summary>
public sealed record RegistryOrigin(string Scheme, string Host, int Port)
{
    public static RegistryOrigin Of(Uri uri) =>
        new(uri.Scheme.ToLowerInvariant(), TrimTrailingDot(uri.IdnHost).ToLowerInvariant(), uri.Port);

    public bool IsHttps => Scheme == Uri.UriSchemeHttps;

    public bool IsLoopback => IsLoopbackHost(Host);

    /// <summary>localhost, *.localhost (RFC 6761) and the loopback addresses; names are never resolved, so DNS cannot make a host loopback.</summary>
    public static bool IsLoopbackHost(string host)
    {
        host = TrimTrailingDot(host.Trim('[', ']'));
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    public override string ToString() => $"{Scheme}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";

    // "localhost." and "127.0.0.1." name the same host as without the dot; compare them as one.
    private static string TrimTrailingDot(string host) => host.Length > 1 && host[^1] == '.' ? host[..^1] : host;
}
