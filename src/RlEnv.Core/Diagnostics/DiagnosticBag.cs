using System.Collections.Concurrent;

namespace RlEnv.Core.Diagnostics;

/// <summary>Collects diagnostics from every stage; safe to add to from several threads.</summary>
public sealed class DiagnosticBag
{
    private readonly ConcurrentQueue<Diagnostic> _items = new();

    public void Add(Diagnostic diagnostic) => _items.Enqueue(diagnostic);

    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    /// <summary>Errors first, then by file, line and column, so output is stable across runs.</summary>
    public IReadOnlyList<Diagnostic> ToSortedList() =>
        [.. _items
            .OrderByDescending(d => d.Severity)
            .ThenBy(d => d.File ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(d => d.Line ?? 0)
            .ThenBy(d => d.Column ?? 0)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ThenBy(d => d.Message, StringComparer.Ordinal)];
}
