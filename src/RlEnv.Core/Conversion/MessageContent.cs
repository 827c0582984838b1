using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RlEnv.Core.Conversion;

/// <summary>
/// List (multimodal) message content as each target holds it. ReinforceNow's Message takes `content: str | list`
/// with image parts {"type": "image", "image": "data:..."} (rnow/models.py Message; rnow/skills/rnow-train-jsonl/SKILL.md
/// "VLM Images"); OpenAI chat names the same part {"type": "image_url", "image_url": {"url": ...}}. Freesolo's `input`
/// and a RunRL prompt message's `content` are text, so there only the text parts survive and the rest is reported.
/// </summary>
internal static class MessageContent
{
    /// <summary>
    /// The text of a content value for a text-only target. A list gives its text parts joined with nothing between
    /// them, as chat templates render consecutive text parts; the list form and every other part are reported.
    /// Any other value is kept as it is.
    /// </summary>
    public static JsonNode? AsText(JsonNode? content, string? role, RecordLosses losses)
    {
        if (content is not JsonArray parts)
        {
            return content?.DeepClone();
        }

        var who = role ?? "message";
        losses.Drop($"{who} content list (text parts joined)");
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (part is JsonObject p && PartType(p) == "text" && p["text"] is JsonValue t && t.GetValueKind() == JsonValueKind.String)
            {
                text.Append((string)t!);
            }
            else
            {
                losses.Drop($"{who} content part ({(part is JsonObject o ? PartType(o) : null) ?? "untyped"})");
            }
        }

        return text.ToString();
    }

    /// <summary>A copy of the message whose list content, if any, is flattened to text (see <see cref="AsText"/>).</summary>
    public static JsonNode AsTextMessage(JsonNode message, RecordLosses losses)
    {
        var copy = message.DeepClone();
        if (copy is JsonObject m && m["content"] is JsonArray)
        {
            m["content"] = AsText(m["content"], FormatMapping.Role(m), losses);
        }

        return copy;
    }

    /// <summary>A copy of the message whose image parts take the target's shape (ReinforceNow or OpenAI).</summary>
    public static JsonNode ForChat(JsonNode message, RecordFormat target, RecordLosses losses)
    {
        var copy = message.DeepClone();
        if (copy is JsonObject { } m && m["content"] is JsonArray parts)
        {
            for (var i = 0; i < parts.Count; i++)
            {
                if (parts[i] is JsonObject part
                    && (target == RecordFormat.OpenAi ? ToOpenAi(part) : ToReinforceNow(part, losses)) is { } translated && !ReferenceEquals(translated, part))
                {
                    parts[i] = translated;
                }
            }
        }

        return copy;
    }

    private static JsonObject ToOpenAi(JsonObject part) =>
        part.Count == 2 && PartType(part) == "image" && part["image"] is JsonValue image && image.GetValueKind() == JsonValueKind.String
            ? new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = (string?)image } }
            : part;

    private static JsonObject ToReinforceNow(JsonObject part, RecordLosses losses)
    {
        if (part.Count != 2 || PartType(part) != "image_url")
        {
            return part;
        }

        switch (part["image_url"])
        {
            case JsonValue bare when bare.GetValueKind() == JsonValueKind.String:
                return new JsonObject { ["type"] = "image", ["image"] = (string?)bare };
            case JsonObject target when target["url"] is JsonValue url && url.GetValueKind() == JsonValueKind.String:
                foreach (var (key, _) in target.Where(p => p.Key != "url"))
                {
                    losses.Drop($"image_url {key}");
                }

                return new JsonObject { ["type"] = "image", ["image"] = (string?)url };
            default:
                return part;
        }
    }

    private static string? PartType(JsonObject part) =>
        part["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? (string?)t : null;
}
