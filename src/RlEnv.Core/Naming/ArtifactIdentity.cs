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

    public static string ArtifactFileName(string name, string version) => $"{name}-{version}.tar.gz";

    public static string ManifestFileName(string name, string version) => $"{name}-{version}.manifest.json";
}
