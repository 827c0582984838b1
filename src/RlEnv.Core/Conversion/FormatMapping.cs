using System.Text.Json;
using System.Text.Json.Nodes;

namespace RlEnv.Core.Conversion;

/// <summary>Reads each format into a <see cref="Conversation"/> and writes one back, counting what the target cannot hold.</summary>
public static class FormatMapping
{
    private static readonly string[] ReinforceNowFields = ["rewards", "variables", "tools", "docker", "docker_env", "docker_cmd"];
    private static readonly string[] OpenAiFields = ["tools", "parallel_tool_calls"];

    /// <summary>Reads one record; returns an error message when it is not of the format.</summary>
    public static string? Read(RecordFormat format, JsonObject record, Conversation conversation)
    {
        switch (format)
        {
            case RecordFormat.Freesolo:
                if (record["input"] is not JsonValue input || input.GetValueKind() != JsonValueKind.String)
                {
                    return "a freesolo record needs 'input', a string";
                }

                conversation.Prompt.Add(new JsonObject { ["role"] = "user", ["content"] = (string?)input });
                switch (record["output"])
                {
                    case JsonArray list:
                        conversation.Completion.AddRange(list.Select(m => m!.DeepClone()));
                        break;
                    case JsonObject { } wrapper when wrapper["messages"] is JsonArray messages:
                        conversation.Completion.AddRange(messages.Select(m => m!.DeepClone()));
                        break;
                    case JsonValue scalar when scalar.GetValueKind() != JsonValueKind.Null:
                        conversation.Completion.Add(new JsonObject { ["role"] = "assistant", ["content"] = scalar.GetValueKind() == JsonValueKind.String ? (string?)scalar : scalar.ToJsonString() });
                        break;
                }

                CopyMetadata(record["metadata"], conversation);
                CopyExtras(record, conversation, ["input", "output", "metadata"]);
                return null;

            case RecordFormat.ReinforceNow or RecordFormat.OpenAi:
                if (record["messages"] is not JsonArray all)
                {
                    return $"a {(format == RecordFormat.OpenAi ? "openai" : "reinforcenow")} record needs 'messages', an array";
                }

                conversation.SetMessages(all);
                CopyMetadata(record["metadata"], conversation);
                CopyExtras(record, conversation, ["messages", "metadata"]);
                return null;

            default:
                if (record["prompt"] is not JsonArray prompt)
                {
                    return "a runrl record needs 'prompt', an array of messages";
                }

                conversation.Prompt.AddRange(prompt.Select(m => m!.DeepClone()));

                // RunRL's extra fields reach the reward as kwargs: the same role as metadata elsewhere.
                foreach (var (key, value) in record.Where(p => p.Key != "prompt"))
                {
                    conversation.Metadata[key] = value?.DeepClone();
                }

                return null;
        }
    }

    /// <summary>Writes the conversation as the target format; every part it cannot hold is counted in <paramref name="dropped"/>.</summary>
    public static JsonObject Write(RecordFormat format, Conversation conversation, Dictionary<string, long> dropped)
    {
        var record = new JsonObject();
        switch (format)
        {
            case RecordFormat.Freesolo:
                var users = conversation.Prompt.Where(m => Role(m) == "user").ToList();
                record["input"] = users.Count > 0 ? Text(users[^1]) : string.Empty;
                foreach (var lost in conversation.Prompt.Where(m => !ReferenceEquals(m, users.LastOrDefault())))
                {
                    Count(dropped, $"prompt message ({Role(lost) ?? "no role"})");
                }

                if (conversation.Completion.Count == 1 && Role(conversation.Completion[0]) == "assistant" && conversation.Completion[0] is JsonObject only
                    && only.Count == 2 && only["content"] is JsonValue content && content.GetValueKind() == JsonValueKind.String)
                {
                    record["output"] = (string?)content;
                }
                else if (conversation.Completion.Count > 0)
                {
                    record["output"] = new JsonObject { ["messages"] = new JsonArray([.. conversation.Completion.Select(m => m.DeepClone())]) };
                }

                WriteMetadata(record, conversation);
                KeepExtras(record, conversation, ["image", "images"], dropped);
                break;

            case RecordFormat.ReinforceNow:
                record["messages"] = conversation.AllMessages();
                WriteMetadata(record, conversation);
                KeepExtras(record, conversation, ReinforceNowFields, dropped);
                break;

            case RecordFormat.OpenAi:
                record["messages"] = conversation.AllMessages();
                if (conversation.Metadata.Count > 0)
                {
                    Count(dropped, "metadata", conversation.Metadata.Count);
                }

                KeepExtras(record, conversation, OpenAiFields, dropped);
                break;

            default:
                record["prompt"] = new JsonArray([.. conversation.Prompt.Select(m => m.DeepClone())]);
                if (conversation.Completion.Count > 0)
                {
                    Count(dropped, "output (gold completion)");
                }

                foreach (var (key, value) in conversation.Metadata)
                {
                    if (key == "prompt")
                    {
                        Count(dropped, "metadata.prompt");
                        continue;
                    }

                    record[key] = value?.DeepClone();
                }

                KeepExtras(record, conversation, [], dropped);
                break;
        }

        return record;
    }

    private static void CopyMetadata(JsonNode? metadata, Conversation conversation)
    {
        if (metadata is JsonObject fields)
        {
            foreach (var (key, value) in fields)
            {
                conversation.Metadata[key] = value?.DeepClone();
            }
        }
    }

    private static void CopyExtras(JsonObject record, Conversation conversation, string[] known)
    {
        foreach (var (key, value) in record.Where(p => !known.Contains(p.Key)))
        {
            conversation.Extras[key] = value?.DeepClone();
        }
    }

    private static void WriteMetadata(JsonObject record, Conversation conversation)
    {
        if (conversation.Metadata.Count > 0)
        {
            record["metadata"] = conversation.Metadata.DeepClone();
        }
    }

    private static void KeepExtras(JsonObject record, Conversation conversation, string[] kept, Dictionary<string, long> dropped)
    {
        foreach (var (key, value) in conversation.Extras.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (kept.Contains(key))
            {
                record[key] = value?.DeepClone();
            }
            else
            {
                Count(dropped, key);
            }
        }
    }

    private static string? Role(JsonNode message) => message is JsonObject m && m["role"] is JsonValue r && r.GetValueKind() == JsonValueKind.String ? (string?)r : null;

    private static string Text(JsonNode message) => message["content"] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => (string)v!,
        null => string.Empty,
        var other => other.ToJsonString(),
    };

    private static void Count(Dictionary<string, long> dropped, string field, long by = 1) => dropped[field] = dropped.GetValueOrDefault(field) + by;
}
