// Mirrors flash/schema/__init__.py::normalize_env_name_segment, which flash/server/domain/envs.py::_sanitize_name
// applies to a bare publish name (falling back to "env"), and publish_slug_for_name, which writes the package to
// <org-slug>/<project-slug>/<name> (freesolo-co/flash 0c508de72).
using System.Text;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>
/// The name an environment is published under on the hub. The hub keeps one package per name and a republish
/// overwrites it, and a config cannot pin a hub version, so RlEnv puts the version in the name by default:
/// <c>math</c> 1.2.0 goes up as <c>math-1.2.0</c>.
/// </summary>
public static class FreesoloHubName
{
    /// <summary>
    /// normalize_env_name_segment: Python's <c>str.lower()</c>, every run of characters outside <c>[a-z0-9._-]</c>
    /// becomes one '-', '-' is stripped from both ends, and "", "." and ".." or a segment without a letter or digit
    /// is no name (null).
    /// </summary>
    public static string? Normalize(string value)
    {
        var builder = new StringBuilder(value.Length);
        var inRun = false;
        foreach (var c in PythonLower(value))
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-')
            {
                builder.Append(c);
                inRun = false;
            }
            else if (!inRun)
            {
                builder.Append('-');
                inRun = true;
            }
        }

        var segment = builder.ToString().Trim('-');
        return segment is "" or "." or ".." || !segment.Any(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) ? null : segment;
    }

    /// <summary>The default hub name: the artifact's name and version joined by '-', normalized as the hub would (a '+' of build metadata becomes '-').</summary>
    /// <param name="name">The base name.</param>
    /// <param name="version">The artifact's SemVer version.</param>
    public static string? Versioned(string name, string version) => Normalize($"{name}-{version}");

    /// <summary>
    /// Python's full lower-casing as far as it can reach ASCII: A-Z fold, U+212A KELVIN SIGN becomes 'k', and U+0130
    /// becomes "i" + U+0307 (its special-casing); every other character lowers to something outside ASCII, which the
    /// normalization turns into '-' whatever it lowers to.
    /// </summary>
    private static string PythonLower(string value) =>
        FreesoloNames.Lower(value).Replace("\u0130", "i\u0307", StringComparison.Ordinal);
}
