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
                sink.Add(DiagnosticCatalog.OutputObjectExtraKey(context.File, extra.Name, context.LineNumber, RecordValidator.Column(context, offset)));
            }
        }
        else
        {
            sink.Add(DiagnosticCatalog.OutputShapeUnknown(context.File, context.LineNumber, RecordValidator.Column(context, offset)));
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
            sink.Add(DiagnosticCatalog.ChatMessageNotObject(context.File, where, context.LineNumber, RecordValidator.Column(context, offset)));
            return false;
        }

        var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        if (role is null || !Roles.Contains(role))
        {
            sink.Add(DiagnosticCatalog.ChatMessageRoleUnknown(context.File, where, role, context.LineNumber, RecordValidator.Column(context, offset)));
        }

        var hasCalls = message.TryGetProperty("tool_calls", out var calls);
        var think = false;
        if (message.TryGetProperty("content", out var content))
        {
            if (content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Null))
            {
                sink.Add(DiagnosticCatalog.ChatMessageContentWrongType(context.File, where, context.LineNumber, RecordValidator.Column(context, offset)));
            }
            else if (role == "assistant" && content.ValueKind == JsonValueKind.String)
            {
                think = RecordValidator.HasThinkBlock(Encoding.UTF8.GetBytes(content.GetString()!));
            }
        }
        else if (!hasCalls)
        {
            sink.Add(DiagnosticCatalog.ChatMessageContentMissing(context.File, where, context.LineNumber, RecordValidator.Column(context, offset)));
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
                sink.Add(DiagnosticCatalog.ToolResultUnmatched(context.File, where, id, context.LineNumber, RecordValidator.Column(context, offset)));
            }
        }

        return think;
    }

    private static void CheckToolCalls(JsonElement calls, string where, HashSet<string> callIds, in RecordContext context, int offset, DiagnosticLimiter sink)
    {
        if (calls.ValueKind != JsonValueKind.Array)
        {
            sink.Add(DiagnosticCatalog.ToolCallsNotList(context.File, where, context.LineNumber, RecordValidator.Column(context, offset)));
            return;
        }

        var column = RecordValidator.Column(context, offset);
        foreach (var call in calls.EnumerateArray())
        {
            var problem = ToolCallProblem(call, where, context.File, context.LineNumber, column, out var id);
            if (problem is not null)
            {
                sink.Add(problem);
            }

            if (id is not null)
            {
                callIds.Add(id);
            }
        }
    }

    private static Diagnostic? ToolCallProblem(JsonElement call, string where, string file, int line, int column, out string? id)
    {
        id = null;
        if (call.ValueKind != JsonValueKind.Object)
        {
            return DiagnosticCatalog.ToolCallNotObject(file, where, line, column);
        }

        id = call.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (id is null)
        {
            return DiagnosticCatalog.ToolCallIdMissing(file, where, line, column);
        }

        if (!call.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "function")
        {
            return DiagnosticCatalog.ToolCallTypeNotFunction(file, where, line, column);
        }

        if (!call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
        {
            return DiagnosticCatalog.ToolCallFunctionMissing(file, where, line, column);
        }

        if (!function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
        {
            return DiagnosticCatalog.ToolCallNameMissing(file, where, line, column);
        }

        if (!function.TryGetProperty("arguments", out var arguments) || arguments.ValueKind != JsonValueKind.String)
        {
            return DiagnosticCatalog.ToolCallArgumentsNotString(file, where, line, column);
        }

        try
        {
            using var parsed = JsonDocument.Parse(arguments.GetString()!);
        }
        catch (JsonException)
        {
            return DiagnosticCatalog.ToolCallArgumentsNotJson(file, where, name.GetString()!, line, column);
        }

        return null;
    }
}
