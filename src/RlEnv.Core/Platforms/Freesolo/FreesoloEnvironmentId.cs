// Mirrors flash/envs/identity.py (_parse_managed_environment_slug, _parse_github_environment_ref,
// _normalize_env_path, managed_slug_to_github_ref, canonical_managed_environment_slug), the managed submit's
// flash/server/domain/envs.py::_validate_slug, and the plane gate flash/server/platform/deps.py::
// _require_supported_environment_form (freesolo-co/flash 1.2.89).
using System.Text.RegularExpressions;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>How an [environment] id reads on Freesolo's two planes.</summary>
public enum FreesoloEnvironmentIdForm
{
    /// <summary>Neither a managed slug nor a GitHub reference: Flash's parser refuses it.</summary>
    Invalid,

    /// <summary>A hub slug <c>org/project/name</c> the managed service accepts.</summary>
    Slug,

    /// <summary>A slug Flash's parser accepts but the managed submit refuses (padding, upper case, a .git namespace).</summary>
    SlugRefusedBySubmit,

    /// <summary>A GitHub reference to another repository: valid only on a self-hosted plane.</summary>
    GitHub,

    /// <summary>A GitHub spelling of the private hub: the managed plane wants the slug and a self-hosted plane cannot read it.</summary>
    HubReference,
}

/// <param name="Form">How the id reads.</param>
/// <param name="Detail">The submit's refusal for <see cref="FreesoloEnvironmentIdForm.SlugRefusedBySubmit"/>; the slug for a
/// well-formed <see cref="FreesoloEnvironmentIdForm.HubReference"/> (null when it is malformed).</param>
public sealed record FreesoloEnvironmentIdVerdict(FreesoloEnvironmentIdForm Form, string? Detail = null);

/// <summary>A parsed <c>github:OWNER/REPO@REF:PATH</c> (or github.com URL).</summary>
public sealed record FreesoloGitHubReference(string Owner, string Repo, string Ref, string Path)
{
    public string Canonical => $"github:{Owner}/{Repo}@{Ref}:{Path}";
}

public static partial class FreesoloEnvironmentId
{
    /// <summary>The managed hub repository every slug lives in.</summary>
    public const string HubRepository = "freesolo-co/environment-hub";

    private const string DefaultRef = "main";
    private const string DefaultPath = "environment.py";

    [GeneratedRegex(@"^[A-Za-z0-9._-]+\z")]
    private static partial Regex SafePart();

    // The submit's segment rule. Python's `$` also matches before one final newline, and _validate_slug uses
    // re.match, so "c\n" passes there; kept so RlEnv refuses exactly what the submit refuses.
    [GeneratedRegex(@"^[a-z0-9._-]+\n?\z")]
    private static partial Regex SubmitSegment();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*\z")]
    private static partial Regex SchemeChars();

    /// <summary>Classifies an id as the CLI parser, the managed submit and both planes' gates see it.</summary>
    public static FreesoloEnvironmentIdVerdict Classify(string id)
    {
        if (ParseSlug(id) is not null)
        {
            return SubmitRefusal(id) is { } refusal
                ? new(FreesoloEnvironmentIdForm.SlugRefusedBySubmit, refusal)
                : new(FreesoloEnvironmentIdForm.Slug);
        }

        var github = ParseGitHub(id);
        if (github is null)
        {
            return new(FreesoloEnvironmentIdForm.Invalid);
        }

        return TryCanonicalHubSlug(PythonStrings.Strip(id), out var slug)
            ? slug is null ? new(FreesoloEnvironmentIdForm.GitHub) : new(FreesoloEnvironmentIdForm.HubReference, slug)
            : new(FreesoloEnvironmentIdForm.HubReference);
    }

    /// <summary>is_freesolo_environment_id: what spec_from_dict accepts.</summary>
    public static bool IsFreesoloEnvironmentId(string id) => ParseSlug(id) is not null || ParseGitHub(id) is not null;

    /// <summary>_parse_managed_environment_slug: three path-safe segments after stripping, no colon.</summary>
    public static (string Namespace, string Project, string Name)? ParseSlug(string value)
    {
        var text = PythonStrings.Strip(value);
        if (text.Length == 0 || text.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        var parts = text.Split('/');
        return parts.Length == 3 && SafeParts(parts) ? (parts[0], parts[1], parts[2]) : null;
    }

    /// <summary>
    /// envs.py::_validate_slug, the managed submit: the raw id (never trimmed), three lower-case segments, and not
    /// under a repository-control namespace. Null when it passes.
    /// </summary>
    public static string? SubmitRefusal(string slug)
    {
        var parts = slug.Split('/');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            return "env id must be 'namespace/project/name'";
        }

        foreach (var segment in parts)
        {
            if (segment is "." or ".." || !SubmitSegment().IsMatch(segment))
            {
                return $"invalid env id segment: {PythonStrings.Repr(segment)}";
            }
        }

        return parts[0] is ".git" or ".github" ? $"invalid env id segment: {PythonStrings.Repr(parts[0])}" : null;
    }

    /// <summary>managed_slug_to_github_ref.</summary>
    public static string SlugToGitHubReference(string slug) =>
        ParseSlug(slug) is var (ns, project, name)
            ? $"github:{HubRepository}@{DefaultRef}:{ns}/{project}/{name}/{DefaultPath}"
            : throw new ArgumentException($"not a Freesolo environment slug: {PythonStrings.Repr(slug)}", nameof(slug));

