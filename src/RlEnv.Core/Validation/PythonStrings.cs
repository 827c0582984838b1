using System.Globalization;
using System.Text;

namespace RlEnv.Core.Validation;

/// <summary>
/// Python's repr() of a str and a float, so a message that quotes a value reads exactly as Flash's does
/// (<c>got 'aws'</c>, <c>split='oracle'</c>).
/// </summary>
public static class PythonStrings
{
    public static string Repr(string value)
    {
        // Python picks double quotes only when the text has a single quote and no double quote.
        var quote = value.Contains('\'', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var builder = new StringBuilder(value.Length + 2).Append(quote);
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (rune.Value == quote)
                    {
                        builder.Append('\\').Append(quote);
                    }
                    else if (!IsPrintable(rune))
                    {
                        builder.Append(rune.Value switch
                        {
                            <= 0xFF => string.Create(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}"),
                            <= 0xFFFF => string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}"),
                            _ => string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}"),
                        });
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        return builder.Append(quote).ToString();
    }

    /// <summary>Python's str.strip(): str.isspace() also counts the separators U+001C..U+001F, which .NET's Trim keeps.</summary>
    public static string Strip(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && IsSpace(value[start]))
        {
            start++;
        }

        while (end > start && IsSpace(value[end - 1]))
        {
            end--;
        }

        return value[start..end];
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    // str.isprintable(): everything but the "Other" and "Separator" categories, except the ASCII space.
    private static bool IsPrintable(Rune rune) =>
        rune.Value == ' ' || Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);

    /// <summary>Python's repr() of a float: <c>1.0</c>, <c>2.5</c>, <c>1e+20</c>, <c>inf</c>, <c>nan</c>.</summary>
    public static string ReprFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var abs = Math.Abs(value);
        if (abs != 0 && (abs >= 1e16 || abs < 1e-4))
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();
            var e = text.IndexOf('e', StringComparison.Ordinal);
            if (e < 0)
            {
                return text;
            }

            var exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return text[..e] + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        var plain = value.ToString("R", CultureInfo.InvariantCulture);
        if (plain.Contains('E', StringComparison.Ordinal))
        {
            plain = value.ToString("F20", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        return plain.Contains('.', StringComparison.Ordinal) ? plain : plain + ".0";
    }
}
