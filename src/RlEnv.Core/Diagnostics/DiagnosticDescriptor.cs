using System.Collections.Concurrent;

namespace RlEnv.Core.Diagnostics;

/// <summary>
/// One code of the catalog: its severity, title and kind. Only <see cref="DiagnosticCatalog"/> declares them and
/// only its methods report them, so a call site can neither invent a code nor choose a severity.
/// </summary>
public sealed class DiagnosticDescriptor
{
    private static readonly ConcurrentDictionary<string, DiagnosticDescriptor> ByCode = new(StringComparer.Ordinal);

    internal DiagnosticDescriptor(string code, Severity severity, string title, DiagnosticKind kind = DiagnosticKind.Content, Severity? alternateSeverity = null)
    {
        Code = code;
        Severity = severity;
        Title = title;
        Kind = kind;
        AlternateSeverity = alternateSeverity;
        if (!ByCode.TryAdd(code, this))
        {
            throw new InvalidOperationException($"{code} is declared twice in the diagnostic catalog.");
        }
    }

    public string Code { get; }

    public Severity Severity { get; }

    /// <summary>The one other severity some codes take, chosen by the catalog from the situation (never by a call site).</summary>
    public Severity? AlternateSeverity { get; }

    public string Title { get; }

    public DiagnosticKind Kind { get; }

    public string HelpLink => Diagnostic.HelpLinkBase + Code + ".md";

    /// <summary>Every code in the catalog, ordered by code.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All
    {
        get
        {
            DiagnosticCatalog.EnsureDeclared();
            return [.. ByCode.Values.OrderBy(d => d.Code, StringComparer.Ordinal)];
        }
    }

    public static DiagnosticDescriptor? Find(string code)
    {
        DiagnosticCatalog.EnsureDeclared();
        return ByCode.GetValueOrDefault(code);
    }

    internal Diagnostic At(string? file, string message, int? line = null, int? column = null) =>
        new(Code, Severity, file, line, column, message);

    internal Diagnostic At(Severity severity, string? file, string message, int? line = null, int? column = null) =>
        severity == Severity || severity == AlternateSeverity
            ? new(Code, severity, file, line, column, message)
            : throw new InvalidOperationException($"{Code} is never reported as {severity}.");
}
