using System.Text;
using NuGet.Versioning;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Naming;

/// <summary>The artifact's name and SemVer 2.0 version, normalized as the hub does.</summary>
public static class ArtifactIdentity
{
    public const string DefaultVersion = "1.0.0";

    /// <summary>Parses and normalizes a SemVer 2.0 version ("1.0" becomes "1.0.0"); null with a diagnostic when invalid.</summary>
    public static string? NormalizeVersion(string? text, DiagnosticBag diagnostics)
    {
        var value = string.IsNullOrWhiteSpace(text) ? DefaultVersion : text.Trim();
        if (!NuGetVersion.TryParse(value, out var version) || version.IsLegacyVersion)
        {
            diagnostics.Add(DiagnosticCatalog.VersionNotSemVer(value));
            return null;
        }

        return version.ToFullString();
    }

    /// <summary>
    /// Lower-cases the name and maps it onto [a-z0-9][a-z0-9._-]*: other characters become '-', runs of '-'
    /// collapse, and leading characters outside [a-z0-9] and trailing '-', '.' are dropped.
    /// </summary>
    public static string? NormalizeName(string? text, DiagnosticBag diagnostics)
    {
        var builder = new StringBuilder();
        foreach (var c in (text ?? string.Empty).ToLowerInvariant())
        {
            var mapped = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-' ? c : '-';
            if (mapped == '-' && builder.Length > 0 && builder[^1] == '-')
            {
                continue;
            }

            if (builder.Length == 0 && mapped is '.' or '_' or '-')
            {
                continue;
            }

            builder.Append(mapped);
        }

        var name = builder.ToString().TrimEnd('-', '.');
        if (name.Length == 0)
        {
            diagnostics.Add(DiagnosticCatalog.NameEmptyAfterNormalizing(text));
            return null;
        }

        return name;
    }

    /// <summary>The artifact's name: <paramref name="name"/> if given, else the environment folder's, normalized; null with a diagnostic when nothing is left.</summary>
    /// <param name="name">The name asked for (--name, RlEnvName), or null.</param>
    /// <param name="fullRoot">The environment folder, a full path.</param>
    /// <param name="diagnostics">Where an empty name is reported.</param>
    public static string? ResolveName(string? name, string fullRoot, DiagnosticBag diagnostics) =>
        NormalizeName(name ?? Path.GetFileName(fullRoot.TrimEnd('/', '\\')), diagnostics);

    // The one place the artifact's files are named: the pack writes them, the SDK's targets and `dotnet clean` ask here.
    private const string ArchiveSuffix = ".tar.gz";
    private const string ManifestSuffix = ".manifest.json";

    public static string ArtifactFileName(string name, string version) => $"{name}-{version}{ArchiveSuffix}";

    public static string ManifestFileName(string name, string version) => $"{name}-{version}{ManifestSuffix}";

    /// <summary>The manifest that belongs beside an artifact: NAME-VERSION.tar.gz has NAME-VERSION.manifest.json (any other name: the name plus .manifest.json).</summary>
    /// <param name="artifactPath">The artifact's path.</param>
    public static string ManifestPathFor(string artifactPath) =>
        (artifactPath.EndsWith(ArchiveSuffix, StringComparison.Ordinal) ? artifactPath[..^ArchiveSuffix.Length] : artifactPath) + ManifestSuffix;
}
