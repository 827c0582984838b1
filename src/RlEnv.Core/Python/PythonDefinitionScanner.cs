namespace RlEnv.Core.Python;

/// <summary>
/// Finds every def and class in a file, at any depth, as <c>ast.walk</c> does, from the token stream's logical
/// lines and their indentation: a line belongs to the def or class above it whose header is indented less.
/// Decorator lines attach to the def or class that follows them.
/// </summary>
public static class PythonDefinitionScanner
{
    public static (IReadOnlyList<PythonFunction> Functions, IReadOnlyList<PythonClass> Classes) Scan(IReadOnlyList<PyToken> tokens)
    {
        var scanner = new Scanner(tokens);
        scanner.Run();
        return ([.. scanner.Functions.Select(f => f.Build())], scanner.Classes);
    }

    private sealed class Builder(PythonFunction head)
    {
        public PythonFunction Head { get; set; } = head;

        public List<PythonReturn> Returns { get; } = [];

        public PythonFunction Build() => Head with { Returns = Returns };
    }

    private sealed record Open(PythonScope Scope, int HeaderIndent, Builder? Function);

    /// <summary>CPython refuses more than 100 levels of indentation; deeper defs and classes are not scopes here, which bounds the work on a hostile file.</summary>
    public const int MaxScopes = 100;

    private sealed class Scanner(IReadOnlyList<PyToken> tokens)
    {
        private readonly Stack<Open> _open = new();
        private readonly List<PythonDecorator> _decorators = [];
        private Builder? _awaitingDocstring;

        public List<Builder> Functions { get; } = [];

        public List<PythonClass> Classes { get; } = [];

        public void Run()
        {
            var start = 0;
            for (var i = 0; i <= tokens.Count; i++)
            {
                if (i == tokens.Count || tokens[i].Kind == PyTokenKind.Newline)
                {
                    if (i > start)
                    {
                        Line(start, i);
                    }

                    start = i + 1;
                }
            }
        }

        private void Line(int start, int end)
        {
            var indent = tokens[start].Column;
            while (_open.Count > 0 && _open.Peek().HeaderIndent >= indent)
            {
                _open.Pop();
            }

            if (_awaitingDocstring is { } waiting)
            {
                _awaitingDocstring = null;
                if (_open.Count > 0 && _open.Peek().Function == waiting)
                {
                    waiting.Head = waiting.Head with { Docstring = Docstring(start, end) };
                }
            }

            if (IsOp(start, "@"))
            {
                _decorators.Add(new PythonDecorator(
                    PythonExpressionParser.Parse(tokens, start + 1, end) ?? new PyOther(string.Empty, tokens[start].Line, tokens[start].Column),
                    tokens[start].Line, tokens[start].Column));
                return;
            }

            var at = IsName(start, "async") ? start + 1 : start;
            if (at + 1 < end && IsName(at, "def") && tokens[at + 1].Kind == PyTokenKind.Name && Def(start, at, end, indent))
            {
                return;
            }

            _decorators.Clear();
            if (start + 1 < end && IsName(start, "class") && tokens[start + 1].Kind == PyTokenKind.Name)
            {
                var name = tokens[start + 1];
                Classes.Add(new PythonClass(name.Text, name.Line, name.Column, Scopes()));
                var colon = TopLevelColon(start + 2, end);
                if (colon < 0 || colon + 1 >= end)
                {
                    Push(new Open(new PythonScope(true, name.Text, name.Line), indent, null));
                    return;
                }

                Returns(colon + 1, end, null);
                return;
            }

            Returns(start, end, null);
        }

        /// <summary>A def header: its signature, and its body (on this line, or the indented lines that follow).</summary>
        private bool Def(int start, int at, int end, int indent)
        {
            var name = tokens[at + 1];
            var open = at + 2;
            if (open < end && IsOp(open, "["))
            {
                // PEP 695 type parameters: def f[T](x: T).
                open = Close(open, end) + 1;
            }

            if (open >= end || !IsOp(open, "("))
            {
                return false;
            }

            var close = Close(open, end);
            var colon = close + 1 < end && IsOp(close + 1, "-") && close + 2 < end && IsOp(close + 2, ">")
                ? TopLevelColon(close + 3, end)
                : close + 1 < end && IsOp(close + 1, ":") ? close + 1 : -1;
            if (close >= end || colon < 0)
            {
                return false;
            }

            var function = new PythonFunction(name.Text, name.Line, name.Column)
            {
                Decorators = [.. _decorators],
                IsAsync = at > start,
                Parameters = Parameters(open + 1, close),
                ReturnAnnotation = colon > close + 1 ? PythonExpressionParser.Parse(tokens, close + 3, colon) : null,
                Scopes = Scopes(),
            };
            _decorators.Clear();
            var builder = new Builder(function);
            Functions.Add(builder);
            if (colon + 1 < end)
            {
                builder.Head = function with { Docstring = Docstring(colon + 1, end) };
                Returns(colon + 1, end, builder);
            }
            else
            {
                Push(new Open(new PythonScope(false, name.Text, name.Line), indent, builder));
                _awaitingDocstring = builder;
            }

            return true;
        }

