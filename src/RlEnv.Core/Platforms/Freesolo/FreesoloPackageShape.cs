using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>
/// The package as <c>flash env push DIR</c> stages it (flash/cli/commands/env/push.py, <c>cmd_env_push</c> and
/// <c>_tar_b64</c>), because RlEnv's artifact is what reaches the hub: regular files only, never a folder entry;
/// <c>environment.py</c> with Flash's <c>sys.path</c> bootstrap, which the worker's loader needs to import sibling
/// helpers; and a stub <c>README.md</c> when the environment has none.
/// </summary>
public static class FreesoloPackageShape
{
    public const string EntryPointName = "environment.py";
    public const string ReadmeName = "README.md";

    /// <summary>The reason <c>rlenv ls</c> gives a file RlEnv writes itself.</summary>
    public const string SynthesizedReason = "synthesized";

    /// <summary>What <see cref="PackageMember.Generated"/> says of the stub README.</summary>
    public const string ReadmeStubOrigin = "readme-stub";

    /// <summary>What <see cref="PackageMember.Generated"/> says of environment.py with the bootstrap in it.</summary>
    public const string BootstrapOrigin = "syspath-bootstrap";

    /// <summary>push.py <c>_ENV_SYSPATH_BOOTSTRAP</c>, verbatim: 102 bytes with its '\n' line ends.</summary>
    public const string SysPathBootstrap = "import os as _flash_os, sys as _flash_sys\n_flash_sys.path.insert(0, _flash_os.path.dirname(__file__))\n";

    public static readonly int SysPathBootstrapBytes = Encoding.UTF8.GetByteCount(SysPathBootstrap);

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private static readonly System.Buffers.SearchValues<char> NotStrPrefixes = System.Buffers.SearchValues.Create("bBfFtT");
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>push.py <c>cmd_env_push</c>: the README written when the package holds none.</summary>
    /// <param name="name">The environment's name as published (RlEnv: the artifact's name).</param>
    public static string ReadmeStub(string name) => $"# {name}\n\nFlash Freesolo environment.\n";

    /// <summary>
    /// The files to write for the included <paramref name="members"/>: each walked file as it is, except
    /// environment.py, which is read now and packed with the bootstrap, and a stub README.md when no README.md
    /// (in any case, so a case-insensitive checkout never sees two) is packed at the root.
    /// </summary>
    /// <param name="sources">The analysis's .py files: environment.py is taken from there, read once.</param>
    /// <param name="members">The included decisions, in walk order.</param>
    /// <param name="name">The name the stub README carries.</param>
    /// <param name="diagnostics">Where a BOM that Flash would break is reported.</param>
    public static IReadOnlyList<PackageMember> Build(PythonSources sources, IReadOnlyList<Decision> members, string name, DiagnosticBag diagnostics)
    {
        var package = new List<PackageMember>();
        var hasReadme = false;
        foreach (var member in members.Where(m => m.Entry.Kind == EntryKind.File))
        {
            hasReadme |= string.Equals(TopSegment(member.Path), ReadmeName, StringComparison.OrdinalIgnoreCase);
            package.Add(member.Path == EntryPointName ? WithBootstrap(sources.Get(member.Entry), diagnostics) : PackageMember.FromFile(member.Entry));
        }

        // A folder named README.md (or a case variant) would collide with the stub as well.
        hasReadme |= members.Any(m => string.Equals(TopSegment(m.Path), ReadmeName, StringComparison.OrdinalIgnoreCase));
        if (!hasReadme)
        {
            var stub = Encoding.UTF8.GetBytes(ReadmeStub(name));
            var at = package.FindIndex(m => string.CompareOrdinal(TopSegment(m.Path), ReadmeName) > 0);
            package.Insert(at < 0 ? package.Count : at, new PackageMember(ReadmeName, stub.Length, Executable: false) { Content = stub, Generated = ReadmeStubOrigin });
        }

        return package;
    }

