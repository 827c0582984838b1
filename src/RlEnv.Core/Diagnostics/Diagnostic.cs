namespace RlEnv.Core.Diagnostics;

/// <summary>
/// One finding about an environment. <see cref="File"/> is relative to the environment root, with '/' separators.
/// Only the <see cref="DiagnosticCatalog"/> creates one, so its code, severity and message come from one place.
/// </summary>
public sealed record Diagnostic
{
    public const string HelpLinkBase = "https://github.com/rlenv/rlenv/blob/main/docs/diagnostics/";

    internal Diagnostic(string code, Severity severity, string? file, int? line, int? column, string message)
    {
        Code = code;
        Severity = severity;
        File = file;
        Line = line;
        Column = column;
        Message = message;
    }

    public string Code { get; }

    public Severity Severity { get; }

    public string? File { get; }

    public int? Line { get; }

    public int? Column { get; }

    public string Message { get; }

    public string HelpLink => HelpLinkBase + Code + ".md";

    /// <summary>Whether an error of this code is about how the tool was used rather than the content (exit 2, not 1).</summary>
    public DiagnosticKind Kind => DiagnosticDescriptor.Find(Code)?.Kind ?? DiagnosticKind.Usage;

    /// <summary>This finding reported as an error: only <see cref="WarningsAsErrors"/> asks for it.</summary>
    internal Diagnostic AsError() => new(Code, Severity.Error, File, Line, Column, Message);

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
