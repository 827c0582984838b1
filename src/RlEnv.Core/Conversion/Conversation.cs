using System.Text.Json.Nodes;

namespace RlEnv.Core.Conversion;

/// <summary>
/// The one model every format maps to: the prompt messages, the gold completion (the model's answer), metadata,
/// fields only some formats hold (kept under their own names), or, instead of messages, a midtrain document.
/// </summary>
public sealed class Conversation
{
    public List<JsonNode> Prompt { get; } = [];

    public List<JsonNode> Completion { get; } = [];

    public JsonObject Metadata { get; } = [];

    /// <summary>Platform fields such as rewards, tools, docker, variables, image(s), parallel_tool_calls.</summary>
    public Dictionary<string, JsonNode?> Extras { get; } = new(StringComparer.Ordinal);

    /// <summary>A Freesolo gold answer that is a number or boolean; <see cref="Completion"/> holds it as message text.</summary>
    public JsonNode? ScalarAnswer { get; set; }

    /// <summary>A ReinforceNow midtrain row's document (rnow/models.py TrainEntryMidtrain.text); such a row has no messages.</summary>
    public string? Text { get; set; }

    /// <summary>
    /// Splits a message list (of JSON objects) into prompt and completion. With a user message, the prompt runs up to
    /// the last one. Without one, the prompt is what comes before the first assistant message (a system prompt, say),
    /// so nothing is moved into the answer that was not the model's, and no user message is assumed.
    /// </summary>
    public void SetMessages(JsonArray messages)
    {
        var lastUser = -1;
        var firstAssistant = -1;
        for (var i = 0; i < messages.Count; i++)
        {
            switch (FormatMapping.Role(messages[i]!))
            {
                case "user":
                    lastUser = i;
                    break;
                case "assistant" when firstAssistant < 0:
                    firstAssistant = i;
                    break;
            }
        }

        var promptEnd = lastUser >= 0 ? lastUser : firstAssistant >= 0 ? firstAssistant - 1 : messages.Count - 1;
        for (var i = 0; i < messages.Count; i++)
        {
            (i <= promptEnd ? Prompt : Completion).Add(messages[i]!.DeepClone());
        }
    }

    public IEnumerable<JsonNode> AllMessages() => Prompt.Concat(Completion);
}