    /// <summary>
    /// push.py <c>_with_syspath_bootstrap</c>, done right where Flash is not: the bootstrap goes after a leading
    /// docstring and the <c>from __future__</c> imports that follow it (by line), else at the top; but after a UTF-8
    /// BOM (Flash puts it before, and the module it publishes no longer parses), with the file's own line ends
    /// (Flash rewrites CRLF to LF), after a final line that has no line end (Flash glues the bootstrap onto it), and
    /// counting lines as Python does (Flash's <c>splitlines</c> also splits at form feeds and U+2028).
    /// </summary>
    /// <param name="source">environment.py's bytes.</param>
    public static byte[] InsertBootstrap(ReadOnlySpan<byte> source) => InsertBootstrap(source, tokenized: null);

    /// <summary>The same, with the file's text and tokens when they are already known as Flash reads the file (UTF-8, after a BOM).</summary>
    private static byte[] InsertBootstrap(ReadOnlySpan<byte> source, (string Text, IReadOnlyList<PyToken>? Tokens)? tokenized)
    {
        var bom = source.StartsWith(Bom) ? Bom.Length : 0;
        var text = source[bom..];
        var newline = FirstLineEnd(text);
        var afterLines = tokenized is var (known, tokens) ? (tokens is null ? 0 : LinesBeforeBootstrap(known, tokens)) : LinesBeforeBootstrap(text);
        var offset = bom;
        var needsLineEnd = false;
        if (afterLines > 0)
        {
            var end = OffsetAfterLine(text, afterLines);
            needsLineEnd = end < 0;
            offset = bom + (end < 0 ? text.Length : end);
        }

        var bootstrap = Encoding.UTF8.GetBytes((needsLineEnd ? newline : string.Empty) + SysPathBootstrap.Replace("\n", newline, StringComparison.Ordinal));
        var result = new byte[source.Length + bootstrap.Length];
        source[..offset].CopyTo(result);
        bootstrap.CopyTo(result.AsSpan(offset));
        source[offset..].CopyTo(result.AsSpan(offset + bootstrap.Length));
        return result;
    }

    /// <summary>
    /// How many lines stay above the bootstrap: the end line of a leading docstring (a statement of one or more
    /// plain string literals, maybe in parentheses) and of each <c>from __future__</c> import after it. 0 when the
    /// file is not UTF-8 or does not tokenize, where Flash's <c>ast.parse</c> fails too and it prepends.
    /// </summary>
    private static int LinesBeforeBootstrap(ReadOnlySpan<byte> text)
    {
        string source;
        IReadOnlyList<PyToken> tokens;
        try
        {
            source = StrictUtf8.GetString(text);
            tokens = PythonTokenizer.Tokenize(source);
        }
        catch (Exception e) when (e is PythonSyntaxException or DecoderFallbackException)
        {
            return 0;
        }

        return LinesBeforeBootstrap(source, tokens);
    }

    private static int LinesBeforeBootstrap(string source, IReadOnlyList<PyToken> tokens)
    {
        var lineStarts = LineStarts(source);
        var statements = Statements(tokens).ToList();
        var after = 0;
        var index = 0;
        if (statements.Count > 0 && IsDocstring(statements[0].Tokens, source, lineStarts))
        {
            after = statements[0].EndLine;
            index = 1;
        }

        for (; index < statements.Count && IsFutureImport(statements[index].Tokens); index++)
        {
            after = statements[index].EndLine;
        }

        return after;
    }

    /// <summary>Simple statements: token runs ended by a logical line's end or a ';', with the line of that end.</summary>
    private static IEnumerable<(List<PyToken> Tokens, int EndLine)> Statements(IReadOnlyList<PyToken> tokens)
    {
        var current = new List<PyToken>();
        foreach (var token in tokens)
        {
            if (token.Kind == PyTokenKind.Newline || (token.Kind == PyTokenKind.Op && token.Text == ";"))
            {
                if (current.Count > 0)
                {
                    yield return (current, token.Line);
                    current = [];
                }

                continue;
            }

            current.Add(token);
        }

        if (current.Count > 0)
        {
            yield return (current, current[^1].Line);
        }
    }

