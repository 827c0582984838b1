using System.Text.Json;
using System.Text.Json.Nodes;

namespace RlEnv.Core.Conversion;

/// <summary>
/// `tools` means two things: ReinforceNow's is a list of tool names whose schemas come from tools.py
/// (rnow/models.py TrainEntry.tools: list[str]); OpenAI's is a list of function schemas. The shape decides which.
/// </summary>
internal static class ToolLists
{
    /// <summary>ReinforceNow's tools: schemas give their names, and the schemas are reported.</summary>
    public static JsonNode? ForReinforceNow(JsonNode? tools, RecordLosses losses)
    {
        if (tools is JsonArray { Count: > 0 } list && list.Select(SchemaName).ToList() is var names && names.All(n => n is not null))
        {
            losses.Drop("tools (function schemas; names kept)");
            return new JsonArray([.. names.Select(n => (JsonNode?)JsonValue.Create(n))]);
        }

        return tools?.DeepClone();
    }

    /// <summary>OpenAI's tools, or null with a report when they are only names: a name is no schema.</summary>
    public static JsonNode? ForOpenAi(JsonNode? tools, RecordLosses losses, out bool keep)
    {
        keep = true;
        if (tools is JsonArray { Count: > 0 } list && list.All(t => t is JsonValue v && v.GetValueKind() == JsonValueKind.String))
        {
            losses.Drop("tools (names without schemas)");
            keep = false;
            return null;
        }

        return tools?.DeepClone();
    }

    private static string? SchemaName(JsonNode? tool) => tool switch
    {
        JsonObject { } t when t["function"] is JsonObject f && f["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String => (string?)n,
        JsonObject { } t when t["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String => (string?)n,
        _ => null,
    };
}
