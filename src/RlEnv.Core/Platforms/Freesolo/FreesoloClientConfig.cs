// Mirrors flash/client/config.py::load_credentials_with_source (DEFAULT_API_URL = PROD_API_URL, CONFIG_PATH),
// flash/_internal/paths.py::data_dir and flash/_internal/fileio.py::read_json_or_empty (freesolo-co/flash 0c508de72).
using System.IO.Abstractions;
using System.Text.Json;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>Where the control plane is and which key speaks for the user, with where that key came from (never the key in a message).</summary>
/// <param name="ApiUrl">The control plane's base URL, trailing '/' removed.</param>
/// <param name="ApiKey">The key, or null when there is none.</param>
/// <param name="KeySource"><c>FREESOLO_API_KEY</c>, or the config file's path, or null.</param>
/// <param name="ConfigPath">The config file Flash reads (whether or not it exists).</param>
/// <param name="ConfigHoldsKey">Whether the config file holds a key too (so FREESOLO_API_KEY overrides a saved login).</param>
public sealed record FreesoloCredentials(string ApiUrl, string? ApiKey, string? KeySource, string ConfigPath, bool ConfigHoldsKey);

/// <summary>
/// Flash's own resolution, so RlEnv publishes where <c>flash env push</c> would, with the same key: the URL is
/// <c>FLASH_API_URL</c>, else <c>api_url</c> in <c>$FLASH_DATA_DIR/config.json</c> (<c>~/.flash/config.json</c>), else
/// the public plane; the key is <c>FREESOLO_API_KEY</c>, else <c>api_key</c> in that file. An empty variable counts as
/// unset, and a config file that is missing, unreadable or not a JSON object counts as empty, as in Flash.
/// </summary>
public static class FreesoloClientConfig
{
    public const string ApiUrlVariable = "FLASH_API_URL";
    public const string DataDirVariable = "FLASH_DATA_DIR";
    public const string KeyVariable = "FREESOLO_API_KEY";

    /// <summary>config.py <c>PROD_API_URL</c>: the public control plane.</summary>
    public const string DefaultApiUrl = "https://flash.freesolo.co";

    /// <summary>Flash reads the file whole; RlEnv reads a login file of at most 1 MiB and treats a larger one as unreadable.</summary>
    public const int MaxConfigBytes = 1024 * 1024;

    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="fileSystem">Where the config file is read.</param>
    /// <param name="home">The user's home folder (<c>Path.home()</c>).</param>
    public static FreesoloCredentials Resolve(Func<string, string?> environment, IFileSystem fileSystem, string home)
    {
        var configPath = ConfigPath(environment, fileSystem, home);
        var config = ReadConfig(fileSystem, configPath);
        var savedKey = StringValue(config, "api_key");
        var apiUrl = NonEmpty(environment(ApiUrlVariable)) ?? StringValue(config, "api_url") ?? DefaultApiUrl;
        apiUrl = apiUrl.TrimEnd('/');
        if (NonEmpty(environment(KeyVariable)) is { } key)
        {
            return new FreesoloCredentials(apiUrl, key, KeyVariable, configPath, savedKey is not null);
        }

        return savedKey is not null
            ? new FreesoloCredentials(apiUrl, savedKey, configPath, configPath, ConfigHoldsKey: true)
            : new FreesoloCredentials(apiUrl, null, null, configPath, ConfigHoldsKey: false);
    }

    /// <summary>Python's <c>Path.home()</c>: HOME (USERPROFILE on Windows), else the account's profile folder.</summary>
    /// <param name="environment">Reads an environment variable.</param>
    public static string Home(Func<string, string?> environment) =>
        NonEmpty(environment(OperatingSystem.IsWindows() ? "USERPROFILE" : "HOME")) ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    /// <summary>
    /// paths.py <c>data_dir() / "config.json"</c>: <c>FLASH_DATA_DIR</c> stripped, with a leading <c>~</c> expanded and a
    /// relative path taken from the current folder; else <c>~/.flash</c>.
    /// </summary>
    public static string ConfigPath(Func<string, string?> environment, IFileSystem fileSystem, string home)
    {
        var configured = environment(DataDirVariable)?.Trim() ?? string.Empty;
        string folder;
        if (configured.Length == 0)
        {
            folder = fileSystem.Path.Combine(home, ".flash");
        }
        else
        {
            if (configured == "~" || configured.StartsWith("~/", StringComparison.Ordinal))
            {
                configured = home + configured[1..];
            }

            folder = fileSystem.Path.GetFullPath(configured);
        }

        return fileSystem.Path.Combine(folder, "config.json");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>A non-empty string member, else null (Flash's truthiness; a value that is not a string is not a URL or a key).</summary>
    private static string? StringValue(JsonElement? config, string name)
    {
        if (config is not { } root)
        {
            return null;
        }

        // Python's json keeps the last of duplicate keys.
        string? value = null;
        var seen = false;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == name)
            {
                seen = true;
                value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            }
        }

        return seen ? NonEmpty(value) : null;
    }

    /// <summary>read_json_or_empty: the file's JSON object, or null for a file that is missing, unreadable, not JSON or not an object.</summary>
    private static JsonElement? ReadConfig(IFileSystem fileSystem, string path)
    {
        try
        {
            // Follows a link as Python's read_text does (a dotfiles manager links it), but opens only a regular file:
            // a FIFO there would block, a device would never end.
            var info = fileSystem.FileInfo.New(path);
            var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as IFileInfo;
            if (target is not { Exists: true } || FileTypeProbes.For(fileSystem).IsSpecial(target.FullName) || target.Length > MaxConfigBytes)
            {
                return null;
            }

            var bytes = fileSystem.File.ReadAllBytes(target.FullName);
            if (bytes.Length > MaxConfigBytes || bytes.AsSpan().StartsWith("\uFEFF"u8))
            {
                // Python's json.loads refuses a text that starts with a BOM; Flash then reads {}.
                return null;
            }

            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
