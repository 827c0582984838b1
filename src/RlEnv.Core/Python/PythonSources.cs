using System.Collections.Concurrent;
using System.IO.Abstractions;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Python;

/// <summary>
/// The .py files of one analysis, each read at most once (bounded, only what the walk described as a regular file),
/// decoded once by CPython's rule (<see cref="PythonSourceEncoding"/>) and tokenized once: platform detection, the
/// import closure, CPython's syntax check, the import check, the platform's file checks and the package shape all
/// ask here, so they see the same bytes and the same text.
/// </summary>
public sealed class PythonSources(IFileSystem fileSystem)
{
    private readonly ConcurrentDictionary<string, PythonSource> _sources = new(StringComparer.Ordinal);

    /// <summary>The file the walk described, read on first use.</summary>
    /// <param name="entry">A walked entry; anything but a regular file is never opened.</param>
    public PythonSource Get(WalkEntry entry) => _sources.GetOrAdd(entry.Path, _ => new PythonSource(entry, WalkedFileReader.Read(fileSystem, entry)));

    /// <summary>The file at <paramref name="path"/> if it was read, else null.</summary>
    /// <param name="path">Relative to the environment root.</param>
    public PythonSource? Find(string path) => _sources.GetValueOrDefault(path);
}

/// <summary>One .py file as read: its bytes (or what stopped the read), its text as CPython decodes it, its tokens and scan.</summary>
public sealed class PythonSource
{
    private readonly Lazy<PythonDecoded?> _decoded;
    private readonly Lazy<(IReadOnlyList<PyToken>? Tokens, PythonSyntaxException? Error)> _tokens;
    private readonly Lazy<PythonModuleInfo?> _module;
    private readonly Lazy<IReadOnlyList<PythonImport>> _dynamicImports;

    internal PythonSource(WalkEntry entry, WalkedRead read)
    {
        Entry = entry;
        Read = read;
        _decoded = new(() => read.Bytes is { } bytes ? PythonSourceEncoding.Decode(bytes) : null);
        _tokens = new(() =>
        {
            if (Text is not { } text)
            {
                return (null, null);
            }

            try
            {
                return (PythonTokenizer.Tokenize(text), null);
            }
            catch (PythonSyntaxException e)
            {
                return (null, e);
            }
        });
        _module = new(() => Tokens is { } tokens ? PythonModuleScanner.Scan(tokens) : null);
        _dynamicImports = new(() => Tokens is { } tokens ? DynamicImportScanner.Find(tokens) : []);
    }

    public WalkEntry Entry { get; }

    /// <summary>The bounded read: the bytes, or the size past the bound, or the I/O error.</summary>
    public WalkedRead Read { get; }

    public byte[]? Bytes => Read.Bytes;

    /// <summary>The text without a byte-order mark, or null when unread or undecodable.</summary>
    public string? Text => _decoded.Value?.Text;

    /// <summary>The codec CPython reads the file with (<c>utf-8</c> unless a PEP 263 declaration names another), or null when unread.</summary>
    public string? Encoding => _decoded.Value?.Encoding;

    /// <summary>Why the bytes cannot be decoded, or null.</summary>
    public string? DecodeProblem => _decoded.Value?.Problem;

    /// <summary>The tokens, or null when unread, undecodable or not tokenizable (<see cref="TokenizeError"/>).</summary>
    public IReadOnlyList<PyToken>? Tokens => _tokens.Value.Tokens;

    /// <summary>Where and why the tokenizer stopped, or null.</summary>
    public PythonSyntaxException? TokenizeError => _tokens.Value.Error;

    /// <summary>Imports, bindings, defs and classes, or null when there are no tokens.</summary>
    public PythonModuleInfo? Module => _module.Value;

    /// <summary>The literal <c>import_module</c>/<c>__import__</c> calls, as imports (<see cref="DynamicImportScanner"/>).</summary>
    public IReadOnlyList<PythonImport> DynamicImports => _dynamicImports.Value;
}
