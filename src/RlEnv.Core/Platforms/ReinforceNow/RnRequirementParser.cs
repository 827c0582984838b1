// One requirements.txt line as `packaging.requirements.Requirement(line)` parses it when rnow's validate_requirements_txt
// calls it (rnow/cli/commands.py C:644-729; rnow depends on packaging>=21.0, whose current releases parse with the
// hand-written PEP 508 grammar of packaging/_parser.py and the token rules of packaging/_tokenizer.py). The grammar:
//   requirement = WS? IDENTIFIER WS? extras WS? details END
//   extras      = ('[' WS? (IDENTIFIER (WS? ',' WS? IDENTIFIER)*)? WS? ']')?
//   details     = '@' WS? URL ((WS (marker_part)?)? | specifier WS? marker_part?
//   specifier   = '(' WS? many WS? ')' | WS? many WS?        many = (SPECIFIER (WS? ',' WS? SPECIFIER)*)?
//   marker_part = ';' marker WS?
//   marker      = atom (BOOLOP atom)*                         atom = WS? ('(' WS? marker WS? ')' | item) WS?
//   item        = WS? var WS? op WS? var WS?                  var = VARIABLE | QUOTED_STRING
// The error text and its column are packaging's, so a message reads as rnow prints it. Only the marker is kept: the
// name, extras, specifiers and URL decide nothing rnow checks offline (the PyPI requires_python lookup is not made here).
using System.Text.RegularExpressions;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>A marker expression: a comparison, or an and/or of two expressions.</summary>
public abstract record RnMarker;

/// <summary><c>left op right</c>, each side a variable name or a string value.</summary>
/// <param name="Left">The left side.</param>
/// <param name="Op">One of &lt;= &lt; != == &gt;= &gt; ~= === in, not in.</param>
/// <param name="Right">The right side.</param>
public sealed record RnMarkerCompare(RnMarkerValue Left, string Op, RnMarkerValue Right) : RnMarker;

/// <summary>
/// A run of atoms joined by and/or, as packaging evaluates it: an or of and-groups ("a or b and c" is "a or (b and c)").
/// Flat, so a long chain is walked in a loop, never by recursion.
/// </summary>
/// <param name="Groups">The and-groups; the marker holds when every atom of some group holds.</param>
public sealed record RnMarkerAnyOf(IReadOnlyList<IReadOnlyList<RnMarker>> Groups) : RnMarker;

/// <summary>A parenthesized marker: its own node, so "(a or b) and c" is not regrouped by and's precedence.</summary>
/// <param name="Inner">The expression inside the parentheses.</param>
public sealed record RnMarkerGroup(RnMarker Inner) : RnMarker;

/// <summary>A marker operand: an environment variable (normalized as packaging does) or a quoted string's value.</summary>
/// <param name="Text">The variable's name or the string's value.</param>
/// <param name="IsVariable">Whether it names a variable.</param>
public sealed record RnMarkerValue(string Text, bool IsVariable);

/// <summary>What a line parsed to: the marker (with where it starts), or packaging's error and its column.</summary>
public sealed record RnRequirementParse(RnMarker? Marker, int MarkerStart, string? Error, int ErrorColumn);

public static partial class RnRequirementParser
{
    private const string PreRelease = @"(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?";
    private const string PostRelease = @"(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?";
    private const string DevRelease = @"(?:[-_.]?dev[-_.]?[0-9]*)?";

    // packaging.specifiers.Specifier's operator and version expressions (PEP 440), one alternative per operator family.
    private const string SpecifierPattern = @"\G" + SpecifierBody;

    private const string SpecifierBody =
        @"(?:~=|==|!=|<=|>=|<|>|===)(?:"
        + @"(?<====)\s*[^\s;)]*"
        + @"|(?<===|!=)\s*v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*(?:\.\*|" + PreRelease + PostRelease + DevRelease + @"(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?)?"
        + @"|(?<=~=)\s*v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)+" + PreRelease + PostRelease + DevRelease
        + @"|(?<!==|!=|~=)\s*v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*" + PreRelease + PostRelease + DevRelease
        + ")";

