using System.Text.Json.Nodes;

namespace RlEnv.Core.Conversion;

/// <summary>
/// The one model every format maps to: the prompt messages, the gold completion (messages after the
/// last user message), metadata, and fields only some formats hold (kept under their own names).
/// </summary>
public sealed class Conversation
{
    public List<JsonNode> Prompt { get; } = [];

    public List<JsonNode> Completion { get; } = [];

    public JsonObject Metadata { get; } = [];

    /// <summary>Platform fields such as rewards, tools, docker, variables, image(s), parallel_tool_calls.</summary>
    public Dictionary<string, JsonNode?> Extras { get; } = new(StringComparer.Ordinal);

    /// <summary>Splits a message list at its last user message: what leads up to it is the prompt, the rest the completion.</summary>
    public void SetMessages(JsonArray messages)
    {
        var lastUser = -1;
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is JsonObject m && m["role"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)m["role"] == "user")
            {
                lastUser = i;
            }
        }

        for (var i = 0; i < messages.Count; i++)
        {
            (i <= lastUser ? Prompt : Completion).Add(messages[i]!.DeepClone());
        }
    }

    public JsonArray AllMessages() => [.. Prompt.Concat(Completion).Select(m => m.DeepClone())];
}
