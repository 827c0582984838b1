namespace RlEnv.Core.Python;

/// <summary>How sure the source is that a module-level name exists once the module has been imported.</summary>
public enum BindingCertainty
{
    /// <summary>Nothing in the file binds it or could bind it.</summary>
    Absent,

    /// <summary>Not bound where RlEnv can see, but something it does not follow could bind it (a star import, globals(), ...).</summary>
    Unseen,

    /// <summary>Bound only on some paths: under an `if` without a binding `else`, a loop, a `try` whose handler does not bind it.</summary>
    Conditional,

    /// <summary>Bound on every path through the module's top level that does not raise.</summary>
    Certain,
}

/// <summary>The verdict for one name, with where it is (or may be) bound and what decides it.</summary>
/// <param name="Certainty">How sure the source is.</param>
/// <param name="Line">The binding (or the unseen source) that the verdict names; 0 when absent or certain.</param>
/// <param name="Column">As <paramref name="Line"/>.</param>
/// <param name="Source">For a conditional binding, the statement it depends on ("the `if` at line 3"); for an unseen one, what could bind it.</param>
public sealed record NameBinding(BindingCertainty Certainty, int Line = 0, int Column = 0, string? Source = null);

/// <summary>
/// The module-level statements of one file as a tree of blocks, built from the tokens' logical lines and their
/// indentation, for asking whether a name is bound once the module is imported. It follows Python's rules
/// for definite assignment: every branch of an `if` with an `else`; a `try` body when every handler also binds
/// the name or raises; a `with` body; a `finally`. Function and class bodies are other scopes.
/// </summary>
public sealed class ModuleBindings
{
    private static readonly HashSet<string> ClauseKeywords = new(StringComparer.Ordinal)
    {
        "if", "elif", "else", "try", "except", "finally", "with", "for", "while", "def", "class",
    };

    private readonly IReadOnlyList<PyToken> _tokens;
    private List<Statement>? _module;

    public ModuleBindings(IReadOnlyList<PyToken> tokens) => _tokens = tokens;

    public static ModuleBindings Empty { get; } = new([]);

    public NameBinding Find(string name)
    {
        _module ??= Parse();
        if (IsCertain(_module, name))
        {
            return new NameBinding(BindingCertainty.Certain);
        }

        if (FirstBinding(_module, name, null) is { } conditional)
        {
            return new NameBinding(BindingCertainty.Conditional, conditional.Token.Line, conditional.Token.Column, conditional.Source);
        }

        return FirstUnseenSource(name) is { } unseen
            ? new NameBinding(BindingCertainty.Unseen, unseen.Token.Line, unseen.Token.Column, unseen.Source)
            : new NameBinding(BindingCertainty.Absent);
    }

    // ---- The tree ----------------------------------------------------------------------------------------

    private abstract record Statement;

    /// <summary>One simple statement: tokens [Start, End).</summary>
    private sealed record Simple(int Start, int End) : Statement;

    private sealed record Compound(string Keyword, List<Clause> Clauses) : Statement;

    /// <summary>One clause: its keyword, its header tokens [Start, Colon), and its body.</summary>
    private sealed record Clause(string Keyword, int Start, int Colon, List<Statement> Body);

    private readonly record struct Line(int Start, int End)
    {
        public int Indent(IReadOnlyList<PyToken> tokens) => tokens[Start].Column;
    }

    private List<Statement> Parse()
    {
        var lines = new List<Line>();
        var start = 0;
        for (var i = 0; i <= _tokens.Count; i++)
        {
            if (i == _tokens.Count || _tokens[i].Kind == PyTokenKind.Newline)
            {
                if (i > start)
                {
                    lines.Add(new Line(start, i));
                }

                start = i + 1;
            }
        }

        var at = 0;
        var module = new List<Statement>();
        while (at < lines.Count)
        {
            // A line indented past the block it should belong to is a syntax error Python reports; parse it as a block anyway.
            module.AddRange(ParseBlock(lines, ref at, lines[at].Indent(_tokens)));
        }

        return module;
    }

