// CPython's json module as rnow uses it: json.load on config.json when there is no config.yml (rnow/cli/commands.py,
// run: C:1901-1906) and json.loads on each stripped train.jsonl line when counting samples (count_train_jsonl_samples,
// C:544-564). Its dialect is not System.Text.Json's: NaN, Infinity and -Infinity are numbers, a repeated key keeps its
// last value, a leading BOM is refused ("Unexpected UTF-8 BOM"), and nesting deeper than the interpreter's recursion
// limit raises RecursionError (not a JSONDecodeError). Messages are json.decoder's own.
using System.Globalization;
using System.Numerics;
using System.Text;

namespace RlEnv.Core.Platforms.ReinforceNow;

public static class RnJsonLoader
{
    /// <summary>About where CPython's C scanner hits the default recursion limit of 1000 frames.</summary>
    public const int MaxDepth = 990;

    /// <summary>json.load on the file's bytes (decoded as UTF-8 by open()).</summary>
    public static RnLoadResult Load(byte[] bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new RnLoadResult { Error = "UnicodeDecodeError: the file is not UTF-8", Crashes = true };
        }

        if (text.StartsWith('\uFEFF'))
        {
            return new RnLoadResult { Error = "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)" };
        }

        return LoadText(text);
    }

    /// <summary>json.loads on decoded text (a train.jsonl line after str.strip()).</summary>
    public static RnLoadResult LoadText(string text)
    {
        var parser = new Parser(text);
        try
        {
            return new RnLoadResult { Root = parser.Document(), Duplicates = parser.Duplicates };
        }
        catch (JsonFailure e)
        {
            var (line, column) = RnYamlLoader.Position(text, e.Index);
            return new RnLoadResult
            {
                Error = e.Recursion ? "RecursionError: maximum recursion depth exceeded" : $"{e.Message}: line {line} column {column} (char {e.Index})",
                Crashes = e.Recursion,
                Line = line,
                Column = column,
            };
        }
    }

    /// <summary>Whether json.loads accepts <paramref name="text"/>; null when it raises something other than JSONDecodeError.</summary>
    public static bool? Accepts(string text)
    {
        try
        {
            new Parser(text, positions: false).Document();
            return true;
        }
        catch (JsonFailure e)
        {
            return e.Recursion ? null : false;
        }
    }

    private sealed class JsonFailure(string message, int index, bool recursion = false) : Exception(message)
    {
        public int Index { get; } = index;

        public bool Recursion { get; } = recursion;
    }

    private sealed class Parser(string text, bool positions = true)
    {
        private readonly List<int> _lineStarts = positions ? LineStarts(text) : [];
        private int _at;
        private int _depth;

        public List<RnDuplicateKey> Duplicates { get; } = [];

        public RnNode Document()
        {
            if (text.StartsWith('\uFEFF'))
            {
                throw new JsonFailure("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
            }

            SkipSpace();
            var value = Value();
            SkipSpace();
            return _at == text.Length ? value : throw new JsonFailure("Extra data", _at);
        }

        private void SkipSpace()
        {
            while (_at < text.Length && text[_at] is ' ' or '\t' or '\n' or '\r')
            {
                _at++;
            }
        }

        private static List<int> LineStarts(string text)
        {
            List<int> starts = [0];
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    starts.Add(i + 1);
                }
            }

            return starts;
        }

        private (int Line, int Column) Here(int index)
        {
            if (!positions)
            {
                return (0, 0);
            }

            var line = _lineStarts.BinarySearch(index);
            line = line >= 0 ? line : ~line - 1;
            return (line + 1, index - _lineStarts[line] + 1);
        }

        private RnNode Value()
        {
            var start = _at;
            if (_at >= text.Length)
            {
                throw new JsonFailure("Expecting value", _at);
            }

            var (line, column) = Here(start);
            switch (text[_at])
            {
                case '"':
                    return RnNode.Str(String(), line, column);
                case '{':
                    return Nested(() => Object(line, column));
                case '[':
                    return Nested(() => Array(line, column));
            }

            foreach (var (word, node) in new (string, Func<RnNode>)[]
            {
                ("null", () => RnNode.Null(line, column)),
                ("true", () => RnNode.Bool(true, line, column)),
                ("false", () => RnNode.Bool(false, line, column)),
                ("NaN", () => RnNode.Real(double.NaN, line, column)),
                ("Infinity", () => RnNode.Real(double.PositiveInfinity, line, column)),
                ("-Infinity", () => RnNode.Real(double.NegativeInfinity, line, column)),
            })
            {
                if (string.CompareOrdinal(text, _at, word, 0, word.Length) == 0)
                {
                    _at += word.Length;
                    return node();
                }
            }

            return Number(line, column) ?? throw new JsonFailure("Expecting value", start);
        }

        private RnNode Nested(Func<RnNode> parse)
        {
            if (++_depth > MaxDepth)
            {
                throw new JsonFailure("RecursionError", _at, recursion: true);
            }

            var node = parse();
            _depth--;
            return node;
        }

        // json.scanner NUMBER_RE (ASCII digits in the C scanner): -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?
        private RnNode? Number(int line, int column)
        {
            var start = _at;
            var i = _at;
            if (i < text.Length && text[i] == '-')
            {
                i++;
            }

            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                return null;
            }

            i = text[i] == '0' ? i + 1 : Digits(i);
            var isFloat = false;
            if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
            {
                i = Digits(i + 1);
                isFloat = true;
            }

            if (i < text.Length && text[i] is 'e' or 'E')
            {
                var j = i + 1;
                if (j < text.Length && text[j] is '+' or '-')
                {
                    j++;
                }

                if (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    i = Digits(j);
                    isFloat = true;
                }
            }

            _at = i;
            var literal = text[start..i];
            return isFloat
                ? RnNode.Real(double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture), line, column)
                : RnNode.Integral(BigInteger.Parse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), line, column);
        }

        private int Digits(int i)
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            return i;
        }

        private string String()
        {
            var start = _at;
            _at++;
            var builder = new StringBuilder();
            while (true)
            {
                if (_at >= text.Length)
                {
                    throw new JsonFailure("Unterminated string starting at", start);
                }

                var c = text[_at];
                if (c == '"')
                {
                    _at++;
                    return builder.ToString();
                }

                if (c < ' ')
                {
                    throw new JsonFailure("Invalid control character at", _at);
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    _at++;
                    continue;
                }

                if (_at + 1 >= text.Length)
                {
                    throw new JsonFailure("Unterminated string starting at", start);
                }

                var escape = text[_at + 1];
                if (escape == 'u')
                {
                    if (_at + 6 > text.Length || !ushort.TryParse(text.AsSpan(_at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit)
                        || text.AsSpan(_at + 2, 4).ContainsAny('+', '-'))
                    {
                        throw new JsonFailure("Invalid \\uXXXX escape", _at + 1);
                    }

                    builder.Append((char)unit);
                    _at += 6;
                    continue;
                }

                builder.Append(escape switch
                {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\b',
                    'f' => '\f',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => throw new JsonFailure("Invalid \\escape", _at),
                });
                _at += 2;
            }
        }

        private RnNode Object(int line, int column)
        {
            _at++;
            var entries = new List<RnEntry>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            SkipSpace();
            if (_at < text.Length && text[_at] == '}')
            {
                _at++;
                return RnNode.Dict(entries, line, column);
            }

            while (true)
            {
                if (_at >= text.Length || text[_at] != '"')
                {
                    throw new JsonFailure("Expecting property name enclosed in double quotes", _at);
                }

                var (keyLine, keyColumn) = Here(_at);
                var key = String();
                SkipSpace();
                if (_at >= text.Length || text[_at] != ':')
                {
                    throw new JsonFailure("Expecting ':' delimiter", _at);
                }

                _at++;
                SkipSpace();
                var entry = new RnEntry(RnNode.Str(key, keyLine, keyColumn), Value());
                if (seen.TryGetValue(key, out var index))
                {
                    Duplicates.Add(new RnDuplicateKey(key, entries[index].Key.Line, keyLine, keyColumn));
                    entries[index] = entry;
                }
                else
                {
                    seen[key] = entries.Count;
                    entries.Add(entry);
                }

                SkipSpace();
                if (_at < text.Length && text[_at] == '}')
                {
                    _at++;
                    return RnNode.Dict(entries, line, column);
                }

                if (_at >= text.Length || text[_at] != ',')
                {
                    throw new JsonFailure("Expecting ',' delimiter", _at);
                }

                _at++;
                SkipSpace();
            }
        }

        private RnNode Array(int line, int column)
        {
            _at++;
            var items = new List<RnNode>();
            SkipSpace();
            if (_at < text.Length && text[_at] == ']')
            {
                _at++;
                return RnNode.List(items, line, column);
            }

            while (true)
            {
                items.Add(Value());
                SkipSpace();
                if (_at < text.Length && text[_at] == ']')
                {
                    _at++;
                    return RnNode.List(items, line, column);
                }

                if (_at >= text.Length || text[_at] != ',')
                {
                    throw new JsonFailure("Expecting ',' delimiter", _at);
                }

                _at++;
                SkipSpace();
            }
        }
    }
}
