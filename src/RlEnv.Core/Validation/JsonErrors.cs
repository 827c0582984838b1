using System.Text.Json;

namespace RlEnv.Core.Validation;

internal static class JsonErrors
{
    /// <summary>System.Text.Json's message without its " LineNumber: 0 | BytePositionInLine: 3." suffix: the diagnostic carries the position.</summary>
    public static string Describe(JsonException e)
    {
        var at = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return "Invalid JSON: " + (at > 0 ? e.Message[..at] : e.Message);
    }
}
