using System.Globalization;
using System.Text;

namespace RlEnv.Core.Python;

/// <summary>
/// The value of a string literal token, as Python's parser gives an <c>ast.Constant</c> of type <c>str</c>: prefixes
/// and quotes removed, escapes decoded unless raw. Bytes, f-strings and t-strings are not <c>str</c> constants, so
/// they have no value here, as for Flash's import closure (flash/cli/commands/env/imports.py, <c>_dynamic_import_name</c>).
/// </summary>
public static class PythonStringLiteral
{
    // Bytes, f-strings and t-strings: not str constants.
    private static readonly System.Buffers.SearchValues<char> NotStrPrefixes = System.Buffers.SearchValues.Create("bBfFtT");

    /// <summary>The literal's value, or null when it is not a plain str literal or cannot be decoded here.</summary>
    /// <param name="source">The token's text: prefix, quotes and body.</param>
    public static string? Value(string source)
    {
        var quoteAt = source.AsSpan().IndexOfAny('\'', '"');
        if (quoteAt < 0 || quoteAt > 2)
        {
            return null;
        }

        var prefix = source.AsSpan(0, quoteAt);
        if (prefix.IndexOfAny(NotStrPrefixes) >= 0)
        {
            return null;
        }

        var raw = prefix.IndexOfAny('r', 'R') >= 0;
        var quote = source[quoteAt];
        var triple = source.Length - quoteAt >= 6 && source[quoteAt + 1] == quote && source[quoteAt + 2] == quote;
        var open = triple ? 3 : 1;
        if (source.Length - quoteAt < 2 * open || source[^1] != quote || (triple && !source.EndsWith(new string(quote, 3), StringComparison.Ordinal)))
        {
            return null;
        }

        // Python reads every line ending as \n before it parses a literal.
        var body = source[(quoteAt + open)..^open].Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return raw ? body : Unescape(body);
    }

    /// <summary>The value of adjacent literals (<c>'a' 'b'</c> is <c>'ab'</c>), or null if any has none.</summary>
    /// <param name="sources">The literal tokens' texts, in order.</param>
    public static string? Concatenated(IEnumerable<string> sources)
    {
        var value = new StringBuilder();
        foreach (var source in sources)
        {
            if (Value(source) is not { } part)
            {
                return null;
            }

            value.Append(part);
        }

        return value.ToString();
    }

    private static string? Unescape(string body)
    {
        if (!body.Contains('\\', StringComparison.Ordinal))
        {
            return body;
        }

        var value = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\' || i + 1 == body.Length)
            {
                value.Append(c);
                continue;
            }

            var next = body[++i];
            switch (next)
            {
                case '\n':
                    break;
                case '\\' or '\'' or '"':
                    value.Append(next);
                    break;
                case 'a':
                    value.Append('\a');
                    break;
                case 'b':
                    value.Append('\b');
                    break;
                case 'f':
                    value.Append('\f');
                    break;
                case 'n':
                    value.Append('\n');
                    break;
                case 'r':
                    value.Append('\r');
                    break;
                case 't':
                    value.Append('\t');
                    break;
                case 'v':
                    value.Append('\v');
                    break;
                case >= '0' and <= '7':
                    var octal = next - '0';
                    for (var n = 0; n < 2 && i + 1 < body.Length && body[i + 1] is >= '0' and <= '7'; n++)
                    {
                        octal = (octal * 8) + (body[++i] - '0');
                    }

                    value.Append((char)octal);
                    break;
                case 'x' or 'u' or 'U':
                    var digits = next == 'x' ? 2 : next == 'u' ? 4 : 8;
                    if (i + digits >= body.Length
                        || !int.TryParse(body.AsSpan(i + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                        || code is < 0 or > 0x10FFFF || (code is >= 0xD800 and <= 0xDFFF && digits == 8))
                    {
                        return null;
                    }

                    value.Append(code > 0xFFFF ? char.ConvertFromUtf32(code) : ((char)code).ToString());
                    i += digits;
                    break;
                case 'N':
                    // \N{NAME} needs Unicode's name table; a module named that way is left to the worker.
                    return null;
                default:
                    // Python keeps an unknown escape as written (with a SyntaxWarning).
                    value.Append('\\').Append(next);
                    break;
            }
        }

        return value.ToString();
    }
}
