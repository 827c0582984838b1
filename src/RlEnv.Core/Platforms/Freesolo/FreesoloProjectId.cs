// Mirrors flash/core/spec.py::require_project_id (freesolo-co/flash 1.2.89), which canonicalizes with Python's
// str(uuid.UUID(value)): uuid.UUID drops "urn:" and "uuid:", strips braces, removes dashes, wants 32 characters and
// reads them with int(text, 16). So upper case, {braces}, urn:uuid: and undashed forms are all accepted.
using System.Globalization;
using System.Numerics;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.Freesolo;

public static class FreesoloProjectId
{
    /// <summary>The canonical lower-case dashed UUID Flash stores, or null when uuid.UUID refuses the text.</summary>
    public static string? Canonical(string value)
    {
        var text = PythonStrings.Strip(value);
        var hex = text.Replace("urn:", string.Empty, StringComparison.Ordinal).Replace("uuid:", string.Empty, StringComparison.Ordinal)
            .Trim('{', '}').Replace("-", string.Empty, StringComparison.Ordinal);
        if (hex.Length != 32 || PythonIntBase16(hex) is not { } number || number.Sign < 0 || number >= BigInteger.One << 128)
        {
            return null;
        }

        var digits = number.ToString("x32", CultureInfo.InvariantCulture)[^32..];
        return $"{digits[..8]}-{digits[8..12]}-{digits[12..16]}-{digits[16..20]}-{digits[20..]}";
    }

    /// <summary>Python's int(text, 16): surrounding whitespace, a sign, a 0x prefix and single underscores between digits.</summary>
    private static BigInteger? PythonIntBase16(string text)
    {
        var s = PythonStrings.Strip(text);
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.Length >= 2 && s[0] == '0' && s[1] is 'x' or 'X')
        {
            s = s[2..];
            if (s.StartsWith('_'))
            {
                s = s[1..];
            }
        }

        if (s.Length == 0 || s[0] == '_' || s[^1] == '_' || s.Contains("__", StringComparison.Ordinal))
        {
            return null;
        }

        var digits = s.Replace("_", string.Empty, StringComparison.Ordinal);
        if (!digits.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        var number = BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return negative ? -number : number;
    }
}