    /// <summary>_parse_github_environment_ref: <c>github:OWNER/REPO[@REF][:PATH]</c> or an http(s)://github.com URL.</summary>
    public static FreesoloGitHubReference? ParseGitHub(string value)
    {
        var text = PythonStrings.Strip(value);
        if (text.Length == 0)
        {
            return null;
        }

        if (text.StartsWith("github:", StringComparison.Ordinal))
        {
            var body = text["github:".Length..];
            var colon = body.IndexOf(':', StringComparison.Ordinal);
            var repoRef = colon < 0 ? body : body[..colon];
            if (NormalizePath(colon < 0 ? string.Empty : body[(colon + 1)..]) is not { } path)
            {
                return null;
            }

            var at = repoRef.IndexOf('@', StringComparison.Ordinal);
            var repoPart = at < 0 ? repoRef : repoRef[..at];
            var gitRef = at < 0 ? DefaultRef : repoRef[(at + 1)..];
            if (gitRef.Length == 0 || !SafeParts([gitRef]))
            {
                return null;
            }

            var ownerRepo = repoPart.Split('/');
            return ownerRepo.Length == 2 && SafeParts(ownerRepo) ? new(ownerRepo[0], ownerRepo[1], gitRef, path) : null;
        }

        return ParseGitHubUrl(text);
    }

    /// <summary>_normalize_env_path: backslashes become slashes, empty segments collapse; absolute or dot segments are unsafe (null).</summary>
    public static string? NormalizePath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return DefaultPath;
        }

        var raw = PythonStrings.Strip(path);
        if (raw.Length == 0)
        {
            return DefaultPath;
        }

        raw = raw.Replace('\\', '/');
        if (raw.StartsWith('/'))
        {
            return null;
        }

        var parts = raw.Split('/').Where(p => p.Length > 0).ToList();
        if (parts.Count == 0)
        {
            return DefaultPath;
        }

        return parts.Any(p => p is "." or "..") ? null : string.Join('/', parts);
    }

    /// <summary>
    /// canonical_managed_environment_slug for a GitHub form: false when it targets the hub but is malformed (Flash
    /// raises), otherwise true with the slug it names, or null when it names another repository.
    /// </summary>
    private static bool TryCanonicalHubSlug(string text, out string? slug)
    {
        slug = null;
        var parsed = ParseGitHub(text);
        if (parsed is null)
        {
            return !TargetsHub(text);
        }

        if (!string.Equals($"{parsed.Owner}/{parsed.Repo}", HubRepository, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parts = parsed.Path.Split('/');
        if (parsed.Ref != DefaultRef || parts.Length != 4 || parts[3] != DefaultPath || !SafeParts(parts[..3]))
        {
            return false;
        }

        slug = string.Join('/', parts[..3]);
        return true;
    }

    private static bool TargetsHub(string text)
    {
        if (!text.StartsWith("github:", StringComparison.Ordinal))
        {
            return false;
        }

        var repoRef = text["github:".Length..].Split(':')[0];
        return string.Equals(repoRef.Split('@')[0], HubRepository, StringComparison.OrdinalIgnoreCase);
    }

    private static FreesoloGitHubReference? ParseGitHubUrl(string text)
    {
        // urllib.parse.urlparse, as far as an http(s) URL needs it: tabs and newlines are dropped, the scheme is
        // lower-cased, the netloc runs to the first / ? or #, the fragment, query and last segment's ;params are cut.
        var url = text.Replace("\t", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !SchemeChars().IsMatch(url[..colon]))
        {
            return null;
        }

        var scheme = url[..colon].ToLowerInvariant();
        var rest = url[(colon + 1)..];
        if (scheme is not ("http" or "https") || !rest.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        rest = rest[2..];
        var netlocEnd = rest.IndexOfAny(['/', '?', '#']);
        var netloc = netlocEnd < 0 ? rest : rest[..netlocEnd];
        var path = netlocEnd < 0 ? string.Empty : rest[netlocEnd..];
        path = path.Split('#')[0].Split('?')[0];
        var semicolon = path.IndexOf(';', Math.Max(0, path.LastIndexOf('/')));
        if (semicolon >= 0)
        {
            path = path[..semicolon];
        }

        if (!string.Equals(netloc, "github.com", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = path.Trim('/').Split('/').Where(p => p.Length > 0).Select(Uri.UnescapeDataString).ToList();
        if (parts.Count < 2)
        {
            return null;
        }

        var owner = parts[0];
        var repo = parts[1].EndsWith(".git", StringComparison.Ordinal) ? parts[1][..^4] : parts[1];
        if (!SafeParts([owner, repo]))
        {
            return null;
        }

        if (parts.Count >= 5 && parts[2] is "blob" or "tree")
        {
            var gitRef = parts[3];
            if (!SafeParts([gitRef]))
            {
                return null;
            }

            var rawPath = string.Join('/', parts.Skip(4));
            if (NormalizePath(rawPath) is not { } normalized)
            {
                return null;
            }

            if (parts[2] == "tree" && rawPath.Length > 0 && !normalized.EndsWith(".py", StringComparison.Ordinal))
            {
                normalized = normalized.TrimEnd('/') + "/" + DefaultPath;
            }

            return new(owner, repo, gitRef, normalized);
        }

        return parts.Count == 2 ? new(owner, repo, DefaultRef, DefaultPath) : null;
    }

    private static bool SafeParts(string[] parts) =>
        parts.Length > 0 && parts.All(p => p is not ("" or "." or "..") && SafePart().IsMatch(p));
}
