using System.IO.Abstractions;
using System.Text;
using System.Text.Json;

namespace RlEnv.Core.Publishing;

/// <summary>
/// Credentials for a registry host: RLENV_REGISTRY_USERNAME and RLENV_REGISTRY_PASSWORD, else the `auths`
/// entry of a docker config.json ($DOCKER_CONFIG/config.json, else ~/.docker/config.json). Never printed;
/// sent only to that host's origin (see <see cref="RegistryAuthHandler"/>).
/// </summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>A docker config.json is a few KiB; a larger one (or a link to a device) is not read.</summary>
    private const int MaxConfigBytes = 1024 * 1024;

    public override string ToString() => $"{Username}:***";

    public static RegistryCredentials? Find(string host, Func<string, string?> environment, IFileSystem fileSystem)
    {
        if (environment("RLENV_REGISTRY_USERNAME") is { Length: > 0 } user && environment("RLENV_REGISTRY_PASSWORD") is { } password)
        {
            return new RegistryCredentials(user, password);
        }

        var folder = environment("DOCKER_CONFIG") ?? fileSystem.Path.Combine(environment("HOME") ?? string.Empty, ".docker");
        var file = fileSystem.Path.Combine(folder, "config.json");
        try
        {
            if (LocalFiles.ReadBounded(fileSystem, file, MaxConfigBytes) is not { } bytes)
            {
                return null;
            }

            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("auths", out var auths) && auths.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in auths.EnumerateObject())
                {
                    var key = entry.Name.Replace("https://", string.Empty, StringComparison.Ordinal).Replace("http://", string.Empty, StringComparison.Ordinal).TrimEnd('/');
                    if (key == host && entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("auth", out var auth)
                        && auth.ValueKind == JsonValueKind.String && auth.GetString() is { } encoded)
                    {
                        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Split(':', 2);
                        return pair.Length == 2 ? new RegistryCredentials(pair[0], pair[1]) : null;
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException or UnauthorizedAccessException)
        {
            // An unreadable config means no credentials; the registry's 401 then says so.
        }

        return null;
    }
}
