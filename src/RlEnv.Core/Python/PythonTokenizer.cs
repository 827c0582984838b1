namespace RlEnv.Core.Python;

/// <summary>
/// Enough of Python's tokenizer to read statements reliably: comments, every string form
/// (prefixes, triple quotes, f-strings with nested quotes), explicit and implicit line joining.
/// A NEWLINE token ends each logical line, exactly where Python's would.
/// </summary>
public sealed class PythonTokenizer
{
    private readonly string _s;
    private readonly int[] _lineStarts;
    private readonly List<PyToken> _tokens = [];
    private readonly Stack<int> _brackets = new();
    private int _pos;

    // Replacement fields open inside one another (f"{f'{...}'}", format specs) by recursion.
    private int _fieldDepth;

    private PythonTokenizer(string source)
    {
        _s = source;
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n' || (source[i] == '\r' && (i + 1 == source.Length || source[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    /// <summary>The longest string literal, in source characters, whose text a token keeps.</summary>
    public const int MaxStringLiteralText = 4096;

    /// <summary>How deep f-string replacement fields may nest before the file is refused.</summary>
    public const int MaxFStringNesting = 200;

    public static IReadOnlyList<PyToken> Tokenize(string source)
    {
        var tokenizer = new PythonTokenizer(source);
        tokenizer.Run();
        return tokenizer._tokens;
    }

    private void Run()
    {
        if (_s.Length > 0 && _s[0] == '\uFEFF')
        {
            _pos = 1;
        }

        while (_pos < _s.Length)
        {
            var c = _s[_pos];
            if (c == '#')
            {
                SkipToEndOfLine();
            }
            else if (c == '\\' && IsNewlineAt(_pos + 1))
            {
                _pos = AfterNewline(_pos + 1);
            }
            else if (c is '\n' or '\r')
            {
                EmitNewline(_pos);
                _pos = AfterNewline(_pos);
            }
            else if (c is ' ' or '\t' or '\f')
            {
                _pos++;
            }
            else if (c is '"' or '\'')
            {
                var start = _pos;
                ScanString(start, isFormatted: false);
                Emit(PyTokenKind.StringLiteral, start);
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _s.Length && char.IsAsciiDigit(_s[_pos + 1])))
            {
                ScanNumber();
            }
            else if (IsIdentifierStart(c))
            {
                ScanNameOrPrefixedString();
            }
            else
            {
                ScanOperator(c);
            }
        }

        if (_brackets.Count > 0)
        {
            var (line, column) = Position(_brackets.Peek());
            throw new PythonSyntaxException($"'{_s[_brackets.Peek()]}' was never closed", line, column);
        }

        EmitNewline(_pos);
    }

    private void ScanOperator(char c)
    {
        var start = _pos;
        switch (c)
        {
            case '(' or '[' or '{':
                _brackets.Push(_pos);
                _pos++;
                break;
            case ')' or ']' or '}':
                if (_brackets.Count > 0)
                {
                    _brackets.Pop();
                }

                _pos++;
                break;
            default:
                _pos += _pos + 1 < _s.Length && _s[_pos + 1] == '=' && c is '=' or '!' or '<' or '>' or ':' ? 2 : 1;
                break;
        }

        Emit(PyTokenKind.Op, start);
    }

    private void ScanNumber()
    {
        var start = _pos;
        while (_pos < _s.Length)
        {
            var c = _s[_pos];
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.')
            {
                _pos++;
            }
            else if (c is '+' or '-' && _s[_pos - 1] is 'e' or 'E' && !_s.AsSpan(start, _pos - start).StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                _pos++;
            }
            else
            {
                break;
            }
        }

        Emit(PyTokenKind.Number, start);
    }

    private void ScanNameOrPrefixedString()
    {
        var start = _pos;
        while (_pos < _s.Length && IsIdentifierPart(_s[_pos]))
        {
            _pos++;
        }

        if (_pos < _s.Length && _s[_pos] is '"' or '\'' && IsStringPrefix(_s.AsSpan(start, _pos - start)))
        {
            var isFormatted = _s.AsSpan(start, _pos - start).IndexOfAny("fFtT") >= 0;
            ScanString(start, isFormatted);
            Emit(PyTokenKind.StringLiteral, start);
            return;
        }

        Emit(PyTokenKind.Name, start);
    }

