using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RlEnv.Core.Validation;

/// <summary>
/// Finds nesting too deep for the recursive parts of the config parsers (Tomlyn's value parser,
/// YamlDotNet's node builder) before they run: a stack overflow cannot be caught and ends the process.
/// Both checks are iterative and read the text once.
/// </summary>
public static class NestingDepth
{
    /// <summary>No real config nests anywhere near this; the parsers stay far from the stack's end below it.</summary>
    public const int MaxDepth = 200;

    public readonly record struct Position(int Line, int Column);

    /// <summary>Where arrays and inline tables first nest deeper than <paramref name="max"/>, or null.</summary>
    /// <remarks>Brackets inside strings and comments do not count; table headers count as one or two levels.</remarks>
    public static Position? Toml(string text, int max)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '#':
                    i = EndOfLine(text, i) - 1;
                    break;
                case '"' or '\'':
                    i = EndOfTomlString(text, i) - 1;
                    break;
                case '[' or '{':
                    if (++depth > max)
                    {
                        return PositionOf(text, i);
                    }

                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return null;
    }

    /// <summary>Where sequences and mappings first nest deeper than <paramref name="max"/>, or null (syntax errors are left to the loader).</summary>
    public static Position? Yaml(string text, int max)
    {
        // YamlDotNet's scanner and parser keep their own stacks; only building the node tree recurses.
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case SequenceStart or MappingStart:
                        if (++depth > max)
                        {
                            return new Position((int)Math.Min(parser.Current.Start.Line, int.MaxValue), (int)Math.Min(parser.Current.Start.Column, int.MaxValue));
                        }

                        break;
                    case SequenceEnd or MappingEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (YamlException)
        {
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some unclosed flow collections; the loader reports it.
        }

        return null;
    }

    private static int EndOfLine(string text, int i)
    {
        var end = text.IndexOf('\n', i);
        return end < 0 ? text.Length : end;
    }

    /// <summary>Just past the string starting at <paramref name="i"/>; a one-line string ends at the line's end if unclosed, as Tomlyn ends it.</summary>
    private static int EndOfTomlString(string text, int i)
    {
        var quote = text[i];
        var basic = quote == '"';
        var multiline = i + 2 < text.Length && text[i + 1] == quote && text[i + 2] == quote;
        var j = i + (multiline ? 3 : 1);
        while (j < text.Length)
        {
            var c = text[j];
            if (basic && c == '\\')
            {
                j += 2;
            }
            else if (c == quote && (!multiline || (j + 2 < text.Length && text[j + 1] == quote && text[j + 2] == quote)))
            {
                if (!multiline)
                {
                    return j + 1;
                }

                // A run of up to five quotes closes it: the first one or two belong to the content ("""a"""" is a").
                j += 3;
                for (var extra = 0; extra < 2 && j < text.Length && text[j] == quote; extra++)
                {
                    j++;
                }

                return j;
            }
            else if (!multiline && c == '\n')
            {
                return j;
            }
            else
            {
                j++;
            }
        }

        return text.Length;
    }

    private static Position PositionOf(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new Position(line, index - lineStart + 1);
    }
}
