namespace RlEnv.Core.Rules;

/// <summary>Data files that hold credentials: never packed, whatever the rules.</summary>
public static class SecretFiles
{
    private static readonly string[] Prefixes = ["credentials", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"];
    private static readonly string[] Suffixes = [".env", ".pem", ".key", ".pfx", ".p12"];

    public static bool IsSecret(string name)
    {
        if (name.EndsWith(".py", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".pyi", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return name.StartsWith(".env.", StringComparison.OrdinalIgnoreCase)
            || Suffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase))
            || Prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }
}
