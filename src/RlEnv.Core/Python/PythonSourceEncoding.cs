// Mirrors CPython's source decoding (Parser/tokenizer.c: check_bom, check_coding_spec, get_coding_spec,
// get_normal_name; PEP 263 and PEP 3120), the rule `compile(bytes, ...)` applies: what RlEnv's syntax check asks
// the interpreter, and so the one rule every other reader of a .py file uses too.
using System.Text;

namespace RlEnv.Core.Python;

/// <summary>
/// How CPython turns a source file's bytes into text: a UTF-8 byte-order mark means UTF-8 (and a coding declaration
/// naming anything else is an error); otherwise a PEP 263 declaration (<c># -*- coding: NAME -*-</c>) on line 1, or on
/// line 2 when line 1 is blank or only a comment, names the codec; otherwise UTF-8. Bytes the codec refuses make the
/// file unreadable, as CPython's SyntaxError does.
/// </summary>
public static class PythonSourceEncoding
{
    public const string Utf8 = "utf-8";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file as CPython reads it: its text (without a BOM), the codec's normal name, or why it cannot be read.</summary>
    /// <param name="bytes">The whole file.</param>
    public static PythonDecoded Decode(ReadOnlySpan<byte> bytes)
    {
        var bom = bytes.StartsWith("\uFEFF"u8);
        var body = bom ? bytes[3..] : bytes;
        var declared = Declaration(body);
        if (bom && declared is not null && declared != Utf8)
        {
            return new PythonDecoded(null, declared, $"it starts with a UTF-8 byte-order mark but declares the encoding '{declared}' (CPython: encoding problem: {declared} with BOM)");
        }

        var name = declared ?? Utf8;
        var encoding = name == Utf8 ? StrictUtf8 : Lookup(name);
        if (encoding is null)
        {
            return new PythonDecoded(null, name, $"it declares the source encoding '{name}', which RlEnv cannot decode");
        }

        try
        {
            return new PythonDecoded(encoding.GetString(body), name, null);
        }
        catch (DecoderFallbackException)
        {
            return new PythonDecoded(null, name, declared is null
                ? "it is not valid UTF-8, Python's default source encoding"
                : $"it is not valid {name}, the encoding its coding declaration names");
        }
    }

    /// <summary>The normal name of the codec line 1 or 2 declares, or null.</summary>
    private static string? Declaration(ReadOnlySpan<byte> body)
    {
        var first = Line(body, 0, out var next);
        if (Spec(first, out var onlyComment) is { } spec)
        {
            return spec;
        }

        // Line 2 counts only after a line 1 that is blank or a comment, and not after a backslash continuation.
        return onlyComment && next < body.Length ? Spec(Line(body, next, out _), out _) : null;
    }

    /// <summary>One line with its end ('\n', "\r\n" or a lone '\r').</summary>
    private static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> text, int start, out int next)
    {
        var rest = text[start..];
        var end = rest.IndexOfAny((byte)'\n', (byte)'\r');
        if (end < 0)
        {
            next = text.Length;
            return rest;
        }

        var length = rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? end + 2 : end + 1;
        next = start + length;
        return rest[..length];
    }

    /// <summary>get_coding_spec: "coding" then ':' or '=' then a name, inside the comment that is the line's only content.</summary>
    /// <param name="line">The line, its end included.</param>
    /// <param name="onlyComment">Whether the line is blank or a comment (so line 2 may still declare).</param>
    private static string? Spec(ReadOnlySpan<byte> line, out bool onlyComment)
    {
        onlyComment = true;
        var i = 0;
        for (; i < line.Length; i++)
        {
            if (line[i] is (byte)'#' or (byte)'\n' or (byte)'\r')
            {
                break;
            }

            if (line[i] is not ((byte)' ' or (byte)'\t' or (byte)'\f'))
            {
                onlyComment = false;
                return null;
            }
        }

        // CPython searches only to six bytes before the line's end (its end included).
        for (; i < line.Length - 6; i++)
        {
            if (!line[i..].StartsWith("coding"u8) || line[i + 6] is not ((byte)':' or (byte)'='))
            {
                continue;
            }

            var t = i + 7;
            while (t < line.Length && line[t] is (byte)' ' or (byte)'\t')
            {
                t++;
            }

            var begin = t;
            while (t < line.Length && (char.IsAsciiLetterOrDigit((char)line[t]) || line[t] is (byte)'-' or (byte)'_' or (byte)'.'))
            {
                t++;
            }

            if (t > begin)
            {
                return NormalName(Encoding.ASCII.GetString(line[begin..t]));
            }
        }

        return null;
    }

    /// <summary>get_normal_name: the UTF-8 and Latin-1 spellings folded (only the first 12 characters are looked at).</summary>
    private static string NormalName(string name)
    {
        var head = name[..Math.Min(12, name.Length)].Replace('_', '-').ToLowerInvariant();
        if (head == "utf-8" || head.StartsWith("utf-8-", StringComparison.Ordinal))
        {
            return Utf8;
        }

        string[] latin1 = ["latin-1", "iso-8859-1", "iso-latin-1"];
        return latin1.Any(l => head == l || head.StartsWith(l + "-", StringComparison.Ordinal)) ? "iso-8859-1" : name;
    }

    /// <summary>The codec, strict as Python's default "strict" error handler, or null when .NET has none by that name.</summary>
    private static Encoding? Lookup(string name)
    {
        // Python's codec lookup ignores case and treats '-', '_' and ' ' alike.
        var key = name.ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        if (key is "iso-8859-1" or "latin1" or "latin" or "l1" or "cp819" or "8859" or "iso8859-1")
        {
            return Encoding.GetEncoding("iso-8859-1", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }

        if (key is "utf8" or "u8" or "utf" or "cp65001")
        {
            return StrictUtf8;
        }

        if (key is "ascii" or "us-ascii" or "646")
        {
            return Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }

        // cp1252 and windows-1252 are code page 1252 to Python; .NET knows the code page by number.
        foreach (var prefix in (string[])["cp", "windows-"])
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(key.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page))
            {
                return CodePage(page);
            }
        }

        var iso = key.StartsWith("iso8859-", StringComparison.Ordinal) ? "iso-8859-" + key["iso8859-".Length..] : key;
        return CodePagesEncodingProvider.Instance.GetEncoding(iso, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static Encoding? CodePage(int page)
    {
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(page, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                ?? Encoding.GetEncoding(page, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}

/// <summary>A source file decoded as CPython decodes it.</summary>
/// <param name="Text">The text without a byte-order mark, or null when it cannot be decoded.</param>
/// <param name="Encoding">The codec's normal name (<c>utf-8</c> unless a declaration names another).</param>
/// <param name="Problem">Why it cannot be decoded, as a clause ("it is not valid UTF-8, ..."), or null.</param>
public sealed record PythonDecoded(string? Text, string Encoding, string? Problem);
