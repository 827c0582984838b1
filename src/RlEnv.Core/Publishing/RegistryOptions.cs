namespace RlEnv.Core.Publishing;

/// <summary>How RlEnv talks to a registry: the transport and how long a silent registry is waited for.</summary>
public sealed record RegistryOptions
{
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(30);

    public static readonly RegistryOptions Default = new();

    /// <summary>HTTP instead of HTTPS; allowed for loopback hosts only, unless <see cref="AllowInsecureHttp"/>.</summary>
    public bool PlainHttp { get; init; }

    /// <summary>The explicit opt-in for plain HTTP to a host that is not loopback: credentials and artifacts then travel in clear.</summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>A request that neither sends nor receives a byte for this long fails as unreachable.</summary>
    public TimeSpan IdleTimeout { get; init; } = DefaultIdleTimeout;

    /// <summary>Null when these options may be used with <paramref name="reference"/>; else why not (a usage error).</summary>
    public string? Check(RegistryReference reference)
    {
        if (IdleTimeout <= TimeSpan.Zero || IdleTimeout > TimeSpan.FromHours(1))
        {
            return "The idle timeout must be between 1 second and 1 hour.";
        }

        if (reference.IsFolder || !PlainHttp || AllowInsecureHttp || RegistryOrigin.IsLoopbackHost(reference.HostName))
        {
            return null;
        }

        return $"--plain-http sends credentials and the artifact in clear; it is allowed only for a loopback registry (localhost, 127.0.0.0/8, ::1), not {reference.HostName}. "
            + "Use HTTPS, or add --allow-insecure-http if you accept that risk.";
    }
}
