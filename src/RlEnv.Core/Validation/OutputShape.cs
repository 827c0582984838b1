using System.Text;
using System.Text.Json;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Validation;

/// <summary>
/// Checks a structured gold output: <c>{"messages": [...]}</c> or a bare list of chat messages, with
/// OpenAI-style tool calls whose arguments are a JSON string, and tool results that answer an earlier call.
/// </summary>
internal static class OutputShape
{
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "system", "user", "assistant", "tool" };

    /// <summary>Returns whether an assistant message holds a &lt;think&gt;...&lt;/think&gt; block.</summary>
    public static bool Check(ReadOnlySpan<byte> output, in RecordContext context, int offset, DiagnosticLimiter sink)
    {
        using var document = JsonDocument.Parse(output.ToArray(), new JsonDocumentOptions { MaxDepth = context.Options.MaxDepth });
        var root = document.RootElement;
        JsonElement messages;
        if (root.ValueKind == JsonValueKind.Array)
        {
            messages = root;
        }
        else if (root.TryGetProperty("messages", out var inner) && inner.ValueKind == JsonValueKind.Array)
        {
            messages = inner;
            foreach (var extra in root.EnumerateObject().Where(p => p.Name != "messages"))
            {
                sink.Add(RecordValidator.Error(DiagnosticCatalog.OutputInvalid.Code, context, offset,
                    $"An object output holds only 'messages'; '{extra.Name}' would be ignored."));
            }
        }
        else
        {
            sink.Add(RecordValidator.Error(DiagnosticCatalog.OutputInvalid.Code, context, offset,
                "'output' must be a scalar, {\"messages\": [...]}, or a bare list of chat messages."));
            return false;
        }

        return CheckMessages(messages, "output message", context, offset, sink);
    }

    /// <summary>Checks each message of a conversation; returns whether an assistant message holds a &lt;think&gt; block.</summary>
    public static bool CheckMessages(JsonElement messages, string label, in RecordContext context, int offset, DiagnosticLimiter sink)
    {
        var callIds = new HashSet<string>(StringComparer.Ordinal);
        var think = false;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            think |= CheckMessage(message, $"{label} {index++}", callIds, context, offset, sink);
        }

        return think;
    }

    private static bool CheckMessage(JsonElement message, string where, HashSet<string> callIds, in RecordContext context, int offset, DiagnosticLimiter sink)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            sink.Add(RecordValidator.Error(DiagnosticCatalog.MessageInvalid.Code, context, offset, $"{where} must be an object with 'role' and 'content'."));
            return false;
        }

        var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        if (role is null || !Roles.Contains(role))
        {
            sink.Add(RecordValidator.Error(DiagnosticCatalog.MessageInvalid.Code, context, offset,
                $"{where} has role {(role is null ? "(none)" : $"'{role}'")}; it must be system, user, assistant or tool."));
        }

        var hasCalls = message.TryGetProperty("tool_calls", out var calls);
        var think = false;
        if (message.TryGetProperty("content", out var content))
        {
            if (content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Null))
            {
                sink.Add(RecordValidator.Error(DiagnosticCatalog.MessageInvalid.Code, context, offset, $"{where} has content that is not a string, a list or null."));
            }
            else if (role == "assistant" && content.ValueKind == JsonValueKind.String)
            {
                think = RecordValidator.HasThinkBlock(Encoding.UTF8.GetBytes(content.GetString()!));
            }
        }
        else if (!hasCalls)
        {
            sink.Add(RecordValidator.Error(DiagnosticCatalog.MessageInvalid.Code, context, offset, $"{where} has no 'content'."));
        }

        if (hasCalls)
        {
            CheckToolCalls(calls, where, callIds, context, offset, sink);
        }

        if (role == "tool")
        {
            var id = message.TryGetProperty("tool_call_id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            if (id is null || !callIds.Contains(id))
            {
                sink.Add(RecordValidator.Error(DiagnosticCatalog.ToolCallIdUnmatched.Code, context, offset,
                    $"{where} is a tool result whose tool_call_id {(id is null ? "is missing" : $"'{id}' matches no earlier tool call")}."));
            }
        }

        return think;
    }

    private static void CheckToolCalls(JsonElement calls, string where, HashSet<string> callIds, in RecordContext context, int offset, DiagnosticLimiter sink)
    {
        if (calls.ValueKind != JsonValueKind.Array)
        {
            sink.Add(RecordValidator.Error(DiagnosticCatalog.ToolCallInvalid.Code, context, offset, $"{where}: 'tool_calls' must be a list."));
            return;
        }

        foreach (var call in calls.EnumerateArray())
        {
            var problem = ToolCallProblem(call, out var id);
            if (problem is not null)
            {
                sink.Add(RecordValidator.Error(DiagnosticCatalog.ToolCallInvalid.Code, context, offset, $"{where}: a tool call {problem}."));
            }

            if (id is not null)
            {
                callIds.Add(id);
            }
        }
    }

    private static string? ToolCallProblem(JsonElement call, out string? id)
    {
        id = null;
        if (call.ValueKind != JsonValueKind.Object)
        {
            return "must be an object";
        }

        id = call.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (id is null)
        {
            return "has no string 'id'";
        }

        if (!call.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "function")
        {
            return "must have type \"function\"";
        }

        if (!call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
        {
            return "has no 'function' object";
        }

        if (!function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
        {
            return "has no function.name";
        }

        if (!function.TryGetProperty("arguments", out var arguments) || arguments.ValueKind != JsonValueKind.String)
        {
            return "must carry function.arguments as a JSON string (OpenAI style), not as an object";
        }

        try
        {
            using var parsed = JsonDocument.Parse(arguments.GetString()!);
        }
        catch (JsonException)
        {
            return $"'{name.GetString()}' has function.arguments that are not valid JSON";
        }

        return null;
    }
}
