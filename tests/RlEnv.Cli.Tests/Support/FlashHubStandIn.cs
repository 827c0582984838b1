using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RlEnv.Cli.Tests.Support;

/// <summary>
/// The stand-in Freesolo control plane (tests/standin/flash_hub_standin.py) as a real HTTP server on a loopback
/// address, started for one test: Flash's publish route with its auth, body checks, tar checks and detail texts.
/// Two organizations: <see cref="Key"/> (acme) owns <see cref="Project"/>; <see cref="OtherKey"/> (globex) owns
/// <see cref="OtherProject"/>.
/// </summary>
internal sealed class FlashHubStandIn : IDisposable
{
    public const string Key = "acme-test-key";
    public const string OtherKey = "globex-test-key";
    public const string Project = "11111111-1111-4111-8111-111111111111";
    public const string OtherProject = "22222222-2222-4222-8222-222222222222";
    public const string ProjectSlug = "math-project";

    private readonly Process _process;
    private readonly string _folder = Directory.CreateTempSubdirectory("rlenv-standin-").FullName;

    /// <param name="address">The loopback address to listen on.</param>
    /// <param name="behaviour">Extra config members: association_failures, drop_after, redirect_to, answer.</param>
    public FlashHubStandIn(string address = "127.0.0.1", JsonObject? behaviour = null)
    {
        var config = new JsonObject
        {
            ["keys"] = new JsonObject
            {
                [Key] = new JsonObject { ["org_slug"] = "acme", ["org_id"] = "org-acme" },
                [OtherKey] = new JsonObject { ["org_slug"] = "globex", ["org_id"] = "org-globex" },
            },
            ["projects"] = new JsonObject
            {
                [Project] = new JsonObject { ["org_id"] = "org-acme", ["slug"] = ProjectSlug },
                [OtherProject] = new JsonObject { ["org_id"] = "org-globex", ["slug"] = "other" },
            },
        };
        foreach (var (name, value) in behaviour ?? [])
        {
            config[name] = value?.DeepClone();
        }

        var configPath = Path.Combine(_folder, "config.json");
        File.WriteAllText(configPath, config.ToJsonString());
        Address = address;
        _process = Process.Start(new ProcessStartInfo("python3", [Script, "serve", "--config", configPath, "--host", address, "--port", "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        var line = _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        Port = line is not null && line.StartsWith("listening ", StringComparison.Ordinal) ? int.Parse(line[10..], System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"the stand-in did not start: {line}");
    }

    public static string Script => Path.Combine(Processes.RepositoryRoot(), "tests", "standin", "flash_hub_standin.py");

    public string Address { get; }

    public int Port { get; }

    public string Url => $"http://{Address}:{Port}";

    /// <summary>A FLASH_DATA_DIR with no login in it, so no test reads the user's real ~/.flash.</summary>
    public string EmptyDataDir => Directory.CreateDirectory(Path.Combine(_folder, "flash-data")).FullName;

    /// <summary>The variables a publish reads: this plane, <paramref name="key"/>, and an empty Flash data dir.</summary>
    public Dictionary<string, string?> Environment(string? key = Key) => new()
    {
        ["FLASH_API_URL"] = Url,
        ["FREESOLO_API_KEY"] = key,
        ["FLASH_DATA_DIR"] = EmptyDataDir,
        ["HOME"] = _folder,
    };

    /// <summary>What the stand-in saw: requests (with whether Authorization came), publishes, commits and files per id.</summary>
    public JsonElement State()
    {
        using var http = new HttpClient();
        var text = http.GetStringAsync(Url + "/_standin/state").GetAwaiter().GetResult();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public int Commits(string id) => State().GetProperty("commits").TryGetProperty(id, out var count) ? count.GetInt32() : 0;

    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>publish_package's checks and extraction of an artifact, run by the stand-in script: (exit code, its JSON line).</summary>
    /// <param name="artifact">The .tar.gz.</param>
    /// <param name="destination">An empty folder to extract into.</param>
    public static (int ExitCode, JsonElement Result) Extract(string artifact, string destination)
    {
        var run = Processes.Run("python3", [Script, "extract", artifact, destination], Path.GetTempPath());
        using var document = JsonDocument.Parse(run.Stdout);
        return (run.ExitCode, document.RootElement.Clone());
    }
}
