using System.IO.Abstractions;
using System.Text.Json;
using RlEnv.Core.Python;

namespace RlEnv.Core.Profiles;

/// <summary>
/// Tells the platform from an environment's files: environment.py means Freesolo; train.jsonl with
/// rewards.py or config.yml means ReinforceNow; a prompt JSONL with a .py defining the reward function
/// means RunRL. Anything else is Freesolo, whose checks then say what is missing.
/// </summary>
public static class ProfileDetector
{
    public static (Profile Profile, string Reason) Detect(IFileSystem fileSystem, string root)
    {
        bool Exists(string name) => fileSystem.File.Exists(fileSystem.Path.Combine(root, name));

        if (Exists("environment.py"))
        {
            return (Profile.Freesolo, "environment.py");
        }

        if (Exists("train.jsonl") && (Exists("rewards.py") || Exists("config.yml")))
        {
            return (Profile.ReinforceNow, Exists("rewards.py") ? "train.jsonl with rewards.py" : "train.jsonl with config.yml");
        }

        var promptFile = fileSystem.Directory.EnumerateFiles(root, "*.jsonl").Order(StringComparer.Ordinal).FirstOrDefault(f => FirstRecordHasPrompt(fileSystem, f));
        var rewardFile = fileSystem.Directory.EnumerateFiles(root, "*.py").Order(StringComparer.Ordinal).FirstOrDefault(f => DefinesRewardFunction(fileSystem, f));
        if (promptFile is not null && rewardFile is not null)
        {
            return (Profile.RunRl, $"{fileSystem.Path.GetFileName(promptFile)} with prompts and {fileSystem.Path.GetFileName(rewardFile)} defining the reward");
        }

        return (Profile.Freesolo, "no platform's files found; Freesolo is the default");
    }

    public static bool DefinesRewardFunction(IFileSystem fileSystem, string path)
    {
        try
        {
            return fileSystem.FileInfo.New(path).Length < 4 * 1024 * 1024
                && PythonModuleScanner.Scan(fileSystem.File.ReadAllText(path)).Functions.Any(f => f.Name is "reward_func" or "reward_fn");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PythonSyntaxException)
        {
            return false;
        }
    }

    private static bool FirstRecordHasPrompt(IFileSystem fileSystem, string path)
    {
        try
        {
            using var reader = new StreamReader(fileSystem.File.OpenRead(path));
            for (var i = 0; i < 20 && reader.ReadLine() is { } line; i++)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var document = JsonDocument.Parse(line);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.Array;
            }
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
        }

        return false;
    }
}
