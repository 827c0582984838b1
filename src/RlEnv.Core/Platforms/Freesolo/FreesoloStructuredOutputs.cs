// Mirrors flash/schema/fields.py::_so_canonical / _train_structured_outputs and the constraint keys of
// flash/content/structured_outputs.py (freesolo-co/flash 1.2.89): the accepted spellings of [train]
// structured_outputs and the message for each refused one.
using System.Text.Json;
using System.Text.Json.Nodes;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.Freesolo;

public static class FreesoloStructuredOutputs
{
    private static readonly string[] ConstraintKeys = ["json", "regex", "choice", "json_object"];
    private static readonly string[] OptionKeys = ["disable_any_whitespace", "disable_additional_properties", "whitespace_pattern"];
    private static readonly string[] RemovedKeys = ["grammar", "structural_tag"];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["json_schema"] = "json",
        ["schema"] = "json",
        ["choices"] = "choice",
    };

    /// <summary>What Flash says after "train.structured_outputs " when it refuses the value; null when it accepts it.</summary>
    public static string? Problem(TomlValue value)
    {
        Canonical(ToNode(value), out var problem);
        return problem;
    }

    /// <summary>Whether the value constrains the output (the canonical form is not empty), which SFT refuses.</summary>
    public static bool IsConstrained(TomlValue value) => Canonical(ToNode(value), out var problem) && problem is null;

    /// <returns>True when the value is a constraint; <paramref name="problem"/> is Flash's complaint, if any.</returns>
    private static bool Canonical(JsonNode? value, out string? problem)
    {
        problem = null;
        if (value is null || (value is JsonValue b && b.TryGetValue<bool>(out var flag) && !flag))
        {
            return false;
        }

        if (value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            var s = PythonStrings.Strip(text);
            if (s.Length == 0 || s.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (s.ToLowerInvariant() is "json" or "json_object")
            {
                return true;
            }

            JsonNode? parsed;
            try
            {
                parsed = JsonNode.Parse(s);
            }
            catch (Exception e) when (e is JsonException or ArgumentException)
            {
                problem = $"string form must be JSON (a schema/constraint object) or the \"json_object\" shorthand; got unparseable {PythonStrings.Repr(s.Length > 80 ? s[..80] : s)} ({e.Message})";
                return false;
            }

            if (parsed is not JsonObject)
            {
                problem = "JSON string form must decode to an object";
                return false;
            }

            return Canonical(parsed, out problem);
        }

        if (value is not JsonObject table)
        {
            problem = "must be a table, a JSON string, or false";
            return false;
        }

        var keys = table.Select(p => p.Key).ToList();
        var removed = keys.Where(RemovedKeys.Contains).Order(StringComparer.Ordinal).ToList();
        if (removed.Count > 0)
        {
            problem = $"{string.Join(", ", removed)} constraint(s) are not supported; use one of {string.Join(", ", ConstraintKeys)}";
            return false;
        }

        var folded = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, node) in table)
        {
            folded[Aliases.GetValueOrDefault(key, key)] = node;
        }

        if (folded.Count < keys.Count)
        {
            problem = $"sets the same constraint twice via aliases: [{string.Join(", ", keys.Order(StringComparer.Ordinal).Select(PythonStrings.Repr))}]";
            return false;
        }

        var constraints = ConstraintKeys.Where(k => folded.TryGetValue(k, out var n) && n is not null).ToList();
        if (constraints.Count == 0)
        {
            var stray = folded.Keys.Where(OptionKeys.Contains).Order(StringComparer.Ordinal).ToList();
            if (stray.Count > 0)
            {
                problem = $"sets backend option(s) {string.Join(", ", stray)} without a constraint; options only apply alongside one of {string.Join(", ", ConstraintKeys)}";
                return false;
            }

            // No constraint key at all: the whole table is an inline JSON schema.
            return true;
        }

        var unknown = folded.Keys.Where(k => !ConstraintKeys.Contains(k) && !OptionKeys.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            problem = $"unknown key(s): {string.Join(", ", unknown)} (constraints: {string.Join(", ", ConstraintKeys)}; options: {string.Join(", ", OptionKeys)}; aliases: {string.Join(", ", Aliases.Keys.Order(StringComparer.Ordinal))})";
            return false;
        }

        if (constraints.Count > 1)
        {
            problem = $"must set exactly ONE constraint, got: {string.Join(", ", constraints)}";
            return false;
        }

        problem = ConstraintProblem(constraints[0], folded[constraints[0]]!) ?? OptionProblem(folded);
        return problem is null;
    }

    private static string? ConstraintProblem(string kind, JsonNode value)
    {
        switch (kind)
        {
            case "json":
                if (value is JsonValue v && v.TryGetValue<string>(out var schema))
                {
                    try
                    {
                        value = JsonNode.Parse(schema)!;
                    }
                    catch (Exception e) when (e is JsonException or ArgumentException)
                    {
                        return $"json schema string is not valid JSON: {e.Message}";
                    }
                }

                return value is JsonObject ? null : "json must be a schema table or a JSON-object string";
            case "choice":
                return value is JsonArray { Count: > 0 } choices && choices.All(c => c is JsonValue cv && cv.TryGetValue<string>(out var s) && s.Length > 0)
                    ? null
                    : "choice must be a non-empty list of non-empty strings";
            case "json_object":
                return value is JsonValue jv && jv.TryGetValue<bool>(out var on) && on ? null : "json_object must be true (omit the key for unconstrained output)";
            default:
                return value is JsonValue rv && rv.TryGetValue<string>(out var regex) && PythonStrings.Strip(regex).Length > 0 ? null : $"{kind} must be a non-empty string";
        }
    }

    private static string? OptionProblem(Dictionary<string, JsonNode?> folded)
    {
        foreach (var option in OptionKeys)
        {
            if (!folded.TryGetValue(option, out var node) || node is null)
            {
                continue;
            }

            if (option == "whitespace_pattern")
            {
                if (!(node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0))
                {
                    return "whitespace_pattern must be a non-empty string";
                }
            }
            else if (!(node is JsonValue b && b.TryGetValue<bool>(out _)))
            {
                return $"{option} must be a boolean";
            }
        }

        return null;
    }

    // The TOML value as the JSON-like tree Python would hold (a datetime is neither a str nor a dict nor a bool).
    private static JsonNode? ToNode(TomlValue value) => value.Kind switch
    {
        TomlKind.Table => new JsonObject(value.Keys.Select(k => KeyValuePair.Create(k, ToNode(value[k]!)))),
        TomlKind.Array => new JsonArray([.. value.Items.Select(ToNode)]),
        TomlKind.Text => JsonValue.Create((string)value.Scalar!),
        TomlKind.Integral => JsonValue.Create((long)value.Scalar!),
        TomlKind.Fractional => JsonValue.Create((double)value.Scalar!),
        TomlKind.Boolean => JsonValue.Create((bool)value.Scalar!),
        _ => JsonValue.Create(0),
    };
}
