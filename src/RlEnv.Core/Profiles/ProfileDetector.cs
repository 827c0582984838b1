using System.IO.Abstractions;
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Python;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Profiles;

/// <summary>
/// Tells the platform from an environment's files: environment.py means Freesolo; train.jsonl with
/// rewards.py or config.yml means ReinforceNow; a prompt JSONL with a .py defining the reward function
/// means RunRL. Anything else is Freesolo, whose checks then say what is missing. Only regular files count
/// and are read (described as the walk describes them), so a link or a FIFO named train.jsonl is never opened.
/// </summary>
public static class ProfileDetector
{
    /// <summary>How much of a JSONL file is read to find its first record; a prompt record is far shorter.</summary>
    public const int MaxPromptProbeBytes = 1024 * 1024;

    /// <summary>Larger .py files are not read to find a reward function.</summary>
    public const long MaxRewardProbeBytes = 4 * 1024 * 1024;

    /// <summary>The platform the files at <paramref name="root"/> are for, and what showed it.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="root">The environment root, a full path.</param>
    /// <param name="probe">Tells special files from regular ones.</param>
    /// <param name="sources">The analysis's .py files, so a reward file read here is not read again; null reads into a set of its own.</param>
    public static (Profile Profile, string Reason) Detect(IFileSystem fileSystem, string root, IFileTypeProbe? probe = null, PythonSources? sources = null)
    {
        sources ??= new PythonSources(fileSystem);
        // Detection only guesses; the walk that follows reports unreadable files.
        var scratch = new DiagnosticBag();
        var files = new EnvironmentWalker(fileSystem, probe ?? FileTypeProbes.For(fileSystem)).DescribeChildren(root, string.Empty, scratch)
            .Where(e => e.Kind == EntryKind.File)
            .ToList();
        bool Exists(string name) => files.Any(f => f.Path == name);

        if (Exists("environment.py"))
        {
            return (Profile.Freesolo, "environment.py");
        }

        if (Exists("train.jsonl") && (Exists("rewards.py") || Exists("config.yml")))
        {
            return (Profile.ReinforceNow, Exists("rewards.py") ? "train.jsonl with rewards.py" : "train.jsonl with config.yml");
        }

        var promptFile = files.Where(f => f.Path.EndsWith(".jsonl", StringComparison.Ordinal)).FirstOrDefault(f => FirstRecordHasPrompt(fileSystem, f));
        var rewardFile = files.Where(f => f.Path.EndsWith(".py", StringComparison.Ordinal)).FirstOrDefault(f => DefinesRewardFunction(sources, f));
        if (promptFile is not null && rewardFile is not null)
        {
            return (Profile.RunRl, $"{promptFile.Path} with prompts and {rewardFile.Path} defining the reward");
        }

        return (Profile.Freesolo, "no platform's files found; Freesolo is the default");
    }

    /// <summary>Whether the file defines reward_func or reward_fn at module level; a file over <see cref="MaxRewardProbeBytes"/> is not read for it.</summary>
    /// <param name="sources">The analysis's .py files.</param>
    /// <param name="file">A root .py file as the walk describes it.</param>
    public static bool DefinesRewardFunction(PythonSources sources, WalkEntry file) =>
        file.Size <= MaxRewardProbeBytes
        && sources.Get(file).Module is { } module
        && module.Functions.Any(f => f.IsModuleLevel && f.Name is "reward_func" or "reward_fn");

    private static bool FirstRecordHasPrompt(IFileSystem fileSystem, WalkEntry file)
    {
        try
        {
            using var stream = fileSystem.FileStream.New(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[(int)Math.Min(MaxPromptProbeBytes, Math.Max(0, file.Size))];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var lines = System.Text.Encoding.UTF8.GetString(buffer, 0, length).Split('\n');
            foreach (var line in lines.Take(20))
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
