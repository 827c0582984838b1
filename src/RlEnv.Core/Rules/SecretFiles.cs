using RlEnv.Core.Platforms.Freesolo;

namespace RlEnv.Core.Rules;

/// <summary>Data files that hold credentials: never packed, whatever the rules (Flash's patterns, Python's lowercase).</summary>
public static class SecretFiles
{
    public static bool IsSecret(string name) => FreesoloSecretPatterns.IsSecretFileName(name);
}
