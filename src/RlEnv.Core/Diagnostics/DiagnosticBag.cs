using System.Collections.Concurrent;

namespace RlEnv.Core.Diagnostics;

/// <summary>
/// Collects diagnostics from every stage; safe to add to from several threads. The front's
/// <see cref="WarningsAsErrors"/> is applied here, once, as each one arrives.
/// </summary>
/// <param name="warningsAsErrors">Which warnings this run reports as errors (none unless a front asks).</param>
public sealed class DiagnosticBag(WarningsAsErrors? warningsAsErrors = null)
{
    private readonly ConcurrentQueue<Diagnostic> _items = new();
    private readonly WarningsAsErrors _warningsAsErrors = warningsAsErrors ?? WarningsAsErrors.None;

    public void Add(Diagnostic diagnostic) => _items.Enqueue(_warningsAsErrors.Apply(diagnostic));

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
