using System.Collections.Concurrent;
using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Rules;
using RlEnv.Core.Walking;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Python;

/// <summary>
/// The packed .py files of one analysis, read once: their bytes, CPython's verdict on each (one interpreter run for
/// all), and each file's scan on first use, so the platform checks do not read or tokenize a file again.
/// </summary>
public sealed class PythonFiles
{
    private readonly IReadOnlyDictionary<string, byte[]> _sources;
    private readonly ConcurrentDictionary<string, Lazy<PythonModuleInfo?>> _scans = new(StringComparer.Ordinal);

    private PythonFiles(IReadOnlyDictionary<string, byte[]> sources, PythonSyntaxReport syntax)
    {
        _sources = sources;
        Syntax = syntax;
    }

    public static PythonFiles None { get; } = new(new Dictionary<string, byte[]>(), PythonSyntaxReport.NothingToCheck);

    public PythonSyntaxReport Syntax { get; }

    /// <summary>Reads every included .py file of <paramref name="decisions"/> and, unless <paramref name="options"/> turn it off, checks them with CPython.</summary>
    /// <param name="fileSystem">Where the files are.</param>
    /// <param name="decisions">The walk's decisions.</param>
    /// <param name="options">Whether to check syntax, and with which interpreter.</param>
    /// <param name="target">An older Python whose grammar must accept the files too (ReinforceNow: 3.11), or null.</param>
    /// <param name="cancellation">Stops the interpreter.</param>
    public static PythonFiles Read(IFileSystem fileSystem, IReadOnlyList<Decision> decisions, ValidationOptions options, Version? target, CancellationToken cancellation)
    {
        var sources = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var decision in decisions.Where(d => d.Included && d.Entry.Kind == EntryKind.File && d.Path.EndsWith(".py", StringComparison.Ordinal)))
        {
            // Read failures and oversized files are reported by the import check, which reads the same files.
            if (WalkedFileReader.ReadBytes(fileSystem, decision.Entry, new DiagnosticBag()) is { } bytes)
            {
                sources[decision.Path] = bytes;
            }
        }

        var syntax = options.CheckPythonSyntax
            ? PythonSyntaxCheck.Run([.. sources.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value))], options.PythonCommand, target, cancellation)
            : PythonSyntaxReport.NothingToCheck;
        return new PythonFiles(sources, syntax);
    }

    /// <summary>The file as text (a BOM dropped, invalid UTF-8 replaced: CPython reports that itself), or null when it was not read.</summary>
    /// <param name="path">The file, relative to the environment root.</param>
    public string? Text(string path)
    {
        if (!_sources.TryGetValue(path, out var bytes))
        {
            return null;
        }

        var span = bytes.AsSpan();
        return System.Text.Encoding.UTF8.GetString(span.StartsWith("\uFEFF"u8) ? span[3..] : span);
    }

    /// <summary>The file's imports, bindings, defs and classes, or null when it was not read or cannot be tokenized.</summary>
    /// <param name="path">The file, relative to the environment root.</param>
    public PythonModuleInfo? Scan(string path) =>
        _scans.GetOrAdd(path, p => new Lazy<PythonModuleInfo?>(() =>
        {
            try
            {
                return Text(p) is { } source ? PythonModuleScanner.Scan(source) : null;
            }
            catch (PythonSyntaxException)
            {
                // Reported by CPython (RLENV1010) or, without one, by the import check (RLENV1006).
                return null;
            }
        })).Value;
}
