namespace RlEnv.Core.Python;

/// <summary>Reads import statements, module-level bindings and every def and class from the token stream of one file.</summary>
public static class PythonModuleScanner
{
    public static PythonModuleInfo Scan(string source) => Scan(PythonTokenizer.Tokenize(source));

    /// <summary>The same, from tokens already made (<see cref="PythonSource.Tokens"/>).</summary>
    /// <param name="tokens">The file's tokens.</param>
    public static PythonModuleInfo Scan(IReadOnlyList<PyToken> tokens)
    {
        var imports = new List<PythonImport>();
        var topLevel = new HashSet<string>(StringComparer.Ordinal);
        var lineStart = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (i == tokens.Count || tokens[i].Kind == PyTokenKind.Newline)
            {
                if (i > lineStart)
                {
                    ScanLogicalLine(tokens, lineStart, i, imports, topLevel);
                }

                lineStart = i + 1;
            }
        }

        var (functions, classes) = PythonDefinitionScanner.Scan(tokens);
        return new PythonModuleInfo(imports, topLevel) { Functions = functions, Classes = classes, Bindings = new ModuleBindings(tokens) };
    }

    private static void ScanLogicalLine(IReadOnlyList<PyToken> tokens, int start, int end, List<PythonImport> imports, HashSet<string> topLevel)
    {
        var isTopLevel = tokens[start].Column == 1;
        var statementStart = start;
        for (var i = start; i <= end; i++)
        {
            if (i == end || IsOp(tokens[i], ";"))
            {
                ScanStatement(tokens, statementStart, i, isTopLevel, imports, topLevel);
                statementStart = i + 1;
            }
        }
    }

    private static void ScanStatement(IReadOnlyList<PyToken> tokens, int start, int end, bool isTopLevel, List<PythonImport> imports, HashSet<string> topLevel)
    {
        if (start >= end)
        {
            return;
        }

        // An import may also follow the colon of a one-line compound statement: `try: import x`.
        var at = start;
        if (!IsName(tokens[at], "import") && !IsName(tokens[at], "from"))
        {
            if (isTopLevel)
            {
                CollectBinding(tokens, start, end, topLevel);
            }

            var colon = FindColonBeforeImport(tokens, start, end);
            if (colon < 0)
            {
                return;
            }

            at = colon + 1;
            isTopLevel = false;
        }

        var bound = IsName(tokens[at], "import") ? ParseImport(tokens, at, end, imports) : ParseFromImport(tokens, at, end, imports);
        if (isTopLevel)
        {
            topLevel.UnionWith(bound);
        }
    }

    private static int FindColonBeforeImport(IReadOnlyList<PyToken> tokens, int start, int end)
    {
        for (var i = start; i < end - 1; i++)
        {
            if (IsOp(tokens[i], ":") && (IsName(tokens[i + 1], "import") || IsName(tokens[i + 1], "from")))
            {
                return i;
            }
        }

        return -1;
    }

    private static void CollectBinding(IReadOnlyList<PyToken> tokens, int start, int end, HashSet<string> topLevel)
    {
        var i = start;
        if (IsName(tokens[i], "async") && i + 1 < end)
        {
            i++;
        }

        if ((IsName(tokens[i], "def") || IsName(tokens[i], "class")) && i + 1 < end && tokens[i + 1].Kind == PyTokenKind.Name)
        {
            topLevel.Add(tokens[i + 1].Text);
        }
        else if (tokens[i].Kind == PyTokenKind.Name && i + 1 < end && (IsOp(tokens[i + 1], "=") || IsOp(tokens[i + 1], ":")))
        {
            topLevel.Add(tokens[i].Text);
        }
    }

    /// <summary>import a.b as c, d</summary>
    private static List<string> ParseImport(IReadOnlyList<PyToken> tokens, int at, int end, List<PythonImport> imports)
    {
        var bound = new List<string>();
        var i = at + 1;
        while (i < end)
        {
            var first = tokens[i];
            var (module, next) = ReadDottedName(tokens, i, end);
            if (module.Length == 0)
            {
                break;
            }

            imports.Add(new PythonImport(0, module, [], first.Line, first.Column));
            i = next;
            if (i + 1 < end && IsName(tokens[i], "as") && tokens[i + 1].Kind == PyTokenKind.Name)
            {
                bound.Add(tokens[i + 1].Text);
                i += 2;
            }
            else
            {
                bound.Add(module.Split('.')[0]);
            }

            if (i < end && IsOp(tokens[i], ","))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return bound;
    }

    /// <summary>from ..a.b import (x as y, z) / from . import x / from a import *</summary>
    private static List<string> ParseFromImport(IReadOnlyList<PyToken> tokens, int at, int end, List<PythonImport> imports)
    {
        var bound = new List<string>();
        var i = at + 1;
        var level = 0;
        while (i < end && tokens[i].Kind == PyTokenKind.Op && tokens[i].Text.All(c => c == '.'))
        {
            level += tokens[i].Text.Length;
            i++;
        }

        var (module, next) = ReadDottedName(tokens, i, end);
        i = next;
        if (i >= end || !IsName(tokens[i], "import"))
        {
            return bound;
        }

        i++;
        var names = new List<string>();
        while (i < end)
        {
            var token = tokens[i];
            if (token.Kind == PyTokenKind.Name)
            {
                names.Add(token.Text);
                if (i + 2 < end && IsName(tokens[i + 1], "as") && tokens[i + 2].Kind == PyTokenKind.Name)
                {
                    bound.Add(tokens[i + 2].Text);
                    i += 2;
                }
                else
                {
                    bound.Add(token.Text);
                }
            }
            else if (IsOp(token, "*"))
            {
                names.Add("*");
            }

            i++;
        }

        var anchor = tokens[at];
        imports.Add(new PythonImport(level, module, names, anchor.Line, anchor.Column));
        return bound;
    }

    private static (string Name, int Next) ReadDottedName(IReadOnlyList<PyToken> tokens, int i, int end)
    {
        if (i >= end || tokens[i].Kind != PyTokenKind.Name || IsName(tokens[i], "import"))
        {
            return (string.Empty, i);
        }

        var parts = new List<string> { tokens[i].Text };
        i++;
        while (i + 1 < end && IsOp(tokens[i], ".") && tokens[i + 1].Kind == PyTokenKind.Name)
        {
            parts.Add(tokens[i + 1].Text);
            i += 2;
        }

        return (string.Join('.', parts), i);
    }

    private static bool IsName(PyToken token, string text) => token.Kind == PyTokenKind.Name && token.Text == text;

    private static bool IsOp(PyToken token, string text) => token.Kind == PyTokenKind.Op && token.Text == text;
}