    /// <summary>ast: an <c>Expr</c> whose value is a str <c>Constant</c> (implicit concatenation and parentheses allowed; no bytes, f- or t-strings).</summary>
    private static bool IsDocstring(List<PyToken> tokens, string source, int[] lineStarts)
    {
        var first = 0;
        var last = tokens.Count - 1;
        while (first < last && tokens[first] is { Kind: PyTokenKind.Op, Text: "(" } && tokens[last] is { Kind: PyTokenKind.Op, Text: ")" })
        {
            first++;
            last--;
        }

        if (first > last)
        {
            return false;
        }

        for (var i = first; i <= last; i++)
        {
            if (tokens[i].Kind != PyTokenKind.StringLiteral)
            {
                return false;
            }

            // The prefix letters run from the token's start to its first quote.
            var start = lineStarts[tokens[i].Line - 1] + tokens[i].Column - 1;
            var quote = source.AsSpan(start).IndexOfAny('"', '\'');
            if (quote < 0 || source.AsSpan(start, quote).ContainsAny(NotStrPrefixes))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ast: an <c>ImportFrom</c> whose module is <c>__future__</c> (Flash does not look at the level).</summary>
    private static bool IsFutureImport(List<PyToken> tokens)
    {
        if (tokens.Count < 3 || tokens[0] is not { Kind: PyTokenKind.Name, Text: "from" })
        {
            return false;
        }

        var i = 1;
        while (i < tokens.Count && tokens[i] is { Kind: PyTokenKind.Op, Text: "." })
        {
            i++;
        }

        return i + 1 < tokens.Count && tokens[i] is { Kind: PyTokenKind.Name, Text: "__future__" } && tokens[i + 1] is { Kind: PyTokenKind.Name, Text: "import" };
    }

    /// <summary>Character offsets where each line starts, with '\n', "\r\n" and a lone '\r' ending a line, as Python's tokenizer counts them.</summary>
    private static int[] LineStarts(string source)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n' || (source[i] == '\r' && (i + 1 == source.Length || source[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    /// <summary>The byte offset just past the end of line <paramref name="line"/> (1-based), or -1 when that line has no line end.</summary>
    private static int OffsetAfterLine(ReadOnlySpan<byte> text, int line)
    {
        var seen = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var end = text[i] == '\n' ? i + 1 : text[i] == '\r' ? (i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1) : -1;
            if (end < 0)
            {
                continue;
            }

            if (++seen == line)
            {
                return end;
            }

            i = end - 1;
        }

        return -1;
    }

    /// <summary>The file's first line end, so the bootstrap's two lines match it; '\n' when it has none.</summary>
    private static string FirstLineEnd(ReadOnlySpan<byte> text)
    {
        var i = text.IndexOfAny((byte)'\n', (byte)'\r');
        return i < 0 || text[i] == '\n' ? "\n" : i + 1 < text.Length && text[i + 1] == '\n' ? "\r\n" : "\r";
    }

    private static PackageMember WithBootstrap(PythonSource source, DiagnosticBag diagnostics)
    {
        // The import check has already reported why this file could not be read; it is packed as it is then,
        // and that error stops the pack anyway.
        var entry = source.Entry;
        if (source.Bytes is not { } bytes)
        {
            return PackageMember.FromFile(entry);
        }

        if (bytes.AsSpan().StartsWith(Bom))
        {
            diagnostics.Add(DiagnosticCatalog.EntryPointBomBreaksFlashPush(entry.Path));
        }

        // Flash reads the file as UTF-8 whatever a coding declaration says; the analysis's text and tokens are that
        // reading whenever CPython's rule decodes the file as UTF-8 too. Otherwise Flash's own reading decides here.
        var packed = source.Encoding == PythonSourceEncoding.Utf8
            ? InsertBootstrap(bytes, (source.Text ?? string.Empty, source.Text is null ? null : source.Tokens))
            : InsertBootstrap(bytes);
        return new PackageMember(entry.Path, packed.Length, entry.Executable) { Content = packed, Generated = BootstrapOrigin };
    }

    private static string TopSegment(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? path : path[..slash];
    }
}
