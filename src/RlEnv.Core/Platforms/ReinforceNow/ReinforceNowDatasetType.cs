// Mirrors which dataset_type makes `rnow run` check rewards.py: rnow/cli/commands.py, run(), where
// validate_rewards_file and validate_reward_references run only `if config.dataset_type == models.DatasetType.RL`
// (2274-2298), while tools.py is checked for every dataset_type (2300-2314). The config is config.yml, else
// config.json (1888-1908). Only dataset_type is read here; the config's schema is checked elsewhere.
using System.IO.Abstractions;
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;
using RlEnv.Core.Walking;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RlEnv.Core.Platforms.ReinforceNow;

internal static class ReinforceNowDatasetType
{
    /// <summary>The dataset_type of the packed config.yml, else config.json; null when neither names one.</summary>
    /// <param name="fileSystem">Where the files are.</param>
    /// <param name="packed">The packed files by path.</param>
    public static string? Read(IFileSystem fileSystem, IReadOnlyDictionary<string, WalkEntry> packed)
    {
        // Read failures are reported by the config check.
        string? Text(string name) => packed.TryGetValue(name, out var entry) ? WalkedFileReader.ReadText(fileSystem, entry, new DiagnosticBag()) : null;
        return packed.ContainsKey("config.yml") ? Read(Text("config.yml"), null) : Read(null, Text("config.json"));
    }

    /// <summary>The dataset_type the config names, or null when there is none or the config cannot be read.</summary>
    /// <param name="yaml">config.yml's text, or null.</param>
    /// <param name="json">config.json's text (read only without config.yml), or null.</param>
    public static string? Read(string? yaml, string? json)
    {
        if (yaml is not null)
        {
            return FromYaml(yaml);
        }

        if (json is not null)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("dataset_type", out var type)
                    && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>rnow checks rewards.py for rl only; when the type cannot be read, RlEnv checks it as rnow would for rl.</summary>
    /// <param name="datasetType">The dataset_type, or null.</param>
    public static bool ChecksRewards(string? datasetType) => datasetType is null or "rl";

    /// <summary>The root mapping's dataset_type scalar, read from the parser's events: no node tree, so no recursion however deep the file nests.</summary>
    private static string? FromYaml(string yaml)
    {
        // The config check reports a file nested this deep; YamlDotNet's parser slows down past it.
        if (NestingDepth.Yaml(yaml, NestingDepth.MaxDepth) is not null)
        {
            return null;
        }

        try
        {
            var parser = new Parser(new StringReader(yaml));
            var depth = 0;
            var expectKey = false;
            var keyIsDatasetType = false;
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart:
                        if (depth == 1 && !expectKey && keyIsDatasetType)
                        {
                            return null;
                        }

                        depth++;
                        expectKey = depth == 1 && parser.Current is MappingStart;
                        if (depth == 1 && parser.Current is SequenceStart)
                        {
                            return null;
                        }

                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        expectKey = depth == 1;
                        break;
                    case Scalar scalar when depth == 1:
                        if (expectKey)
                        {
                            keyIsDatasetType = scalar.Value == "dataset_type";
                        }
                        else if (keyIsDatasetType)
                        {
                            return scalar.Value;
                        }

                        expectKey = !expectKey;
                        break;
                    case AnchorAlias when depth == 1:
                        if (!expectKey && keyIsDatasetType)
                        {
                            return null;
                        }

                        expectKey = !expectKey;
                        break;
                    case DocumentEnd:
                        return null;
                }
            }
        }
        catch (YamlException)
        {
        }

        return null;
    }
}