    [GeneratedRegex(SpecifierPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Specifier();

    [GeneratedRegex(@"^\s*" + SpecifierBody + @"\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WholeSpecifier();

    /// <summary>Whether <c>Specifier(text)</c> accepts <paramref name="text"/> (an operator and a version), as a marker comparison tries first.</summary>
    public static bool IsSpecifier(string text) => WholeSpecifier().IsMatch(text);

    [GeneratedRegex(@"\G\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\G\b(?:python_version|python_full_version|os[._]name|sys[._]platform|platform_(?:release|system)|platform[._](?:version|machine|python_implementation)|python_implementation|implementation_(?:name|version)|extra)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();

    [GeneratedRegex(@"\G(?:'[^']*'|""[^""]*"")", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"\G(?:===|==|~=|!=|<=|>=|<|>)", RegexOptions.CultureInvariant)]
    private static partial Regex Operator();

    [GeneratedRegex(@"\G\b(?:or|and)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BoolOp();

    [GeneratedRegex(@"\G\bin\b", RegexOptions.CultureInvariant)]
    private static partial Regex In();

    [GeneratedRegex(@"\G\bnot\b", RegexOptions.CultureInvariant)]
    private static partial Regex Not();

    [GeneratedRegex(@"\G[ \t]+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\G[^ \t]+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(@"\G\.\*", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixTrail();

    [GeneratedRegex(@"\G\+[a-z0-9]+(?:[-_.][a-z0-9]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex LocalTrail();

    /// <summary>Parses one stripped, non-comment, non-option line.</summary>
    public static RnRequirementParse Parse(string line)
    {
        var parser = new Parser(line);
        try
        {
            return parser.Requirement();
        }
        catch (SyntaxFailure e)
        {
            return new RnRequirementParse(null, 0, e.Message, e.Column + 1);
        }
    }

    private sealed class SyntaxFailure(string message, int column) : Exception(message)
    {
        public int Column { get; } = column;
    }

    /// <summary>Markers nest through parentheses; a hostile line cannot recurse without bound.</summary>
    private const int MaxNesting = 64;

    private sealed class Parser(string source)
    {
        private int _at;
        private int _nesting;

        public RnRequirementParse Requirement()
        {
            Consume(Whitespace());
            Expect(Identifier(), "package name at the start of dependency specifier");
            Consume(Whitespace());
            Extras();
            Consume(Whitespace());
            var (marker, start) = Details();
            if (_at != source.Length)
            {
                throw Fail("Expected end of dependency specifier", _at);
            }

            return new RnRequirementParse(marker, start + 1, null, 0);
        }

        private (RnMarker? Marker, int Start) Details()
        {
            if (Check('@'))
            {
                _at++;
                Consume(Whitespace());
                var urlStart = _at;
                Expect(Url(), "URL after @");
                if (_at == source.Length)
                {
                    return (null, 0);
                }

                Expect(Whitespace(), "whitespace after URL");
                return _at == source.Length ? (null, 0) : MarkerPart(urlStart, "URL and whitespace");
            }

            var specifierStart = _at;
            var specified = SpecifierList();
            Consume(Whitespace());
            return _at == source.Length ? (null, 0) : MarkerPart(specifierStart, specified ? "version specifier" : "name and no valid version specifier");
        }

        private (RnMarker Marker, int Start) MarkerPart(int spanStart, string after)
        {
            if (!Check(';'))
            {
                throw Fail($"Expected end or semicolon (after {after})", spanStart);
            }

            _at++;
            var start = _at;
            while (start < source.Length && source[start] is ' ' or '\t')
            {
                start++;
            }

            var marker = Marker();
            Consume(Whitespace());
            return (marker, start);
        }

        private void Extras()
        {
            if (!Check('['))
            {
                return;
            }

            var open = _at++;
            Consume(Whitespace());
            if (Consume(Identifier()))
            {
                while (true)
                {
                    Consume(Whitespace());
                    if (Identifier().IsMatch(source, _at))
                    {
                        throw Fail("Expected comma between extra names", _at);
                    }

                    if (!Check(','))
                    {
                        break;
                    }

                    _at++;
                    Consume(Whitespace());
                    Expect(Identifier(), "extra name after comma");
                }
            }

            Consume(Whitespace());
            Close(']', "[", open, "extras");
        }

        private bool SpecifierList()
        {
            int? open = null;
            if (Check('('))
            {
                open = _at++;
            }

            Consume(Whitespace());
            var any = false;
            while (Specifier().Match(source, _at) is { Success: true } spec)
            {
                var spanStart = _at;
                _at += spec.Length;
                any = true;
                if (PrefixTrail().IsMatch(source, _at))
                {
                    throw Fail(".* suffix can only be used with `==` or `!=` operators", spanStart);
                }

                if (LocalTrail().IsMatch(source, _at))
                {
                    throw Fail("Local version label can only be used with `==` or `!=` operators", spanStart);
                }

                Consume(Whitespace());
                if (!Check(','))
                {
                    break;
                }

                _at++;
                Consume(Whitespace());
            }

            Consume(Whitespace());
            if (open is { } at)
            {
                Close(')', "(", at, "version specifier");
            }

            return any;
        }

        private RnMarker Marker()
        {
            List<List<RnMarker>> groups = [[Atom()]];
            while (BoolOp().Match(source, _at) is { Success: true } op)
            {
                _at += op.Length;
                if (op.Value == "or")
                {
                    groups.Add([]);
                }

                groups[^1].Add(Atom());
            }

            return groups is [[var single]] ? single : new RnMarkerAnyOf(groups);
        }

        private RnMarker Atom()
        {
            Consume(Whitespace());
            RnMarker marker;
            if (Check('('))
            {
                var open = _at++;
                if (++_nesting > MaxNesting)
                {
                    throw Fail($"Markers nest deeper than {MaxNesting} parentheses", open);
                }

                Consume(Whitespace());
                var inner = Marker();
                Consume(Whitespace());
                Close(')', "(", open, "marker expression");
                _nesting--;
                marker = new RnMarkerGroup(inner);
            }
            else
            {
                marker = Item();
            }

            Consume(Whitespace());
            return marker;
        }

        private RnMarkerCompare Item()
        {
            Consume(Whitespace());
            var left = Operand();
            Consume(Whitespace());
            var op = MarkerOperator();
            Consume(Whitespace());
            var right = Operand();
            Consume(Whitespace());
            return new RnMarkerCompare(left, op, right);
        }

        private RnMarkerValue Operand()
        {
            if (Variable().Match(source, _at) is { Success: true } variable)
            {
                _at += variable.Length;
                var name = variable.Value.Replace('.', '_');
                return new RnMarkerValue(name == "python_implementation" ? "platform_python_implementation" : name, true);
            }

            if (QuotedString().Match(source, _at) is { Success: true } quoted)
            {
                _at += quoted.Length;
                return new RnMarkerValue(quoted.Value[1..^1], false);
            }

            throw Fail("Expected a marker variable or quoted string", _at);
        }

        private string MarkerOperator()
        {
            if (In().Match(source, _at) is { Success: true } isIn)
            {
                _at += isIn.Length;
                return "in";
            }

            if (Not().Match(source, _at) is { Success: true } not)
            {
                _at += not.Length;
                Expect(Whitespace(), "whitespace after 'not'");
                Expect(In(), "'in' after 'not'");
                return "not in";
            }

            if (Operator().Match(source, _at) is { Success: true } op)
            {
                _at += op.Length;
                return op.Value;
            }

            throw Fail("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in", _at);
        }

        private void Close(char close, string open, int openAt, string around)
        {
            if (!Check(close))
            {
                throw Fail($"Expected matching {(close == ')' ? "RIGHT_PARENTHESIS" : "RIGHT_BRACKET")} for {(open == "(" ? "LEFT_PARENTHESIS" : "LEFT_BRACKET")}, after {around}", openAt);
            }

            _at++;
        }

        private bool Check(char c) => _at < source.Length && source[_at] == c;

        private bool Consume(Regex token)
        {
            var match = token.Match(source, _at);
            if (!match.Success)
            {
                return false;
            }

            _at += match.Length;
            return true;
        }

        private void Expect(Regex token, string expected)
        {
            if (!Consume(token))
            {
                throw Fail("Expected " + expected, _at);
            }
        }

        private static SyntaxFailure Fail(string message, int column) => new(message, column);
    }

}
