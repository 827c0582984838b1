// Mirrors rnow/cli/commands.py run(): the files it collects for upload (lines 2360-2399) and the .env it reads
// into run secrets instead (lines 2024-2068, sent as the form field "secrets" at 2446-2447). ReinforceNow/reinforcenow-cli 0.4.37.
namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>
/// What <c>rnow run</c> uploads from the project root: the config (config.yml, or config.json when there is no
/// config.yml), train.jsonl, rewards.py, tools.py, requirements.txt, and every <c>Dockerfile.*</c>; nothing in folders.
/// </summary>
public static class RnUploadSet
{
    public const string ConfigYml = "config.yml";
    public const string ConfigJson = "config.json";
    public const string TrainFile = "train.jsonl";

    /// <summary>Read for run secrets, never uploaded as a file.</summary>
    public const string EnvFile = ".env";

    // Required (train.jsonl; rewards.py for rl) and optional files alike are uploaded whenever they exist.
    private static readonly HashSet<string> Files = new(StringComparer.Ordinal)
    {
        TrainFile, "rewards.py", "tools.py", "requirements.txt",
    };

    /// <summary>Whether rnow uploads this root file.</summary>
    /// <param name="name">The file's name at the project root.</param>
    /// <param name="rootFileExists">Whether a root name exists as rnow's <c>Path.exists()</c> sees it; asked only for config.yml.</param>
    public static bool Uploads(string name, Func<string, bool> rootFileExists) =>
        Files.Contains(name)
        || name == ConfigYml
        || (name == ConfigJson && !rootFileExists(ConfigYml))
        || IsDockerfile(name);

    /// <summary>
    /// <c>dir.glob("Dockerfile.*")</c>, case-sensitive as on Linux. Names such as Dockerfile.env or Dockerfile.key
    /// are Dockerfiles rnow uploads, not credentials.
    /// </summary>
    /// <param name="name">The file's name at the project root.</param>
    public static bool IsDockerfile(string name) => name.StartsWith("Dockerfile.", StringComparison.Ordinal);
}
