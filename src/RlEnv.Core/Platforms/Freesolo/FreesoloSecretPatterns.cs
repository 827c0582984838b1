namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>
/// Data files Flash never ships because their names say they hold credentials (push.py
/// <c>_ENV_PUSH_SECRET_PATTERNS</c>, matched with <c>fnmatch.fnmatchcase</c> on the lowered name). Python
/// sources are exempt, so <c>credentials.py</c> ships and a worker importing it does not fail.
/// </summary>
public static class FreesoloSecretPatterns
{
    /// <summary>The patterns, in Flash's order; '*' is the only wildcard any of them uses.</summary>
    public static readonly IReadOnlyList<string> Patterns =
    [
        ".env.*", "*.env", "*.pem", "*.key", "*.pfx", "*.p12", "credentials*", "id_rsa*", "id_dsa*", "id_ecdsa*", "id_ed25519*",
    ];

    /// <summary>Suffixes (after lowering) that mark Python code, never a secret (push.py <c>_ENV_PUSH_CODE_SUFFIXES</c>).</summary>
    public static readonly IReadOnlyList<string> CodeSuffixes = [".py", ".pyi"];

    /// <summary>Whether a file (never a folder: Flash applies the patterns to files only) of this name is a secret.</summary>
    public static bool IsSecretFileName(string name)
    {
        if (CodeSuffixes.Contains(FreesoloNames.Lower(FreesoloNames.Suffix(name)), StringComparer.Ordinal))
        {
            return false;
        }

        var lowered = FreesoloNames.Lower(name);
        foreach (var pattern in Patterns)
        {
            if (Matches(lowered, pattern))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>fnmatchcase</c> for patterns whose only wildcard is '*' (which matches any run, the empty one too).</summary>
    internal static bool Matches(string text, string pattern)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(text, pattern, StringComparison.Ordinal);
        }

        if (!text.StartsWith(parts[0], StringComparison.Ordinal) || text.Length < parts[0].Length + parts[^1].Length
            || !text.EndsWith(parts[^1], StringComparison.Ordinal))
        {
            return false;
        }

        // Middle parts in order, leftmost first, between the fixed prefix and suffix.
        var at = parts[0].Length;
        var end = text.Length - parts[^1].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = text.IndexOf(parts[i], at, end - at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + parts[i].Length;
        }

        return true;
    }
}
