// Mirrors rnow/models.py DatasetType (lines 40-44) and how rnow/cli/commands.py run() finds it (lines 1888-1908):
// config.yml when it exists, else config.json; yaml.safe_load keeps the last of two equal keys, json.load too.
// ReinforceNow/reinforcenow-cli 0.4.37. The config part of RlEnv reports a config rnow refuses; this only reads
// which entry model the rows are checked against (validate_train_jsonl, commands.py lines 495-501).
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>rnow's <c>DatasetType</c>: it chooses the train.jsonl entry model.</summary>
public enum RnDatasetType
{
    /// <summary>Supervised rows: <c>TrainEntry</c> (messages; rewards optional).</summary>
    Sft,

    /// <summary>Reinforcement learning: <c>TrainEntryRL</c> (messages and a non-empty rewards list).</summary>
    Rl,

    /// <summary>On-policy distillation: <c>TrainEntry</c>, rollouts with the teacher.</summary>
    Distill,

    /// <summary>Continued pretraining: <c>TrainEntryMidtrain</c> (<c>{"text": ...}</c>).</summary>
    Midtrain,
}

public static class RnDatasetTypes
{
    /// <summary>The enum's values exactly as rnow spells them (matching is exact and case-sensitive).</summary>
    /// <param name="value">The config's value.</param>
    public static RnDatasetType? Parse(string? value) => value switch
    {
        "sft" => RnDatasetType.Sft,
        "rl" => RnDatasetType.Rl,
        "distill" => RnDatasetType.Distill,
        "midtrain" => RnDatasetType.Midtrain,
        _ => null,
    };

    public static string Name(this RnDatasetType type) => type switch
    {
        RnDatasetType.Rl => "rl",
        RnDatasetType.Distill => "distill",
        RnDatasetType.Midtrain => "midtrain",
        _ => "sft",
    };

    /// <summary>Whether the trainer runs rollouts for this type, so tools and sandboxes are live (rl, distill).</summary>
    /// <param name="type">The dataset type.</param>
    public static bool RunsRollouts(this RnDatasetType type) => type is RnDatasetType.Rl or RnDatasetType.Distill;

    /// <summary>
    /// The top-level <c>dataset_type</c> of a config.yml, the last one when repeated (as PyYAML keeps it); null when
    /// the text is not YAML, the root is not a mapping, or the value is absent or not one of rnow's four.
    /// </summary>
    /// <param name="text">The config's text.</param>
    public static RnDatasetType? FromYaml(string text)
    {
        // Events, not YamlStream: YamlStream refuses a repeated key, which PyYAML accepts.
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _) || !parser.TryConsume<MappingStart>(out _))
            {
                return null;
            }

            RnDatasetType? found = null;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (parser.TryConsume<Scalar>(out var key) && key.Value == "dataset_type")
                {
                    found = parser.Accept<Scalar>(out var value) ? Parse(value.Value) : null;
                }
                else if (key is null)
                {
                    parser.SkipThisAndNestedEvents();
                }

                parser.SkipThisAndNestedEvents();
            }

            return found;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // YamlDotNet throws InvalidOperationException on some unclosed flow collections; the config check reports them.
            return null;
        }
    }

    /// <summary>The top-level <c>dataset_type</c> of a config.json (the last when repeated); null when unreadable.</summary>
    /// <param name="text">The config's text.</param>
    public static RnDatasetType? FromJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            RnDatasetType? found = null;
            foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Name == "dataset_type"))
            {
                found = property.Value.ValueKind == JsonValueKind.String ? Parse(property.Value.GetString()) : null;
            }

            return found;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
