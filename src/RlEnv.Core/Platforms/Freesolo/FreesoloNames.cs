namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>
/// Names as Flash compares them (flash/cli/commands/env/push.py, <c>_ignore_env_push_path</c>): Python's
/// <c>str.lower()</c> and <c>Path.suffix</c>, not .NET's OrdinalIgnoreCase, which does not fold U+212A KELVIN SIGN.
/// </summary>
public static class FreesoloNames
{
    /// <summary>U+212A, whose Python lowercase is the ASCII 'k' (so <c>x.\u212Aey</c> is a <c>*.key</c> file to Flash).</summary>
    public const char KelvinSign = '\u212A';

    /// <summary>
    /// The name as Python's <c>str.lower()</c> gives it, as far as any comparison with Flash's ASCII names and
    /// patterns can tell: A-Z fold, and so does the Kelvin sign, the one non-ASCII character whose lowercase is
    /// ASCII. Every other character lowers to something non-ASCII (U+0130 to "i" plus U+0307, which no pattern can
    /// follow with its next character), so it can match only a '*', lowered or not, and is left as it is.
    /// </summary>
    public static string Lower(string name)
    {
        var index = name.AsSpan().IndexOfAny(FoldedCharacters);
        if (index < 0)
        {
            return name;
        }

        return string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c == KelvinSign ? 'k' : c;
            }
        });
    }

    /// <summary>Python's <c>PurePath.suffix</c>: from the last dot, but empty for a leading-only dot or a trailing dot.</summary>
    public static string Suffix(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && dot < name.Length - 1 ? name[dot..] : string.Empty;
    }

    private static readonly System.Buffers.SearchValues<char> FoldedCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ\u212A");
}
