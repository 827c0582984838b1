using System.Text;
using System.Text.Json;

namespace RlEnv.Core.Publishing;

/// <summary>
/// Credentials for a registry host: RLENV_REGISTRY_USERNAME and RLENV_REGISTRY_PASSWORD, else the `auths`
/// entry of a docker config.json ($DOCKER_CONFIG/config.json, else ~/.docker/config.json). Never printed.
/// </summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    public override string ToString() => $"{Username}:***";

    public static RegistryCredentials? Find(string host, Func<string, string?> environment)
    {
        if (environment("RLENV_REGISTRY_USERNAME") is { Length: > 0 } user && environment("RLENV_REGISTRY_PASSWORD") is { } password)
        {
            return new RegistryCredentials(user, password);
        }

        var folder = environment("DOCKER_CONFIG") ?? Path.Combine(environment("HOME") ?? string.Empty, ".docker");
        var file = Path.Combine(folder, "config.json");
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            if (document.RootElement.TryGetProperty("auths", out var auths))
            {
                foreach (var entry in auths.EnumerateObject())
                {
                    var key = entry.Name.Replace("https://", string.Empty, StringComparison.Ordinal).Replace("http://", string.Empty, StringComparison.Ordinal).TrimEnd('/');
                    if (key == host && entry.Value.TryGetProperty("auth", out var auth) && auth.GetString() is { } encoded)
                    {
                        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Split(':', 2);
                        return pair.Length == 2 ? new RegistryCredentials(pair[0], pair[1]) : null;
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException)
        {
            // An unreadable config means no credentials; the registry's 401 then says so.
        }

        return null;
    }
}
