using System.IO.Abstractions;
using NuGet.Versioning;

namespace RlEnv.Core.Publishing;

/// <summary>
/// oci://HOST[:PORT]/REPO[:VERSION | :latest | @RANGE]. A range is NuGet's interval notation
/// ([1.0,2.0)) or a caret (^1.2 = [1.2.0, 2.0.0-0); ^0.3 = [0.3.0, 0.4.0-0)); latest means the highest
/// SemVer tag, prereleases included (tags that are not SemVer are ignored). As in NuGet, a range
/// considers prereleases only when its lower bound is one, so [1.0,2.0) never picks 2.0.0-rc.1.
/// </summary>
public sealed record RegistryReference(string Host, string Repository, string? Version, VersionRange? Range, bool Latest)
{
    /// <summary>A folder registry (file:///FOLDER/REPO): <see cref="Host"/> is then the folder holding the repository.</summary>
    public bool IsFolder { get; init; }

    /// <summary>The host without its port (for an IPv6 literal, without brackets).</summary>
    public string HostName => IsFolder ? Host : new Uri("oci://" + Host).IdnHost;

    /// <summary>
    /// The store the reference names: an OCI registry over HTTP(S), or an OCI image-layout folder.
    /// Call <see cref="RegistryOptions.Check"/> first: it refuses plain HTTP to a host that is not loopback.
    /// </summary>
    public IArtifactStore OpenStore(RegistryOptions options, Func<string, string?> environment, IFileSystem fileSystem) =>
        IsFolder
            ? new FolderRegistry(fileSystem, Host)
            : new OciRegistryClient(Host, options, () => RegistryCredentials.Find(Host, environment, fileSystem));

    public static RegistryReference? Parse(string text, out string? error)
    {
        error = null;
        const string scheme = "oci://";
        const string folderScheme = "file://";
        string host;
        string path;
        var isFolder = text.StartsWith(folderScheme, StringComparison.OrdinalIgnoreCase);
        if (isFolder)
        {
            var full = text[folderScheme.Length..];
            var lastSlash = full.LastIndexOf('/');
            if (!full.StartsWith('/') || lastSlash <= 0 || lastSlash == full.Length - 1)
            {
                error = $"'{text}' is not file:///FOLDER/REPO[:VERSION].";
                return null;
            }

            host = full[..lastSlash];
            path = full[(lastSlash + 1)..];
        }
        else if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            var rest = text[scheme.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == rest.Length - 1)
            {
                error = $"'{text}' names no repository after the host.";
                return null;
            }

            host = rest[..slash];
            path = rest[(slash + 1)..];
            if (HostError(host) is { } hostError)
            {
                error = hostError;
                return null;
            }
        }
        else
        {
            error = $"'{text}' is not an oci:// or file:// reference (oci://HOST[:PORT]/REPO[:VERSION], file:///FOLDER/REPO).";
            return null;
        }

        string? version = null;
        VersionRange? range = null;
        var latest = false;
        var at = path.IndexOf('@', StringComparison.Ordinal);
        var colon = path.LastIndexOf(':');
        if (at >= 0)
        {
            range = ParseRange(path[(at + 1)..]);
            if (range is null)
            {
                error = $"'{path[(at + 1)..]}' is not a version range ([1.0,2.0), ^1.2).";
                return null;
            }

            path = path[..at];
        }
        else if (colon >= 0 && !path[(colon + 1)..].Contains('/', StringComparison.Ordinal))
        {
            var tag = path[(colon + 1)..];
            path = path[..colon];
            if (tag == "latest")
            {
                latest = true;
            }
            else if (NuGetVersion.TryParse(tag, out var parsed) && !parsed.IsLegacyVersion)
            {
                version = parsed.ToFullString();
            }
            else
            {
                error = $"'{tag}' is not a SemVer 2.0 version.";
                return null;
            }
        }

        if (path.Length == 0 || path.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-' or '/')))
        {
            error = $"'{path}' is not a repository name (lower-case letters, digits, '.', '_', '-', '/').";
            return null;
        }

        return new RegistryReference(host, path, version, range, latest) { IsFolder = isFolder };
    }

    /// <summary>
    /// Refuses user:password@ (credentials belong in the environment or docker's config.json, and a
    /// reference is printed in messages and logs), and a host or port no socket can use.
    /// </summary>
    private static string? HostError(string host)
    {
        if (host.Contains('@', StringComparison.Ordinal))
        {
            return "A registry reference must not hold credentials (oci://USER:***@HOST/...); set RLENV_REGISTRY_USERNAME and RLENV_REGISTRY_PASSWORD, or use docker login.";
        }

        if (!Uri.TryCreate("oci://" + host + "/", UriKind.Absolute, out var uri) || uri.Authority.Length == 0 || uri.AbsolutePath != "/"
            || Uri.CheckHostName(uri.IdnHost.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            return $"'{host}' is not a registry host (HOST or HOST:PORT).";
        }

        var colon = host.LastIndexOf(':');
        var portText = colon > host.LastIndexOf(']') ? host[(colon + 1)..] : null;
        if (portText is not null && (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535))
        {
            return $"'{portText}' is not a port (1-65535).";
        }

        return null;
    }

    private static VersionRange? ParseRange(string text)
    {
        if (text.StartsWith('^') && NuGetVersion.TryParse(text[1..], out var floor))
        {
            // "-0" is the lowest prerelease: ^1.0 stops before 2.0.0-rc.1 too, as npm's caret does.
            var ceiling = floor.Major > 0 ? new NuGetVersion(floor.Major + 1, 0, 0, "0") : new NuGetVersion(0, floor.Minor + 1, 0, "0");
            return new VersionRange(floor, includeMinVersion: true, ceiling, includeMaxVersion: false);
        }

        return VersionRange.TryParse(text, out var range) ? range : null;
    }

    /// <summary>The tag to fetch: the exact version, or the highest SemVer tag the range (or latest) allows.</summary>
    public string? Resolve(IEnumerable<string> tags)
    {
        if (Version is not null)
        {
            return Version;
        }

        var versions = tags.Select(t => NuGetVersion.TryParse(t, out var v) && !v.IsLegacyVersion ? (Tag: t, Version: v) : default)
            .Where(p => p.Version is not null)
            .Where(p => Latest || (Range!.Satisfies(p.Version!) && (!p.Version!.IsPrerelease || Range.MinVersion?.IsPrerelease == true)))
            .OrderByDescending(p => p.Version)
            .ToList();
        return versions.Count > 0 ? versions[0].Tag : null;
    }
}
