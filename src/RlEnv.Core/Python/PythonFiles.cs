using RlEnv.Core.Rules;
using RlEnv.Core.Validation;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Python;

/// <summary>
/// The packed .py files of one analysis: CPython's verdict on each (one interpreter run for all) over the analysis's
/// <see cref="PythonSources"/>, so the platform checks neither read nor tokenize a file again.
/// </summary>
public sealed class PythonFiles
{
    private readonly IReadOnlyDictionary<string, PythonSource> _packed;
    private readonly Task<PythonSyntaxReport> _syntax;

    private PythonFiles(IReadOnlyDictionary<string, PythonSource> packed, Task<PythonSyntaxReport> syntax)
    {
        _packed = packed;
        _syntax = syntax;
    }

    public static PythonFiles None { get; } = new(new Dictionary<string, PythonSource>(), Task.FromResult(PythonSyntaxReport.NothingToCheck));

    /// <summary>CPython's verdict; when the check runs in the background, the first use waits for it.</summary>
    public PythonSyntaxReport Syntax => _syntax.GetAwaiter().GetResult();

    /// <summary>Every included .py file of <paramref name="decisions"/>, from <paramref name="sources"/>, checked with CPython unless <paramref name="options"/> turn it off.</summary>
    /// <param name="sources">The analysis's .py files; those not read yet are read now.</param>
    /// <param name="decisions">The walk's decisions.</param>
    /// <param name="options">Whether to check syntax, and with which interpreter.</param>
    /// <param name="target">An older Python whose grammar must accept the files too (ReinforceNow: 3.11), or null.</param>
    /// <param name="cancellation">Stops the interpreter.</param>
    /// <param name="inBackground">Whether the interpreter runs while the caller goes on (see <see cref="Syntax"/>).</param>
    public static PythonFiles Read(PythonSources sources, IReadOnlyList<Decision> decisions, ValidationOptions options, Version? target, CancellationToken cancellation, bool inBackground = false)
    {
        // Read failures and oversized files are reported by the import check, which looks at the same reads.
        var packed = decisions.Where(d => d.Included && d.Entry.Kind == EntryKind.File && d.Path.EndsWith(".py", StringComparison.Ordinal))
            .Select(d => sources.Get(d.Entry))
            .Where(s => s.Bytes is not null)
            .ToDictionary(s => s.Entry.Path, StringComparer.Ordinal);
        if (!options.CheckPythonSyntax)
        {
            return new PythonFiles(packed, Task.FromResult(PythonSyntaxReport.NothingToCheck));
        }

        // The files are taken here, on the caller's thread: the background run touches nothing the caller goes on using.
        (string Path, byte[] Bytes)[] files = [.. packed.Values.OrderBy(s => s.Entry.Path, StringComparer.Ordinal).Select(s => (s.Entry.Path, s.Bytes!))];
        var syntax = inBackground
            ? Task.Run(() => PythonSyntaxCheck.Run(files, options.PythonCommand, target, cancellation), CancellationToken.None)
            : Task.FromResult(PythonSyntaxCheck.Run(files, options.PythonCommand, target, cancellation));
        return new PythonFiles(packed, syntax);
    }

    /// <summary>The file as CPython decodes it (BOM dropped, PEP 263 declaration applied), or null when it was not read or cannot be decoded.</summary>
    /// <param name="path">The file, relative to the environment root.</param>
    public string? Text(string path) => _packed.GetValueOrDefault(path)?.Text;

    /// <summary>The file's imports, bindings, defs and classes, or null when it was not read, cannot be decoded or cannot be tokenized.</summary>
    /// <param name="path">The file, relative to the environment root.</param>
    /// <remarks>A file that does not tokenize is reported by CPython (RLENV1010) or, without one, by the import check (RLENV1006).</remarks>
    public PythonModuleInfo? Scan(string path) => _packed.GetValueOrDefault(path)?.Module;
}
