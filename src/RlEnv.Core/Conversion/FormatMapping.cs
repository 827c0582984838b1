using System.Text.Json;
using System.Text.Json.Nodes;

namespace RlEnv.Core.Conversion;

/// <summary>
/// Reads each format into a <see cref="Conversation"/> and writes one back. What the target cannot hold goes into
/// the record's <see cref="RecordLosses"/>; nothing the source did not hold is invented.
/// </summary>
public static class FormatMapping
{
    // rnow allows extra entry keys (rnow/models.py TrainEntry, extra="allow"); these are the ones it or its trainer reads,
    // and `text` is the midtrain row's document (TrainEntryMidtrain), kept when a row also has messages.
    private static readonly string[] ReinforceNowFields = ["rewards", "variables", "tools", "docker", "docker_env", "docker_cmd", "text"];
    private static readonly string[] OpenAiFields = ["tools", "parallel_tool_calls"];
    private static readonly string[] FreesoloFields = ["image", "images"];

    /// <summary>Reads one record; returns an error message when it is not of the format.</summary>
    /// <param name="format">The source format.</param>
    /// <param name="record">The record.</param>
    /// <param name="conversation">Filled with the record.</param>
    /// <param name="losses">What reading already loses, such as a key of a Freesolo output wrapper besides messages.</param>
    public static string? Read(RecordFormat format, JsonObject record, Conversation conversation, RecordLosses losses)
    {
        switch (format)
        {
            case RecordFormat.Freesolo:
                if (record["input"] is not JsonValue input || input.GetValueKind() != JsonValueKind.String)
                {
                    return "a freesolo record needs 'input', a string";
                }

                conversation.Prompt.Add(new JsonObject { ["role"] = "user", ["content"] = (string?)input });
                if (ReadFreesoloOutput(record["output"], conversation, losses) is { } outputProblem)
                {
                    return outputProblem;
                }

                CopyMetadata(record, conversation);
                CopyExtras(record, conversation, ["input", "output", "metadata"]);
                return null;

            case RecordFormat.ReinforceNow or RecordFormat.OpenAi:
                if (record["messages"] is not JsonArray all)
                {
                    // rnow/models.py TrainEntryMidtrain: a midtrain row is {"text": str} (rnow/cli/commands.py picks the model by dataset_type).
                    if (format == RecordFormat.ReinforceNow && record["text"] is JsonValue text && text.GetValueKind() == JsonValueKind.String)
                    {
                        conversation.Text = (string?)text;
                        CopyMetadata(record, conversation);
                        CopyExtras(record, conversation, ["text", "metadata"]);
                        return null;
                    }

                    return format == RecordFormat.OpenAi
                        ? "an openai record needs 'messages', an array"
                        : "a reinforcenow record needs 'messages', an array, or, in a midtrain file, 'text', a string";
                }

                if (!all.All(m => m is JsonObject))
                {
                    return "each message must be a JSON object";
                }

                conversation.SetMessages(all);
                CopyMetadata(record, conversation);
                CopyExtras(record, conversation, ["messages", "metadata"]);
                return null;

            default:
                if (record["prompt"] is not JsonArray prompt)
                {
                    return "a runrl record needs 'prompt', an array of messages";
                }

                if (!prompt.All(m => m is JsonObject))
                {
                    return "each prompt message must be a JSON object";
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

    /// <summary>
    /// Writes the conversation as the target format, or returns null when the record has no counterpart there
    /// (<see cref="RecordLosses.Missing"/> says why). Every part the target cannot hold goes into <paramref name="losses"/>.
    /// </summary>
    /// <param name="format">The target format.</param>
    /// <param name="conversation">The record read.</param>
    /// <param name="losses">Receives what the target cannot hold.</param>
    public static JsonObject? Write(RecordFormat format, Conversation conversation, RecordLosses losses)
    {
        var record = new JsonObject();
        switch (format)
        {
            case RecordFormat.Freesolo:
                if (!WriteFreesoloInput(record, conversation, losses))
                {
                    return null;
                }

                WriteFreesoloOutput(record, conversation);
                WriteMetadata(record, conversation);
                KeepExtras(record, conversation, format, losses);
                break;

            case RecordFormat.ReinforceNow:
                if (conversation.Text is { } text)
                {
                    record["text"] = text;
                }
                else
                {
                    record["messages"] = ChatMessages(conversation, format, losses);
                }

                WriteMetadata(record, conversation);
                KeepExtras(record, conversation, format, losses);
                break;

            case RecordFormat.OpenAi:
                if (conversation.Text is not null)
                {
                    losses.Missing = NoCounterpart.MidtrainTextToOpenAi;
                    return null;
                }

                record["messages"] = ChatMessages(conversation, format, losses);
                if (conversation.Metadata.Count > 0)
                {
                    losses.Drop("metadata");
                }

                KeepExtras(record, conversation, format, losses);
                break;

            default:
                if (conversation.Text is not null)
                {
                    losses.Missing = NoCounterpart.MidtrainTextToRunRl;
                    return null;
                }

                if (conversation.Prompt.Count == 0)
                {
                    losses.Missing = NoCounterpart.NoPromptForRunRl;
                    return null;
                }

                // RunRL's prompt content is "the message text" (runrl docs/file-formats.mdx), so list content becomes its text.
                record["prompt"] = new JsonArray([.. conversation.Prompt.Select(m => MessageContent.AsTextMessage(m, losses))]);
                if (conversation.Completion.Count > 0)
                {
                    losses.Drop("output (gold completion)");
                }

                foreach (var (key, value) in conversation.Metadata)
                {
                    if (key == "prompt")
                    {
                        losses.Drop("metadata.prompt");
                        continue;
                    }

                    record[key] = value?.DeepClone();
                }

                KeepExtras(record, conversation, format, losses);
                break;
        }

        return record;
    }

    private static JsonArray ChatMessages(Conversation conversation, RecordFormat format, RecordLosses losses)
    {
        if (conversation.ScalarAnswer is { } scalar)
        {
            losses.Drop($"{(scalar.GetValueKind() == JsonValueKind.Number ? "number" : "boolean")} output (written as text)");
        }

        return [.. conversation.AllMessages().Select(m => MessageContent.ForChat(m, format, losses))];
    }

    internal static string? Role(JsonNode message) => message is JsonObject m && m["role"] is JsonValue r && r.GetValueKind() == JsonValueKind.String ? (string?)r : null;

    private static string? ReadFreesoloOutput(JsonNode? output, Conversation conversation, RecordLosses losses)
    {
        const string Shape = "'output' must be a string, a list of messages or {\"messages\": [...]}";
        switch (output)
        {
            case null:
                return null;
            case JsonArray list:
                return AddOutputMessages(list, conversation);
            case JsonObject wrapper:
                if (wrapper["messages"] is not JsonArray messages)
                {
                    return Shape;
                }

                foreach (var (key, _) in wrapper.Where(p => p.Key != "messages"))
                {
                    losses.Drop($"output key '{key}'");
                }

                return AddOutputMessages(messages, conversation);
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                conversation.Completion.Add(new JsonObject { ["role"] = "assistant", ["content"] = (string?)scalar });
                return null;
            default:
                // A number or boolean answer: chat content is text, so messages carry its JSON text; Freesolo gets it back as it was.
                conversation.ScalarAnswer = output.DeepClone();
                conversation.Completion.Add(new JsonObject { ["role"] = "assistant", ["content"] = output.ToJsonString() });
                return null;
        }
    }

    private static string? AddOutputMessages(JsonArray messages, Conversation conversation)
    {
        if (!messages.All(m => m is JsonObject))
        {
            return "each output message must be a JSON object";
        }

        conversation.Completion.AddRange(messages.Select(m => m!.DeepClone()));
        return null;
    }

    private static bool WriteFreesoloInput(JsonObject record, Conversation conversation, RecordLosses losses)
    {
        if (conversation.Text is { } text)
        {
            // Freesolo's input is what environment.py turns into the prompt, so a document fits there without assuming a
            // role; a midtrain row has no answer, so there is no output. Read back it is a prompt, hence the report.
            record["input"] = text;
            losses.Reshaped.Add(RecordReshaping.MidtrainTextAsFreesoloInput);
            return true;
        }

        var user = conversation.Prompt.LastOrDefault(m => Role(m) == "user");
        if (user is not JsonObject message)
        {
            losses.Missing = NoCounterpart.NoUserMessageForFreesolo;
            return false;
        }

        record["input"] = MessageContent.AsText(message["content"], "user", losses);
        foreach (var (key, _) in message.Where(p => p.Key is not ("role" or "content")))
        {
            losses.Drop($"user message key '{key}'");
        }

        foreach (var lost in conversation.Prompt.Where(m => !ReferenceEquals(m, user)))
        {
            losses.Drop($"prompt message ({Role(lost) ?? "no role"})");
        }

        return true;
    }

    private static void WriteFreesoloOutput(JsonObject record, Conversation conversation)
    {
        if (conversation.ScalarAnswer is { } scalar)
        {
            record["output"] = scalar.DeepClone();
        }
        else if (conversation.Completion.Count == 1 && Role(conversation.Completion[0]) == "assistant" && conversation.Completion[0] is JsonObject only
            && only.Count == 2 && only["content"] is JsonValue content && content.GetValueKind() == JsonValueKind.String)
        {
            record["output"] = (string?)content;
        }
        else if (conversation.Completion.Count > 0)
        {
            record["output"] = new JsonObject { ["messages"] = new JsonArray([.. conversation.Completion.Select(m => m.DeepClone())]) };
        }
    }

    private static void CopyMetadata(JsonObject record, Conversation conversation)
    {
        switch (record["metadata"])
        {
            case JsonObject fields:
                foreach (var (key, value) in fields)
                {
                    conversation.Metadata[key] = value?.DeepClone();
                }

                break;
            case JsonNode other:
                // Not an object, so not metadata any target holds as such: carried as an extra, and so reported unless kept.
                conversation.Extras["metadata"] = other.DeepClone();
                break;
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

    private static void KeepExtras(JsonObject record, Conversation conversation, RecordFormat target, RecordLosses losses)
    {
        var kept = target switch
        {
            RecordFormat.Freesolo => FreesoloFields,
            RecordFormat.ReinforceNow => ReinforceNowFields,
            RecordFormat.OpenAi => OpenAiFields,
            _ => [],
        };
        foreach (var (key, value) in conversation.Extras.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!kept.Contains(key) || record.ContainsKey(key))
            {
                losses.Drop(key);
                continue;
            }

            var keep = true;
            record[key] = (key, target) switch
            {
                ("tools", RecordFormat.ReinforceNow) => ToolLists.ForReinforceNow(value, losses),
                ("tools", RecordFormat.OpenAi) => ToolLists.ForOpenAi(value, losses, out keep),
                _ => value?.DeepClone(),
            };
            if (!keep)
            {
                record.Remove(key);
            }
        }
    }
}
