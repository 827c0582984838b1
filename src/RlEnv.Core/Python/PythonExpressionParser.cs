using System.Globalization;
using System.Numerics;
using System.Text;

namespace RlEnv.Core.Python;

/// <summary>
/// Reads one expression from a token range into <see cref="PythonExpression"/>, following Python's precedence
/// (lambda, then conditional, or/and/not, comparisons, |, the other binary operators, unary, **, primaries)
/// just far enough to tell the shapes apart; whatever it cannot name whole becomes <see cref="PyOther"/>.
/// </summary>
public static class PythonExpressionParser
{
    // Bytes, f-strings and t-strings are not str constants.
    private static readonly System.Buffers.SearchValues<char> NotStrPrefixes = System.Buffers.SearchValues.Create("bBfFtT");

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
        "raise", "return", "try", "while", "with", "yield",
    };

    /// <summary>The expression in tokens [<paramref name="start"/>, <paramref name="end"/>), or null when the range is empty.</summary>
    /// <param name="tokens">The file's tokens.</param>
    /// <param name="start">The first token.</param>
    /// <param name="end">One past the last token.</param>
    public static PythonExpression? Parse(IReadOnlyList<PyToken> tokens, int start, int end)
    {
        if (start >= end)
        {
            return null;
        }

        // Each bracket, conditional or | nests one call deeper: past CPython's own limit (200 nested parentheses)
        // the expression is PyOther rather than a stack overflow on a hostile file.
        if (++_depth > MaxDepth)
        {
            _depth--;
            return new PyOther(string.Empty, tokens[start].Line, tokens[start].Column);
        }

        try
        {
            return ParseExpression(tokens, start, end);
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>How deep expressions are read; CPython refuses more than 200 nested parentheses.</summary>
    public const int MaxDepth = 250;

    [ThreadStatic]
    private static int _depth;

    private static PythonExpression ParseExpression(IReadOnlyList<PyToken> tokens, int start, int end)
    {
        var text = Text(tokens, start, end);
        var (line, column) = (tokens[start].Line, tokens[start].Column);
        PythonExpression Other() => new PyOther(text, line, column);

        if (IsName(tokens[start], "lambda") || IsName(tokens[start], "yield"))
        {
            return Other();
        }

        var topLevel = TopLevel(tokens, start, end);
        if (topLevel.FirstOrDefault(i => IsName(tokens[i], "if"), -1) is var test && test > start)
        {
            var orElse = topLevel.FirstOrDefault(i => i > test && IsName(tokens[i], "else"), -1);
            return orElse > test && Parse(tokens, start, test) is { } body && Parse(tokens, orElse + 1, end) is { } alternative
                ? new PyConditional(body, alternative, text, line, column)
                : Other();
        }

        if (topLevel.Any(i => IsOp(tokens[i], ",") || IsOp(tokens[i], ":=") || IsOp(tokens[i], "<") || IsOp(tokens[i], ">")
            || tokens[i].Kind == PyTokenKind.Op && tokens[i].Text is "==" or "!=" or "<=" or ">="
            || tokens[i].Kind == PyTokenKind.Name && tokens[i].Text is "or" or "and" or "not" or "in" or "is" or "for" or "async"))
        {
            return Other();
        }

        if (topLevel.LastOrDefault(i => IsOp(tokens[i], "|"), -1) is var bar && bar > start)
        {
            return Parse(tokens, start, bar) is { } left && Parse(tokens, bar + 1, end) is { } right
                ? new PyUnion(left, right, text, line, column)
                : Other();
        }

        // Any other binary operator: one that follows an operand. ** binds tighter than unary minus (-2 ** 2 is
        // -(2 ** 2)), so it is left to the operand; the tokenizer gives it as two * tokens.
        if (topLevel.Any(i => i > start && tokens[i].Kind == PyTokenKind.Op && tokens[i].Text is "+" or "-" or "*" or "/" or "%" or "@" or "&" or "^"
            && EndsOperand(tokens[i - 1]) && !(tokens[i].Text == "*" && i + 1 < end && IsOp(tokens[i + 1], "*"))))
        {
            return Other();
        }

        if (IsOp(tokens[start], "-"))
        {
            return Parse(tokens, start + 1, end) is { } operand ? new PyNegation(operand, text, line, column) : Other();
        }

        return Primary(tokens, start, end, text) ?? Other();
    }

    /// <summary>Tokens [start, end) split at top-level commas; empty parts (after a trailing comma) are dropped.</summary>
    /// <param name="tokens">The file's tokens.</param>
    /// <param name="start">The first token.</param>
    /// <param name="end">One past the last token.</param>
    public static List<(int Start, int End)> SplitCommas(IReadOnlyList<PyToken> tokens, int start, int end)
    {
        var parts = new List<(int, int)>();
        var from = start;
        foreach (var i in TopLevel(tokens, start, end).Where(i => IsOp(tokens[i], ",")).Append(end))
        {
            if (i > from)
            {
                parts.Add((from, i));
            }

            from = i + 1;
        }

        return parts;
    }

    /// <summary>The source of tokens [start, end), one space where the source had any between two tokens.</summary>
    /// <param name="tokens">The file's tokens.</param>
    /// <param name="start">The first token.</param>
    /// <param name="end">One past the last token.</param>
    public static string Text(IReadOnlyList<PyToken> tokens, int start, int end)
    {
        var text = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            if (i > start && (tokens[i].Line != tokens[i - 1].Line || tokens[i].Column != tokens[i - 1].Column + tokens[i - 1].Text.Length))
            {
                text.Append(' ');
            }

            text.Append(tokens[i].Text);
        }

        return text.ToString();
    }

    /// <summary>An atom with its trailers (.name, [index], (call)), or null when tokens are left over.</summary>
    private static PythonExpression? Primary(IReadOnlyList<PyToken> tokens, int start, int end, string text)
    {
        var (line, column) = (tokens[start].Line, tokens[start].Column);
        var first = tokens[start];
        PythonExpression? atom;
        var at = start + 1;
        switch (first.Kind)
        {
            case PyTokenKind.Name when first.Text is "True" or "False":
                atom = new PyNumber(first.Text == "True" ? 1 : 0, first.Text, line, column);
                break;
            case PyTokenKind.Name when first.Text == "None":
                atom = new PyNone(first.Text, line, column);
                break;
            case PyTokenKind.Name when Keywords.Contains(first.Text):
                return null;
            case PyTokenKind.Name:
                atom = new PyName(first.Text, first.Text, line, column);
                break;
            case PyTokenKind.Number:
                atom = Number(first.Text) is { } value ? new PyNumber(value, first.Text, line, column) : new PyOther(first.Text, line, column);
                break;
            case PyTokenKind.StringLiteral:
                while (at < end && tokens[at].Kind == PyTokenKind.StringLiteral)
                {
                    at++;
                }

                atom = StringConstant(tokens, start, at);
                break;
            case PyTokenKind.Op when first.Text == "(":
                at = Close(tokens, start, end) + 1;
                atom = at - 1 > start + 1 && at <= end ? Parse(tokens, start + 1, at - 1) : null;
                atom ??= new PyOther(Text(tokens, start, Math.Min(at, end)), line, column);
                break;
            case PyTokenKind.Op when first.Text is "[" or "{":
                at = Close(tokens, start, end) + 1;
                atom = new PyOther(Text(tokens, start, Math.Min(at, end)), line, column);
                break;
            default:
                return null;
        }

        while (at < end)
        {
            var token = tokens[at];
            if (IsOp(token, ".") && at + 1 < end && tokens[at + 1].Kind == PyTokenKind.Name && !Keywords.Contains(tokens[at + 1].Text))
            {
                atom = atom is PyName name
                    ? new PyName(name.Dotted + "." + tokens[at + 1].Text, Text(tokens, start, at + 2), line, column)
                    : new PyOther(Text(tokens, start, at + 2), line, column);
                at += 2;
            }
            else if (IsOp(token, "[") || IsOp(token, "("))
            {
                var close = Close(tokens, at, end);
                if (close >= end)
                {
                    return null;
                }

                var whole = Text(tokens, start, close + 1);
                atom = token.Text == "["
                    ? new PySubscript(atom, [.. SplitCommas(tokens, at + 1, close).Select(p => Parse(tokens, p.Start, p.End)).OfType<PythonExpression>()], whole, line, column)
                    : new PyCall(atom, CallKeywords(tokens, at + 1, close), whole, line, column);
                at = close + 1;
            }
            else
            {
                return null;
            }
        }

        return at == end ? atom : null;
    }

    private static Dictionary<string, PythonExpression> CallKeywords(IReadOnlyList<PyToken> tokens, int start, int end)
    {
        var keywords = new Dictionary<string, PythonExpression>(StringComparer.Ordinal);
        foreach (var (from, to) in SplitCommas(tokens, start, end))
        {
            if (to - from >= 3 && tokens[from].Kind == PyTokenKind.Name && IsOp(tokens[from + 1], "=") && Parse(tokens, from + 2, to) is { } value)
            {
                keywords.TryAdd(tokens[from].Text, value);
            }
        }

        return keywords;
    }

    private static PythonExpression StringConstant(IReadOnlyList<PyToken> tokens, int start, int end)
    {
        var text = Text(tokens, start, end);
        var parts = new List<string>();
        for (var i = start; i < end; i++)
        {
            var source = tokens[i].Text;
            var quoteAt = source.AsSpan().IndexOfAny('\'', '"');

            // f-strings, t-strings and bytes are not str constants; a literal too long to keep its text is left undecoded.
            if (source.Length > 0 && (quoteAt < 0 || source.AsSpan(0, quoteAt).IndexOfAny(NotStrPrefixes) >= 0))
            {
                return new PyOther(text, tokens[start].Line, tokens[start].Column);
            }

            parts.Add(source);
        }

        var value = parts.Any(p => p.Length == 0) ? null : PythonStringLiteral.Concatenated(parts);
        return new PyString(value, text, tokens[start].Line, tokens[start].Column);
    }

    /// <summary>An int or float literal's value as a float; null for a complex literal or one RlEnv cannot read.</summary>
    private static double? Number(string literal)
    {
        var digits = literal.Replace("_", string.Empty, StringComparison.Ordinal);
        if (digits.EndsWith('j') || digits.EndsWith('J'))
        {
            return null;
        }

        if (digits.Length > 2 && digits[0] == '0' && char.ToLowerInvariant(digits[1]) is 'x' or 'o' or 'b')
        {
            var radix = char.ToLowerInvariant(digits[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            var value = BigInteger.Zero;
            foreach (var c in digits.AsSpan(2))
            {
                var digit = char.IsAsciiDigit(c) ? c - '0' : char.ToLowerInvariant(c) - 'a' + 10;
                if (digit < 0 || digit >= radix)
                {
                    return null;
                }

                value = (value * radix) + digit;
            }

            return (double)value;
        }

        return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    /// <summary>Positions of the tokens in [start, end) outside any bracket.</summary>
    private static List<int> TopLevel(IReadOnlyList<PyToken> tokens, int start, int end)
    {
        var positions = new List<int>();
        var depth = 0;
        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            if (token.Kind == PyTokenKind.Op && token.Text is "(" or "[" or "{")
            {
                depth++;
            }
            else if (token.Kind == PyTokenKind.Op && token.Text is ")" or "]" or "}")
            {
                depth--;
            }
            else if (depth == 0)
            {
                positions.Add(i);
            }
        }

        return positions;
    }

    /// <summary>The bracket that closes the one at <paramref name="open"/>, or <paramref name="end"/> when none does.</summary>
    private static int Close(IReadOnlyList<PyToken> tokens, int open, int end)
    {
        var depth = 0;
        for (var i = open; i < end; i++)
        {
            if (tokens[i].Kind != PyTokenKind.Op)
            {
                continue;
            }

            if (tokens[i].Text is "(" or "[" or "{")
            {
                depth++;
            }
            else if (tokens[i].Text is ")" or "]" or "}" && --depth == 0)
            {
                return i;
            }
        }

        return end;
    }

    private static bool EndsOperand(PyToken token) =>
        token.Kind is PyTokenKind.Number or PyTokenKind.StringLiteral
        || (token.Kind == PyTokenKind.Name && !Keywords.Contains(token.Text))
        || (token.Kind == PyTokenKind.Op && token.Text is ")" or "]" or "}");

    private static bool IsName(PyToken token, string text) => token.Kind == PyTokenKind.Name && token.Text == text;

    private static bool IsOp(PyToken token, string text) => token.Kind == PyTokenKind.Op && token.Text == text;
}
