using System.Globalization;
using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Validation;
using TomlParser = Tomlyn.Parsing.SyntaxParser;

namespace RlEnv.Core.Tests.Support;

/// <summary>A TOML literal written as it is (inf, nan, a datetime).</summary>
internal sealed record TomlLiteral(string Text);

/// <summary>
/// Flash's spec-test inputs as TOML: a raw spec dict (like its BASE_RAW and raw_spec helpers) with dotted overrides
/// ("train.lora_rank" = 0; a null value deletes the key), written out as a config and checked by Freesolo's schema.
/// </summary>
internal static class FlashSpec
{
    public const string Project = "11111111-1111-4111-8111-111111111111";

    /// <summary>tests/test_spec_and_validation.py BASE_RAW (T:34-41).</summary>
    public static Dictionary<string, object?> BaseRaw() => new()
    {
        ["model"] = "Qwen/Qwen3.5-0.8B",
        ["algorithm"] = "grpo",
        ["project"] = Project,
        ["environment"] = new Dictionary<string, object?> { ["id"] = "freesolo/math-agent/gsm8k" },
        ["train"] = new Dictionary<string, object?> { ["epochs"] = 1, ["max_examples"] = 10, ["lora_rank"] = 8 },
        ["gpu"] = new Dictionary<string, object?>(),
    };

    /// <summary>tests/_helpers/specs.py raw_spec (T:15-24).</summary>
    public static Dictionary<string, object?> RawSpec() => new()
    {
        ["model"] = "Qwen/Qwen3.5-0.8B",
        ["algorithm"] = "sft",
        ["project"] = Project,
        ["train"] = new Dictionary<string, object?> { ["epochs"] = 1, ["max_examples"] = 8 },
        ["environment"] = new Dictionary<string, object?> { ["id"] = "owner/project/env" },
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> raw, string key, object? value)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        var target = raw;
        var leaf = key;
        if (dot >= 0)
        {
            if (raw.GetValueOrDefault(key[..dot]) is not Dictionary<string, object?> section)
            {
                raw[key[..dot]] = section = new Dictionary<string, object?>();
            }

            (target, leaf) = (section, key[(dot + 1)..]);
        }

        if (value is null)
        {
            target.Remove(leaf);
        }
        else
        {
            target[leaf] = value;
        }

        return raw;
    }

    /// <summary>The findings spec_from_dict(raw, project_required=True) would raise, as RlEnv reports them.</summary>
    public static IReadOnlyList<Diagnostic> Check(Dictionary<string, object?> raw, bool overlay = false) => Check(ToToml(raw), overlay);

    public static IReadOnlyList<Diagnostic> Check(string toml, bool overlay = false)
    {
        var document = TomlParser.Parse(toml, "c.toml", true);
        Assert.False(document.HasErrors, toml + string.Join('\n', document.Diagnostics));
        var bag = new DiagnosticBag();
        FreesoloConfigSchema.Check(TomlValue.FromDocument(document), overlay, new FreesoloConfigReport("c.toml", bag));
        return bag.ToSortedList();
    }

    /// <summary>Asserts Flash refuses the spec: some finding's message matches, and it is an error.</summary>
    public static Diagnostic Refused(Dictionary<string, object?> raw, string pattern)
    {
        var findings = Check(raw);
        var match = findings.FirstOrDefault(d => System.Text.RegularExpressions.Regex.IsMatch(d.Message, pattern));
        Assert.True(match is not null, $"no finding matches /{pattern}/ in:\n{ToToml(raw)}\n{string.Join('\n', findings.Select(f => f.Code + " " + f.Message))}");
        Assert.Equal(Severity.Error, match!.Severity);
        return match;
    }

    /// <summary>Asserts Flash accepts the spec: no error (a warning, e.g. for a GitHub id, is fine).</summary>
    public static void Accepted(Dictionary<string, object?> raw)
    {
        var errors = Check(raw).Where(d => d.Severity == Severity.Error).ToList();
        Assert.True(errors.Count == 0, ToToml(raw) + "\n" + string.Join('\n', errors.Select(f => f.Code + " " + f.Message)));
    }

    public static string ToToml(Dictionary<string, object?> raw)
    {
        var text = new StringBuilder();
        Write(text, string.Empty, raw);
        return text.ToString();
    }

    private static void Write(StringBuilder text, string prefix, Dictionary<string, object?> table)
    {
        foreach (var (key, value) in table.Where(p => p.Value is not Dictionary<string, object?>))
        {
            text.Append(Key(key)).Append(" = ").Append(Value(value)).Append('\n');
        }

        foreach (var (key, value) in table.Where(p => p.Value is Dictionary<string, object?>))
        {
            var name = prefix.Length == 0 ? Key(key) : prefix + "." + Key(key);
            text.Append('\n').Append('[').Append(name).Append("]\n");
            Write(text, name, (Dictionary<string, object?>)value!);
        }
    }

    private static string Key(string key) => key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && key.Length > 0 ? key : Quote(key);

    private static string Value(object? value) => value switch
    {
        TomlLiteral literal => literal.Text,
        string s => Quote(s),
        bool b => b ? "true" : "false",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => d.ToString("0.0###############", CultureInfo.InvariantCulture),
        Dictionary<string, object?> table => "{ " + string.Join(", ", table.Select(p => Key(p.Key) + " = " + Value(p.Value))) + " }",
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Value)) + "]",
        _ => throw new ArgumentException($"no TOML form for {value}"),
    };

    private static string Quote(string s)
    {
        var text = new StringBuilder("\"");
        foreach (var c in s)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
