namespace RlEnv.Core.Python;

/// <summary>
/// The literal dynamic imports Flash's import closure follows (flash/cli/commands/env/imports.py,
/// <c>_dynamic_import_callees</c> and <c>_dynamic_import_name</c>), read from tokens:
/// <list type="bullet">
/// <item><c>X.import_module("m")</c> and <c>X.__import__("m")</c> whatever the receiver X;</item>
/// <item>a bare call of <c>import_module</c>, <c>__import__</c> or an alias of them: <c>from importlib import
/// import_module as load</c>, <c>load = importlib.import_module</c>, <c>im: T = x.__import__</c>, and names bound from
/// such a name (<c>pick = load</c>), in any order, one file-wide set whatever the scope or flow;</item>
/// <item>the module is the first positional argument, else the keyword <c>name=</c>, and only when it is a str
/// literal (adjacent literals joined, parentheses allowed): no variable, f-string, bytes or starred argument.</item>
/// </list>
/// Not followed, as in Flash: tuple targets, walrus, <c>getattr(importlib, "import_module")</c>, augmented assignment.
/// </summary>
public static class DynamicImportScanner
{
    /// <summary>Flash's <c>_DYNAMIC_IMPORT_FUNCTIONS</c>.</summary>
    public static readonly IReadOnlySet<string> ImportFunctions = new HashSet<string>(StringComparer.Ordinal) { "import_module", "__import__" };