        private List<PythonParameter> Parameters(int start, int end)
        {
            var parameters = new List<PythonParameter>();
            var keywordOnly = false;
            foreach (var (from, to) in PythonExpressionParser.SplitCommas(tokens, start, end))
            {
                if (IsOp(from, "/"))
                {
                    for (var i = 0; i < parameters.Count; i++)
                    {
                        parameters[i] = parameters[i] with { Kind = PythonParameterKind.PositionalOnly };
                    }

                    continue;
                }

                var kind = keywordOnly ? PythonParameterKind.KeywordOnly : PythonParameterKind.Positional;
                var at = from;
                if (IsOp(from, "*") && from + 1 < to && IsOp(from + 1, "*"))
                {
                    kind = PythonParameterKind.VarKeyword;
                    at = from + 2;
                }
                else if (IsOp(from, "*"))
                {
                    keywordOnly = true;
                    kind = PythonParameterKind.VarPositional;
                    at = from + 1;
                }

                if (at >= to || tokens[at].Kind != PyTokenKind.Name)
                {
                    // A bare * only starts the keyword-only parameters.
                    continue;
                }

                var equals = -1;
                var depth = 0;
                for (var i = at + 1; i < to && equals < 0; i++)
                {
                    depth += Depth(i);
                    equals = depth == 0 && IsOp(i, "=") ? i : -1;
                }

                var annotation = at + 1 < to && IsOp(at + 1, ":") ? PythonExpressionParser.Parse(tokens, at + 2, equals < 0 ? to : equals) : null;
                parameters.Add(new PythonParameter(tokens[at].Text, kind, annotation, equals >= 0));
            }

            return parameters;
        }

        /// <summary>The first statement of a body, when it is a str constant: the docstring.</summary>
        private string? Docstring(int start, int end)
        {
            var statementEnd = start;
            while (statementEnd < end && !IsOp(statementEnd, ";"))
            {
                statementEnd++;
            }

            // An undecodable literal (\N{...}) still is a docstring, and never an empty one.
            return PythonExpressionParser.Parse(tokens, start, statementEnd) is PyString docstring ? docstring.Value ?? docstring.Text : null;
        }

        /// <summary>Each return statement in tokens [start, end), for the given def and every def around it.</summary>
        private void Returns(int start, int end, Builder? own)
        {
            for (var i = start; i < end; i++)
            {
                if (!IsName(i, "return"))
                {
                    continue;
                }

                var statementEnd = i + 1;
                var depth = 0;
                while (statementEnd < end && !(depth == 0 && IsOp(statementEnd, ";")))
                {
                    depth += Depth(statementEnd);
                    statementEnd++;
                }

                var found = new PythonReturn(PythonExpressionParser.Parse(tokens, i + 1, statementEnd), tokens[i].Line, tokens[i].Column);
                own?.Returns.Add(found);
                foreach (var open in _open)
                {
                    open.Function?.Returns.Add(found);
                }

                i = statementEnd;
            }
        }

        private void Push(Open open)
        {
            if (_open.Count < MaxScopes)
            {
                _open.Push(open);
            }
        }

        private List<PythonScope> Scopes() => [.. _open.Reverse().Select(o => o.Scope)];

        private int TopLevelColon(int start, int end)
        {
            var depth = 0;
            for (var i = start; i < end; i++)
            {
                depth += Depth(i);
                if (depth == 0 && IsOp(i, ":"))
                {
                    return i;
                }
            }

            return -1;
        }

        private int Close(int open, int end)
        {
            var depth = 0;
            for (var i = open; i < end; i++)
            {
                depth += Depth(i);
                if (depth == 0)
                {
                    return i;
                }
            }

            return end;
        }

        private int Depth(int i) => tokens[i].Kind != PyTokenKind.Op ? 0 : tokens[i].Text switch
        {
            "(" or "[" or "{" => 1,
            ")" or "]" or "}" => -1,
            _ => 0,
        };

        private bool IsName(int i, string text) => tokens[i].Kind == PyTokenKind.Name && tokens[i].Text == text;

        private bool IsOp(int i, string text) => tokens[i].Kind == PyTokenKind.Op && tokens[i].Text == text;
    }
}
