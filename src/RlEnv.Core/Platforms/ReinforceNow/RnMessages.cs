// Mirrors rnow/models.py Message (lines 131-137: role one of four, content a str or list and required, extra keys
// allowed and unchecked) and TrainEntry.messages (line 145, min_length=1), ReinforceNow/reinforcenow-cli 0.4.37.
// The rest is the train.jsonl guide (rnow/skills/rnow-train-jsonl/SKILL.md lines 26-27, 60-75, 160), which no rnow
// code checks: a user message, system first, the OpenAI tool-call form with string arguments, tool results that
// answer a call. The trainer reads conversations that way, so RlEnv keeps them.
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>What is wrong with one tool call, against the guide's OpenAI form.</summary>
public enum RnToolCallProblem
{
    NotList,
    NotObject,
    IdMissing,
    TypeNotFunction,
    FunctionMissing,
    NameMissing,
    ArgumentsNotString,
    ArgumentsNotJson,
}

/// <summary>Where a row's findings point: train.jsonl, the row's line and its first column.</summary>
/// <param name="File">The file, relative to the project root.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column of the row's first byte.</param>
public readonly record struct RnRowSite(string File, int Line, int Column);

/// <summary>The <c>messages</c> of a TrainEntry (sft, distill, rl).</summary>
public static class RnMessages
{
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "system", "user", "assistant", "tool" };

    /// <summary>Checks the entry's messages against rnow's Message model, then the guide's conversation rules.</summary>
    /// <param name="entry">The row, a JSON object.</param>
    /// <param name="site">Where findings point.</param>
    /// <param name="sink">Where they go.</param>
    public static void Check(JsonElement entry, in RnRowSite site, DiagnosticLimiter sink)
    {
        if (!entry.TryGetProperty("messages", out var messages))
        {
            sink.Add(DiagnosticCatalog.RnEntryMessagesMissing(site.File, site.Line, site.Column));
            return;
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            sink.Add(DiagnosticCatalog.RnEntryMessagesNotList(site.File, site.Line, site.Column));
            return;
        }

        if (messages.GetArrayLength() == 0)
        {
            sink.Add(DiagnosticCatalog.RnEntryMessagesEmpty(site.File, site.Line, site.Column));
            return;
        }

        var callIds = new HashSet<string>(StringComparer.Ordinal);
        var roles = new List<string?>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            roles.Add(CheckMessage(message, index++, callIds, site, sink));
        }

        if (!roles.Contains("user"))
        {
            sink.Add(DiagnosticCatalog.RnEntryUserMessageMissing(site.File, site.Line, site.Column));
        }

        if (roles.Skip(1).Contains("system"))
        {
            sink.Add(DiagnosticCatalog.RnEntrySystemMessageNotFirst(site.File, site.Line, site.Column));
        }
    }

    /// <returns>The message's role when it is a string.</returns>
    private static string? CheckMessage(JsonElement message, int index, HashSet<string> callIds, in RnRowSite site, DiagnosticLimiter sink)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            sink.Add(DiagnosticCatalog.RnMessageNotObject(site.File, index, site.Line, site.Column));
            return null;
        }

        var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        if (role is null || !Roles.Contains(role))
        {
            sink.Add(DiagnosticCatalog.RnMessageRoleInvalid(site.File, index, role, site.Line, site.Column));
        }

        // A null tool_calls is read as none: the guide never shows one, and the OpenAI form allows it.
        var hasCalls = message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind != JsonValueKind.Null;
        if (!message.TryGetProperty("content", out var content))
        {
            sink.Add(DiagnosticCatalog.RnMessageContentMissing(site.File, index, hasCalls, site.Line, site.Column));
        }
        else if (content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            sink.Add(DiagnosticCatalog.RnMessageContentWrongType(site.File, index, Kind(content), site.Line, site.Column));
        }

        if (hasCalls)
        {
            CheckToolCalls(calls, index, callIds, site, sink);
        }

        if (role == "tool")
        {
            var id = message.TryGetProperty("tool_call_id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            if (id is null || !callIds.Contains(id))
            {
                sink.Add(DiagnosticCatalog.RnToolResultWithoutCall(site.File, index, id, site.Line, site.Column));
            }
        }

        return role;
    }

    private static void CheckToolCalls(JsonElement calls, int index, HashSet<string> callIds, in RnRowSite site, DiagnosticLimiter sink)
    {
        if (calls.ValueKind != JsonValueKind.Array)
        {
            sink.Add(DiagnosticCatalog.RnToolCallNotInForm(site.File, index, RnToolCallProblem.NotList, null, site.Line, site.Column));
            return;
        }

        foreach (var call in calls.EnumerateArray())
        {
            if (call.ValueKind == JsonValueKind.Object && call.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                callIds.Add(id.GetString()!);
            }

            if (Problem(call, out var name) is { } problem)
            {
                sink.Add(DiagnosticCatalog.RnToolCallNotInForm(site.File, index, problem, name, site.Line, site.Column));
            }
        }
    }

    private static RnToolCallProblem? Problem(JsonElement call, out string? name)
    {
        name = null;
        if (call.ValueKind != JsonValueKind.Object)
        {
            return RnToolCallProblem.NotObject;
        }

        if (!call.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return RnToolCallProblem.IdMissing;
        }

        if (!call.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "function")
        {
            return RnToolCallProblem.TypeNotFunction;
        }

        if (!call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
        {
            return RnToolCallProblem.FunctionMissing;
        }

        if (!function.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String || nameElement.GetString()!.Length == 0)
        {
            return RnToolCallProblem.NameMissing;
        }

        name = nameElement.GetString();
        if (!function.TryGetProperty("arguments", out var arguments) || arguments.ValueKind != JsonValueKind.String)
        {
            return RnToolCallProblem.ArgumentsNotString;
        }

        try
        {
            using var parsed = JsonDocument.Parse(arguments.GetString()!);
        }
        catch (JsonException)
        {
            return RnToolCallProblem.ArgumentsNotJson;
        }

        return null;
    }

    /// <summary>How a JSON value that is neither a string nor a list reads in a message.</summary>
    /// <param name="value">The value.</param>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Number => "a number",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        _ => "a boolean",
    };
}