    private static bool IsStringPrefix(ReadOnlySpan<char> prefix)
    {
        if (prefix.Length is 0 or > 2)
        {
            return false;
        }

        foreach (var c in prefix)
        {
            if (c is not ('r' or 'R' or 'b' or 'B' or 'u' or 'U' or 'f' or 'F' or 't' or 'T'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Scans from <paramref name="start"/> (prefix included) to just past the closing quote.</summary>
    private void ScanString(int start, bool isFormatted)
    {
        var quote = _s[_pos];
        var triple = _pos + 2 < _s.Length && _s[_pos + 1] == quote && _s[_pos + 2] == quote;
        _pos += triple ? 3 : 1;
        while (true)
        {
            if (_pos >= _s.Length)
            {
                throw Unterminated(start, triple);
            }

            var c = _s[_pos];
            if (c == '\\')
            {
                _pos = _pos + 1 < _s.Length && IsNewlineAt(_pos + 1) ? AfterNewline(_pos + 1) : _pos + 2;
            }
            else if (c is '\n' or '\r' && !triple)
            {
                throw Unterminated(start, triple);
            }
            else if (c == quote && (!triple || (_pos + 2 < _s.Length && _s[_pos + 1] == quote && _s[_pos + 2] == quote)))
            {
                _pos += triple ? 3 : 1;
                return;
            }
            else if (isFormatted && c == '{')
            {
                if (_pos + 1 < _s.Length && _s[_pos + 1] == '{')
                {
                    _pos += 2;
                }
                else
                {
                    _pos++;
                    ScanReplacementField(start, triple);
                }
            }
            else
            {
                _pos++;
            }
        }
    }

    /// <summary>An f-string's {expression[!conversion][:format_spec]}: nested strings may reuse the outer quote (PEP 701).</summary>
    private void ScanReplacementField(int stringStart, bool triple)
    {
        // CPython stops near 150 levels; without a bound a hostile file would overflow this process's stack.
        if (++_fieldDepth > MaxFStringNesting)
        {
            var (line, column) = Position(_pos - 1);
            throw new PythonSyntaxException($"f-string replacement fields nest deeper than {MaxFStringNesting} levels", line, column);
        }

        try
        {
            ScanReplacementFieldBody(stringStart, triple);
        }
        finally
        {
            _fieldDepth--;
        }
    }

    private void ScanReplacementFieldBody(int stringStart, bool triple)
    {
        var depth = 0;
        while (true)
        {
            if (_pos >= _s.Length)
            {
                throw Unterminated(stringStart, triple);
            }

            var c = _s[_pos];
            switch (c)
            {
                case '"' or '\'':
                    ScanString(_pos, isFormatted: false);
                    break;
                case '(' or '[' or '{':
                    depth++;
                    _pos++;
                    break;
                case ')' or ']':
                    depth--;
                    _pos++;
                    break;
                case '}' when depth == 0:
                    _pos++;
                    return;
                case '}':
                    depth--;
                    _pos++;
                    break;
                case ':' when depth == 0:
                    _pos++;
                    ScanFormatSpec(stringStart, triple);
                    return;
                case '#':
                    SkipToEndOfLine();
                    break;
                default:
                    if (IsIdentifierStart(c))
                    {
                        var nameStart = _pos;
                        while (_pos < _s.Length && IsIdentifierPart(_s[_pos]))
                        {
                            _pos++;
                        }

                        if (_pos < _s.Length && _s[_pos] is '"' or '\'' && IsStringPrefix(_s.AsSpan(nameStart, _pos - nameStart)))
                        {
                            ScanString(nameStart, _s.AsSpan(nameStart, _pos - nameStart).IndexOfAny("fFtT") >= 0);
                        }
                    }
                    else
                    {
                        _pos++;
                    }

                    break;
            }
        }
    }

    private void ScanFormatSpec(int stringStart, bool triple)
    {
        while (true)
        {
            if (_pos >= _s.Length)
            {
                throw Unterminated(stringStart, triple);
            }

            var c = _s[_pos];
            _pos++;
            if (c == '{')
            {
                ScanReplacementField(stringStart, triple);
            }
            else if (c == '}')
            {
                return;
            }
        }
    }

    private PythonSyntaxException Unterminated(int start, bool triple)
    {
        var (line, column) = Position(start);
        return new PythonSyntaxException(triple ? "unterminated triple-quoted string literal" : "unterminated string literal", line, column);
    }

    private void SkipToEndOfLine()
    {
        while (_pos < _s.Length && _s[_pos] is not ('\n' or '\r'))
        {
            _pos++;
        }
    }

    private bool IsNewlineAt(int i) => i < _s.Length && _s[i] is '\n' or '\r';

    private int AfterNewline(int i) => _s[i] == '\r' && i + 1 < _s.Length && _s[i + 1] == '\n' ? i + 2 : i + 1;

    private void EmitNewline(int at)
    {
        if (_brackets.Count == 0 && _tokens.Count > 0 && _tokens[^1].Kind != PyTokenKind.Newline)
        {
            var (line, column) = Position(at);
            _tokens.Add(new PyToken(PyTokenKind.Newline, string.Empty, line, column));
        }
    }

    private void Emit(PyTokenKind kind, int start)
    {
        var (line, column) = Position(start);
        // A literal keeps its source text (prefix and quotes included) up to a bound: enough for any module name
        // (import_module("judge")) without copying a multi-megabyte docstring; a longer one keeps no text.
        var text = kind == PyTokenKind.StringLiteral && _pos - start > MaxStringLiteralText ? string.Empty : _s[start.._pos];
        _tokens.Add(new PyToken(kind, text, line, column));
    }

    private (int Line, int Column) Position(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - _lineStarts[index] + 1);
    }

    private static bool IsIdentifierStart(char c) => c == '_' || char.IsLetter(c) || (c > 0x7F && char.IsSurrogate(c));

    private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c) || (c > 0x7F && (char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.ConnectorPunctuation));
}