    // Python's hard keywords other than the constants (True, False and None are atoms: `None.import_module` is an attribute).
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
        "raise", "return", "try", "while", "with", "yield",
    };

    // Statement keywords whose header ends at a colon, after which a simple statement may follow on the same line.
    private static readonly HashSet<string> CompoundKeywords = new(StringComparer.Ordinal)
    {
        "if", "elif", "else", "try", "except", "finally", "for", "while", "with", "def", "class", "async",
    };

    private static readonly HashSet<string> SoftCompoundKeywords = new(StringComparer.Ordinal) { "match", "case" };

    /// <summary>
    /// Every literal dynamic import in the file, as an absolute import of the whole literal name (its first segment
    /// alone when a segment is empty), at the callee's position. Relative names (a leading dot) and names holding a
    /// path separator or NUL, which no import system resolves, are left out.
    /// </summary>
    /// <param name="tokens">The file's tokens.</param>
    public static IReadOnlyList<PythonImport> Find(IReadOnlyList<PyToken> tokens)
    {
        var callees = Callees(tokens);
        var close = BracketPairs(tokens);
        var imports = new List<PythonImport>();
        for (var i = 1; i < tokens.Count; i++)
        {
            if (!IsOp(tokens[i], "(") || tokens[i - 1].Kind != PyTokenKind.Name || Keywords.Contains(tokens[i - 1].Text))
            {
                continue;
            }

            var callee = tokens[i - 1];
            var attribute = i >= 2 && IsOp(tokens[i - 2], ".");
            if (i >= 2 && (IsName(tokens[i - 2], "def") || IsName(tokens[i - 2], "class")))
            {
                continue;
            }

            var matched = attribute ? ImportFunctions.Contains(callee.Text) : callees.Contains(callee.Text);
            if (matched && ModuleArgument(tokens, close, i) is { } literal && Module(literal) is { } module)
            {
                imports.Add(new PythonImport(0, module, [], callee.Line, callee.Column));
            }
        }

        return imports;
    }

    /// <summary>The names that call a dynamic import when called bare: the two functions and their aliases.</summary>
    /// <param name="tokens">The file's tokens.</param>
    public static IReadOnlySet<string> Callees(IReadOnlyList<PyToken> tokens)
    {
        var close = BracketPairs(tokens);
        var known = new HashSet<string>(ImportFunctions, StringComparer.Ordinal);
        var queue = new Queue<string>(ImportFunctions);

        // `b = a` waits under "a" until a is known to import, whether that is learned before or after.
        var waiting = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Learn(string name)
        {
            if (known.Add(name))
            {
                queue.Enqueue(name);
            }
        }

        foreach (var (start, end) in SimpleStatements(tokens))
        {
            if (IsName(tokens[start], "from"))
            {
                foreach (var alias in ImportlibAliases(tokens, start, end))
                {
                    Learn(alias);
                }

                continue;
            }

            var (targets, valueStart) = AssignmentTargets(tokens, start, end);
            if (targets.Count == 0)
            {
                continue;
            }

            if (IsImportAttribute(tokens, close, valueStart, end))
            {
                targets.ForEach(Learn);
            }
            else if (end - valueStart == 1 && tokens[valueStart].Kind == PyTokenKind.Name)
            {
                var source = tokens[valueStart].Text;
                if (!waiting.TryGetValue(source, out var list))
                {
                    waiting[source] = list = [];
                }

                list.AddRange(targets);
            }
        }

        // Each waiting binding is released once, when the name it reads becomes known: linear however the chain is ordered.
        while (queue.Count > 0)
        {
            if (waiting.Remove(queue.Dequeue(), out var released))
            {
                released.ForEach(Learn);
            }
        }

        return known;
    }

    /// <summary>The module a literal names, as an import: null for a relative or empty name or one no import resolves.</summary>
    private static string? Module(string literal)
    {
        if (literal.Length == 0 || literal[0] == '.' || literal.AsSpan().IndexOfAny('/', '\\', '\0') >= 0)
        {
            return null;
        }

        var first = literal.Split('.', 2)[0];
        return literal.Split('.').Any(s => s.Length == 0) ? first : literal;
    }

    /// <summary>The str literal passed as the module: the first positional argument, else <c>name=</c>.</summary>
    private static string? ModuleArgument(IReadOnlyList<PyToken> tokens, int[] close, int open)
    {
        var end = close[open];
        if (end >= tokens.Count)
        {
            return null;
        }

        // Arguments split at the commas of this call's own level; nested brackets are stepped over whole, so every
        // token is visited for one call only, however deeply calls nest.
        var arguments = new List<(int Start, int End)>();
        var start = open + 1;
        for (var i = open + 1; i < end; i++)
        {
            if (close[i] > i)
            {
                i = Math.Min(close[i], end - 1);
            }
            else if (IsOp(tokens[i], ","))
            {
                arguments.Add((start, i));
                start = i + 1;
            }
        }

        arguments.Add((start, end));
        arguments.RemoveAll(a => a.End == a.Start);
        (int Start, int End)? keyword = null;
        foreach (var (s, e) in arguments)
        {
            var isKeyword = e - s >= 2 && tokens[s].Kind == PyTokenKind.Name && IsOp(tokens[s + 1], "=");
            if (isKeyword)
            {
                keyword ??= tokens[s].Text == "name" ? (s + 2, e) : null;
                continue;
            }

            if (IsOp(tokens[s], "*") && e - s >= 2 && IsOp(tokens[s + 1], "*"))
            {
                continue;
            }

            // The first positional argument decides, literal or not (a starred one is not a literal).
            return Literal(tokens, close, s, e);
        }

        return keyword is { } k ? Literal(tokens, close, k.Start, k.End) : null;
    }

    /// <summary>The value of tokens that are only str literals, possibly inside parentheses.</summary>
    private static string? Literal(IReadOnlyList<PyToken> tokens, int[] close, int start, int end)
    {
        while (end - start >= 2 && IsOp(tokens[start], "(") && close[start] == end - 1)
        {
            start++;
            end--;
        }

        if (start >= end)
        {
            return null;
        }

        for (var i = start; i < end; i++)
        {
            if (tokens[i].Kind != PyTokenKind.StringLiteral)
            {
                return null;
            }
        }

        return PythonStringLiteral.Concatenated(Enumerable.Range(start, end - start).Select(i => tokens[i].Text));
    }

    /// <summary>`from importlib import import_module [as load]`: the names the function is bound to.</summary>
    private static IEnumerable<string> ImportlibAliases(IReadOnlyList<PyToken> tokens, int start, int end)
    {
        var i = start + 1;
        while (i < end && tokens[i].Kind == PyTokenKind.Op && tokens[i].Text.All(c => c == '.'))
        {
            i++;
        }

        // Flash compares the module without its dots, so a relative `from .importlib import ...` counts too.
        if (i + 1 >= end || !IsName(tokens[i], "importlib") || !IsName(tokens[i + 1], "import"))
        {
            yield break;
        }

        for (i += 2; i < end; i++)
        {
            if (!IsName(tokens[i], "import_module"))
            {
                continue;
            }

            if (i + 2 < end && IsName(tokens[i + 1], "as") && tokens[i + 2].Kind == PyTokenKind.Name)
            {
                yield return tokens[i + 2].Text;
                i += 2;
            }
            else
            {
                yield return "import_module";
            }
        }
    }

    /// <summary>
    /// For `a = b = value` or `a: T = value`: the plain-name targets and where the value starts. Targets that are not
    /// a single name (attributes, subscripts, tuples) are left out; a statement without a top-level `=` has none.
    /// </summary>
    private static (List<string> Targets, int ValueStart) AssignmentTargets(IReadOnlyList<PyToken> tokens, int start, int end)
    {
        var equals = new List<int>();
        var depth = 0;
        var annotationColon = -1;
        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            if (IsOpening(token))
            {
                depth++;
            }
            else if (IsClosing(token))
            {
                depth--;
            }
            else if (depth == 0 && IsOp(token, "="))
            {
                equals.Add(i);
            }
            else if (depth == 0 && IsOp(token, ":") && equals.Count == 0 && annotationColon < 0)
            {
                annotationColon = i;
            }
        }

        if (equals.Count == 0)
        {
            return ([], end);
        }

        var targets = new List<string>();
        if (annotationColon >= 0)
        {
            // An annotated assignment has one target and one `=`.
            if (equals.Count == 1 && annotationColon == start + 1 && tokens[start].Kind == PyTokenKind.Name && !Keywords.Contains(tokens[start].Text))
            {
                targets.Add(tokens[start].Text);
            }

            return (targets, equals[^1] + 1);
        }

        var segmentStart = start;
        foreach (var at in equals)
        {
            if (at - segmentStart == 1 && tokens[segmentStart].Kind == PyTokenKind.Name && !Keywords.Contains(tokens[segmentStart].Text))
            {
                targets.Add(tokens[segmentStart].Text);
            }

            segmentStart = at + 1;
        }

        return (targets, equals[^1] + 1);
    }

    /// <summary>Whether the tokens are one attribute expression ending in `.import_module` or `.__import__`.</summary>
    private static bool IsImportAttribute(IReadOnlyList<PyToken> tokens, int[] close, int start, int end)
    {
        if (end - start < 3 || tokens[end - 1].Kind != PyTokenKind.Name || !ImportFunctions.Contains(tokens[end - 1].Text) || !IsOp(tokens[end - 2], "."))
        {
            return false;
        }

        // An atom (a name other than a keyword, a literal, a bracketed group) and then only trailers: .name, (...), [...].
        var i = start;
        var first = tokens[i];
        if (first.Kind is PyTokenKind.Name && !Keywords.Contains(first.Text))
        {
            i++;
        }
        else if (first.Kind == PyTokenKind.Number)
        {
            i++;
        }
        else if (first.Kind == PyTokenKind.StringLiteral)
        {
            while (i < end && tokens[i].Kind == PyTokenKind.StringLiteral)
            {
                i++;
            }
        }
        else if (IsOpening(first))
        {
            i = close[i] + 1;
        }
        else
        {
            return false;
        }

        while (i < end - 2)
        {
            if (IsOp(tokens[i], ".") && tokens[i + 1].Kind == PyTokenKind.Name)
            {
                i += 2;
            }
            else if (IsOp(tokens[i], "(") || IsOp(tokens[i], "["))
            {
                i = close[i] + 1;
            }
            else
            {
                return false;
            }
        }

        return i == end - 2;
    }

    /// <summary>
    /// For each opening bracket, the index of the bracket that closes it (the token count when none does); -1 for
    /// every other token. One pass, so nothing later rescans a bracketed run.
    /// </summary>
    private static int[] BracketPairs(IReadOnlyList<PyToken> tokens)
    {
        var close = new int[tokens.Count];
        Array.Fill(close, -1);
        var open = new Stack<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (IsOpening(tokens[i]))
            {
                open.Push(i);
            }
            else if (IsClosing(tokens[i]) && open.Count > 0)
            {
                close[open.Pop()] = i;
            }
        }

        while (open.Count > 0)
        {
            close[open.Pop()] = tokens.Count;
        }

        return close;
    }

    /// <summary>
    /// Every simple statement of the file: logical lines split at `;`, with the header of a one-line compound
    /// statement (`if x: a = b`, `class C: load = importlib.import_module`) cut off.
    /// </summary>
    private static IEnumerable<(int Start, int End)> SimpleStatements(IReadOnlyList<PyToken> tokens)
    {
        var start = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (i < tokens.Count && tokens[i].Kind != PyTokenKind.Newline && !IsOp(tokens[i], ";"))
            {
                continue;
            }

            var s = start;
            while (s < i && IsCompoundHeader(tokens, s, i) && HeaderColon(tokens, s, i) is var colon && colon >= 0)
            {
                s = colon + 1;
            }

            if (s < i)
            {
                yield return (s, i);
            }

            start = i + 1;
        }
    }

    private static bool IsCompoundHeader(IReadOnlyList<PyToken> tokens, int start, int end)
    {
        var first = tokens[start];
        if (first.Kind != PyTokenKind.Name)
        {
            return false;
        }

        if (CompoundKeywords.Contains(first.Text))
        {
            return true;
        }

        // `match = x` and `case: int = 1` are assignments; `match point:` is a statement.
        return SoftCompoundKeywords.Contains(first.Text) && start + 1 < end && !(tokens[start + 1].Kind == PyTokenKind.Op && tokens[start + 1].Text is "=" or ":" or "." or ",");
    }

    private static int HeaderColon(IReadOnlyList<PyToken> tokens, int start, int end)
    {
        var depth = 0;
        for (var i = start; i < end; i++)
        {
            if (IsOpening(tokens[i]))
            {
                depth++;
            }
            else if (IsClosing(tokens[i]))
            {
                depth--;
            }
            else if (depth == 0 && IsOp(tokens[i], ":"))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsOpening(PyToken token) => token.Kind == PyTokenKind.Op && token.Text is "(" or "[" or "{";

    private static bool IsClosing(PyToken token) => token.Kind == PyTokenKind.Op && token.Text is ")" or "]" or "}";

    private static bool IsName(PyToken token, string text) => token.Kind == PyTokenKind.Name && token.Text == text;

    private static bool IsOp(PyToken token, string text) => token.Kind == PyTokenKind.Op && token.Text == text;
}