    private List<Statement> ParseBlock(List<Line> lines, ref int at, int indent)
    {
        var block = new List<Statement>();
        while (at < lines.Count)
        {
            var line = lines[at];
            var lineIndent = line.Indent(_tokens);
            if (lineIndent < indent)
            {
                break;
            }

            if (lineIndent > indent)
            {
                block.Add(new Compound("?", [new Clause("?", line.Start, line.Start, ParseBlock(lines, ref at, lineIndent))]));
                continue;
            }

            var keyword = HeaderKeyword(line);
            var colon = keyword is null ? -1 : HeaderColon(line);
            if (keyword is null || colon < 0)
            {
                AddSimple(block, line.Start, line.End);
                at++;
                continue;
            }

            var body = new List<Statement>();
            at++;
            if (colon + 1 < line.End)
            {
                AddSimple(body, colon + 1, line.End);
            }
            else if (at < lines.Count && lines[at].Indent(_tokens) > lineIndent)
            {
                body = ParseBlock(lines, ref at, lines[at].Indent(_tokens));
            }

            var clause = new Clause(keyword, line.Start, colon, body);
            if (block.Count > 0 && block[^1] is Compound previous && Continues(previous.Keyword, keyword))
            {
                previous.Clauses.Add(clause);
            }
            else
            {
                block.Add(new Compound(keyword, [clause]));
            }
        }

        return block;
    }

    private static bool Continues(string compound, string clause) => clause switch
    {
        "elif" => compound == "if",
        "else" => compound is "if" or "for" or "while" or "try",
        "except" or "finally" => compound == "try",
        _ => false,
    };

    /// <summary>Splits tokens [start, end) at top-level semicolons.</summary>
    private void AddSimple(List<Statement> block, int start, int end)
    {
        var from = start;
        for (var i = start; i <= end; i++)
        {
            if (i == end || IsOp(i, ";"))
            {
                if (i > from)
                {
                    block.Add(new Simple(from, i));
                }

                from = i + 1;
            }
        }
    }

    /// <summary>The compound statement a line opens (async folded in; match and case only as statements), or null.</summary>
    private string? HeaderKeyword(Line line)
    {
        var first = _tokens[line.Start];
        if (first.Kind != PyTokenKind.Name)
        {
            return null;
        }

        if (first.Text == "async" && line.Start + 1 < line.End && _tokens[line.Start + 1].Text is "def" or "with" or "for")
        {
            return _tokens[line.Start + 1].Text;
        }

        if (ClauseKeywords.Contains(first.Text))
        {
            return first.Text;
        }

        // Soft keywords: `match x:` and `case p:`, never `match = 1`, `match.x`, `match: int`.
        return first.Text is "match" or "case" && line.End - line.Start > 2 && IsOp(line.End - 1, ":")
            && !(_tokens[line.Start + 1].Kind == PyTokenKind.Op && _tokens[line.Start + 1].Text is "=" or "." or ":" or ",")
            ? first.Text
            : null;
    }

    /// <summary>The colon that ends a clause header: the first one outside brackets.</summary>
    private int HeaderColon(Line line)
    {
        var depth = 0;
        for (var i = line.Start; i < line.End; i++)
        {
            depth += Depth(i);
            if (depth == 0 && IsOp(i, ":"))
            {
                return i;
            }
        }

        return -1;
    }

    // ---- Definite binding ----------------------------------------------------------------------------------

    private bool IsCertain(List<Statement> block, string name) => block.Any(s => IsCertain(s, name));

    /// <summary>A branch leaves the name bound when it binds it, or when it raises and so never falls through.</summary>
    private bool Covers(List<Statement> block, string name) => IsCertain(block, name) || block.Any(Raises);

    private bool IsCertain(Statement statement, string name) => statement switch
    {
        Simple simple => Binds(simple, name, includeWalrus: false) is not null,
        Compound { Keyword: "def" or "class" } compound => DefinedName(compound.Clauses[0]) == name,
        Compound { Keyword: "with" } compound => WithTargets(compound.Clauses[0], name) is not null || IsCertain(compound.Clauses[0].Body, name),
        Compound { Keyword: "if" } compound => compound.Clauses.Any(c => c.Keyword == "else") && compound.Clauses.All(c => Covers(c.Body, name)),
        Compound { Keyword: "try" } compound => TryIsCertain(compound, name),
        _ => false,
    };

