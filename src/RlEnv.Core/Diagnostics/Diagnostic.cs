namespace RlEnv.Core.Diagnostics;

/// <summary>One finding about an environment. <see cref="File"/> is relative to the environment root, with '/' separators.</summary>
public sealed record Diagnostic(string Code, Severity Severity, string? File, int? Line, int? Column, string Message)
{
    public const string HelpLinkBase = "https://github.com/rlenv/rlenv/blob/main/docs/diagnostics/";

    public string HelpLink => HelpLinkBase + Code + ".md";

    public static Diagnostic Error(string code, string? file, string message, int? line = null, int? column = null) =>
        new(code, Severity.Error, file, line, column, message);

    public static Diagnostic Warning(string code, string? file, string message, int? line = null, int? column = null) =>
        new(code, Severity.Warning, file, line, column, message);

    public static Diagnostic Info(string code, string? file, string message, int? line = null, int? column = null) =>
        new(code, Severity.Info, file, line, column, message);

    /// <summary>MSBuild's canonical error format, so editors and CI annotate the right line.</summary>
    public string ToCanonicalString()
    {
        var origin = File is null ? "rlenv" : Line is null ? File : Column is null ? $"{File}({Line})" : $"{File}({Line},{Column})";
        var severity = Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };
        return $"{origin}: {severity} {Code}: {Message}";
    }
}
