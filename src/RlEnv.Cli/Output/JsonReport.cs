using System.Text.Encodings.Web;
using System.Text.Json;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Cli.Output;

/// <summary>Writes the one JSON object a --json command prints on stdout.</summary>
internal static class JsonReport
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, IReadOnlyList<Diagnostic> diagnostics, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("diagnostics");
            foreach (var d in diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("code", d.Code);
                json.WriteString("severity", d.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" });
                WriteNullable(json, "file", d.File);
                WriteNullable(json, "line", d.Line);
                WriteNullable(json, "column", d.Column);
                json.WriteString("message", d.Message);
                json.WriteString("helpLink", d.HelpLink);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            body(json);
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        output.Flush();
    }

    public static void WriteProfile(Utf8JsonWriter json, (string Name, string Reason)? profile)
    {
        WriteNullable(json, "profile", profile?.Name);
        WriteNullable(json, "profileReason", profile?.Reason);
    }

    public static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    public static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, value.Value);
        }
    }
}