    /// <summary>Bound after the `finally`, or after the body (or its `else`) when every handler binds it too or raises.</summary>
    private bool TryIsCertain(Compound compound, string name)
    {
        if (compound.Clauses.Any(c => c.Keyword == "finally" && IsCertain(c.Body, name)))
        {
            return true;
        }

        var normal = compound.Clauses.Where(c => c.Keyword is "try" or "else").Any(c => Covers(c.Body, name));
        return normal && compound.Clauses.Where(c => c.Keyword == "except").All(c => Covers(c.Body, name));
    }

    /// <summary>A block that raises never completes normally, so it cannot leave the name unbound.</summary>
    private bool Raises(Statement statement) => statement is Simple simple && IsName(simple.Start, "raise");

    // ---- Any binding -------------------------------------------------------------------------------------

    private (PyToken Token, string Source)? FirstBinding(List<Statement> block, string name, string? under)
    {
        foreach (var statement in block)
        {
            if (statement is Simple simple)
            {
                if (Binds(simple, name, includeWalrus: true) is { } at)
                {
                    return (_tokens[at], under ?? "an assignment expression (:=)");
                }

                continue;
            }

            var compound = (Compound)statement;
            if (compound.Keyword is "def" or "class")
            {
                if (DefinedName(compound.Clauses[0]) == name)
                {
                    return (_tokens[DefinedNameToken(compound.Clauses[0])], under ?? "a definition");
                }

                continue;
            }

            foreach (var clause in compound.Clauses)
            {
                var source = under ?? Describe(compound);
                var header = clause.Keyword switch
                {
                    "with" => WithTargets(clause, name),
                    "for" => ForTargets(clause, name),
                    "case" => CaseCaptures(clause, name),
                    _ => null,
                };
                if (header is { } token)
                {
                    return (_tokens[token], source);
                }

                if (FirstBinding(clause.Body, name, source) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private string Describe(Compound compound)
    {
        var line = _tokens[compound.Clauses[0].Start].Line;
        return compound.Keyword == "?" ? $"the indented block at line {line}" : $"the `{compound.Keyword}` at line {line}";
    }

    // ---- Statements ----------------------------------------------------------------------------------------

    /// <summary>The token that binds <paramref name="name"/> in one simple statement, or null.</summary>
    private int? Binds(Simple statement, string name, bool includeWalrus)
    {
        var (start, end) = (statement.Start, statement.End);
        if (IsName(start, "import"))
        {
            return ImportBinds(start + 1, end, name);
        }

        if (IsName(start, "from"))
        {
            return FromImportBinds(start, end, name);
        }

        if (IsName(start, "global") || IsName(start, "nonlocal") || IsName(start, "del"))
        {
            return null;
        }

        // Targets: what precedes each top-level plain `=` (an annotation stops the first one).
        var depth = 0;
        var from = start;
        for (var i = start; i < end; i++)
        {
            depth += Depth(i);
            if (depth != 0 || !IsPlainAssign(i))
            {
                continue;
            }

            var target = from;
            var targetEnd = i;
            for (var j = from; j < i; j++)
            {
                if (IsOp(j, ":") && Depth(from, j) == 0)
                {
                    targetEnd = j;
                    break;
                }
            }

            if (TargetBinds(target, targetEnd, name) is { } bound)
            {
                return bound;
            }

            from = i + 1;
        }

        if (includeWalrus)
        {
            for (var i = start; i + 1 < end; i++)
            {
                if (IsName(i, name) && IsOp(i + 1, ":="))
                {
                    return i;
                }
            }
        }

        return null;
    }

    /// <summary>import a.b as c, d: binds c and d.</summary>
    private int? ImportBinds(int i, int end, string name)
    {
        while (i < end)
        {
            var first = i;
            while (i < end && !IsOp(i, ","))
            {
                i++;
            }

            // `a.b.c` binds `a`; `a.b as c` binds `c`.
            var bound = i - first >= 3 && IsName(i - 2, "as") ? i - 1 : first;
            if (IsName(bound, name))
            {
                return bound;
            }

            i++;
        }

        return null;
    }

    /// <summary>from m import (a as b, c): binds b and c.</summary>
    private int? FromImportBinds(int start, int end, string name)
    {
        var i = start + 1;
        while (i < end && !IsName(i, "import"))
        {
            i++;
        }

        for (i++; i < end; i++)
        {
            if (_tokens[i].Kind != PyTokenKind.Name)
            {
                continue;
            }

            var bound = i + 2 < end && IsName(i + 1, "as") ? i + 2 : i;
            if (IsName(bound, name))
            {
                return bound;
            }

            i = bound;
        }

        return null;
    }

    /// <summary>Names bound by a target list: `a`, `a, b`, `(a, [b, *c])`; attributes and subscripts bind no name.</summary>
    private int? TargetBinds(int start, int end, string name)
    {
        var element = start;
        var depth = 0;
        for (var i = start; i <= end; i++)
        {
            if (i < end)
            {
                depth += Depth(i);
                if (depth != 0 || !IsOp(i, ","))
                {
                    continue;
                }
            }

            var a = element;
            var b = i;
            if (a < b && IsOp(a, "*"))
            {
                a++;
            }

            if (b - a == 1 && IsName(a, name))
            {
                return a;
            }

            if (b - a >= 2 && ((IsOp(a, "(") && IsOp(b - 1, ")")) || (IsOp(a, "[") && IsOp(b - 1, "]"))) && Encloses(a, b - 1)
                && TargetBinds(a + 1, b - 1, name) is { } nested)
            {
                return nested;
            }

            element = i + 1;
        }

        return null;
    }

    /// <summary>`with x as name:` and `with (x as a, y as name):`.</summary>
    private int? WithTargets(Clause clause, string name)
    {
        for (var i = clause.Start; i + 1 < clause.Colon; i++)
        {
            if (IsName(i, "as") && IsName(i + 1, name))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>`for a, name in ...:`.</summary>
    private int? ForTargets(Clause clause, string name)
    {
        var start = IsName(clause.Start, "async") ? clause.Start + 2 : clause.Start + 1;
        var depth = 0;
        for (var i = start; i < clause.Colon; i++)
        {
            depth += Depth(i);
            if (depth == 0 && IsName(i, "in"))
            {
                return TargetBinds(start, i, name);
            }
        }

        return null;
    }

    /// <summary>A capture pattern of a `case`: the bare name, not an attribute, call or keyword.</summary>
    private int? CaseCaptures(Clause clause, string name)
    {
        for (var i = clause.Start + 1; i < clause.Colon; i++)
        {
            if (IsName(i, name) && !IsOp(i - 1, ".") && !(i + 1 < clause.Colon && _tokens[i + 1].Text is "(" or "." or "="))
            {
                return i;
            }
        }

        return null;
    }

    private string? DefinedName(Clause clause) => _tokens[DefinedNameToken(clause)] is { Kind: PyTokenKind.Name } token ? token.Text : null;

    private int DefinedNameToken(Clause clause) => Math.Min(IsName(clause.Start, "async") ? clause.Start + 2 : clause.Start + 1, clause.Colon);

    // ---- What RlEnv does not follow ----------------------------------------------------------------------------

    /// <summary>
    /// The first construct that can bind a module-level name without a statement naming it: a star import, a module
    /// `__getattr__`, globals()/vars()/locals()/exec(), sys.modules[__name__], or `global name` in a function.
    /// </summary>
    private (PyToken Token, string Source)? FirstUnseenSource(string name)
    {
        var found = new List<(int At, string Source)>();
        if (FirstStarImport(_module!) is { } star)
        {
            found.Add(star);
        }

        if (FirstBinding(_module!, "__getattr__", null) is { } getattr)
        {
            found.Add((IndexOf(getattr.Token), "a module-level __getattr__"));
        }

        var lineStart = 0;
        for (var i = 0; i < _tokens.Count; i++)
        {
            var token = _tokens[i];
            if (token.Kind == PyTokenKind.Newline)
            {
                lineStart = i + 1;
                continue;
            }

            if (token.Kind != PyTokenKind.Name)
            {
                continue;
            }

            if (token.Text is "globals" or "exec" && IsOp(i + 1, "("))
            {
                found.Add((i, $"{token.Text}()"));
            }
            else if (token.Text is "vars" or "locals" && IsOp(i + 1, "(") && IsOp(i + 2, ")"))
            {
                found.Add((i, $"{token.Text}()"));
            }
            else if (token.Text == "modules" && IsOp(i - 1, ".") && IsName(i - 2, "sys") && LineHas(lineStart, "__name__"))
            {
                found.Add((i - 2, "sys.modules[__name__]"));
            }
            else if (token.Text == name && i > lineStart && IsName(lineStart, "global"))
            {
                found.Add((lineStart, $"`global {name}` in a function"));
            }
        }

        if (found.Count == 0)
        {
            return null;
        }

        var first = found.MinBy(f => f.At);
        return (_tokens[first.At], first.Source);
    }

    private (int At, string Source)? FirstStarImport(List<Statement> block)
    {
        foreach (var statement in block)
        {
            if (statement is Simple { Start: var start, End: var end } && IsName(start, "from") && IsOp(end - 1, "*"))
            {
                var module = string.Concat(Enumerable.Range(start + 1, end - start - 1).TakeWhile(i => !IsName(i, "import")).Select(i => _tokens[i].Text));
                return (start, $"`from {module} import *`");
            }

            if (statement is Compound { Keyword: not ("def" or "class") } compound)
            {
                foreach (var clause in compound.Clauses)
                {
                    if (FirstStarImport(clause.Body) is { } found)
                    {
                        return found;
                    }
                }
            }
        }

        return null;
    }

    private bool LineHas(int lineStart, string text)
    {
        for (var i = lineStart; i < _tokens.Count && _tokens[i].Kind != PyTokenKind.Newline; i++)
        {
            if (_tokens[i].Text == text)
            {
                return true;
            }
        }

        return false;
    }

    private int IndexOf(PyToken token)
    {
        for (var i = 0; i < _tokens.Count; i++)
        {
            if (_tokens[i] == token)
            {
                return i;
            }
        }

        return 0;
    }

    // ---- Tokens -------------------------------------------------------------------------------------------

    /// <summary>A plain `=`: not part of `+=`, `**=`, `//=` and the like (the tokenizer splits those).</summary>
    private bool IsPlainAssign(int i)
    {
        if (!IsOp(i, "="))
        {
            return false;
        }

        var previous = i > 0 ? _tokens[i - 1] : default;
        return !(previous.Kind == PyTokenKind.Op && previous.Line == _tokens[i].Line && previous.Column + previous.Text.Length == _tokens[i].Column
            && previous.Text is "+" or "-" or "*" or "/" or "%" or "&" or "|" or "^" or "@" or "<" or ">");
    }

    private int Depth(int i) => _tokens[i].Kind != PyTokenKind.Op ? 0 : _tokens[i].Text switch
    {
        "(" or "[" or "{" => 1,
        ")" or "]" or "}" => -1,
        _ => 0,
    };

    /// <summary>Whether the bracket at <paramref name="open"/> is the one closed at <paramref name="close"/>.</summary>
    private bool Encloses(int open, int close)
    {
        var depth = 0;
        for (var i = open; i < close; i++)
        {
            depth += Depth(i);
            if (depth == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The bracket depth just before token <paramref name="end"/>, counting from <paramref name="start"/>.</summary>
    private int Depth(int start, int end)
    {
        var depth = 0;
        for (var i = start; i < end; i++)
        {
            depth += Depth(i);
        }

        return depth;
    }

    private bool IsName(int i, string text) => i >= 0 && i < _tokens.Count && _tokens[i].Kind == PyTokenKind.Name && _tokens[i].Text == text;

    private bool IsOp(int i, string text) => i >= 0 && i < _tokens.Count && _tokens[i].Kind == PyTokenKind.Op && _tokens[i].Text == text;
}
