// PyYAML 6.0.3's YAML 1.1 scalars, as yaml.safe_load types them for `rnow run` (C:1896): the implicit resolvers of
// yaml/resolver.py (Resolver.add_implicit_resolver: bool, float, int, merge, null, timestamp, value) and the
// constructors of yaml/constructor.py (SafeConstructor.construct_yaml_int/_float/_bool/_timestamp/_binary). They differ
// from YAML 1.2 (and from YamlDotNet's own typing): `on`/`yes` are booleans, `1e-4` is a string (a float needs a dot),
// `010` is octal, `12:30` is base 60, `2024-01-01` is a date and `=` has no constructor at all.
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>A scalar PyYAML cannot construct: safe_load raises (a YAMLError or, for a few, a bare ValueError).</summary>
/// <param name="Detail">What PyYAML says.</param>
/// <param name="Crashes">True when the exception is not a YAMLError, so `rnow run` dies with a traceback instead of "Invalid YAML".</param>
public sealed record RnScalarFailure(string Detail, bool Crashes);

public static partial class RnYamlScalars
{
    public const string StrTag = "tag:yaml.org,2002:str";
    public const string IntTag = "tag:yaml.org,2002:int";
    public const string FloatTag = "tag:yaml.org,2002:float";
    public const string BoolTag = "tag:yaml.org,2002:bool";
    public const string NullTag = "tag:yaml.org,2002:null";
    public const string TimestampTag = "tag:yaml.org,2002:timestamp";
    public const string BinaryTag = "tag:yaml.org,2002:binary";
    public const string MergeTag = "tag:yaml.org,2002:merge";
    public const string ValueTag = "tag:yaml.org,2002:value";

    private static readonly string[] TrueWords = ["yes", "true", "on"];
    private static readonly string[] FalseWords = ["no", "false", "off"];

    [GeneratedRegex("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")]
    private static partial Regex BoolPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex("^(?:~|null|Null|NULL|)$")]
    private static partial Regex NullPattern();

    [GeneratedRegex(@"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$")]
    private static partial Regex TimestampPattern();

    // constructor.py: SafeConstructor.timestamp_regexp, which construct_yaml_timestamp matches again to split the parts.
    [GeneratedRegex(@"^(?<year>[0-9][0-9][0-9][0-9])-(?<month>[0-9][0-9]?)-(?<day>[0-9][0-9]?)(?:(?:[Tt]|[ \t]+)(?<hour>[0-9][0-9]?):(?<minute>[0-9][0-9]):(?<second>[0-9][0-9])(?:\.(?<fraction>[0-9]*))?(?:[ \t]*(?<tz>Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?$")]
    private static partial Regex TimestampParts();

    /// <summary>The tag PyYAML's resolver gives a plain (unquoted, untagged) scalar; the first match in registration order wins.</summary>
    public static string Resolve(string plain)
    {
        // Resolver.resolve only consults the resolvers registered for the value's first character ('' for the empty value).
        var first = plain.Length == 0 ? '\0' : plain[0];
        if ("yYnNtTfFoO".Contains(first, StringComparison.Ordinal) && BoolPattern().IsMatch(plain))
        {
            return BoolTag;
        }

        if ("-+0123456789.".Contains(first, StringComparison.Ordinal) && FloatPattern().IsMatch(plain))
        {
            return FloatTag;
        }

        if ("-+0123456789".Contains(first, StringComparison.Ordinal) && IntPattern().IsMatch(plain))
        {
            return IntTag;
        }

        if (plain == "<<")
        {
            return MergeTag;
        }

        if ((plain.Length == 0 || "~nN".Contains(first, StringComparison.Ordinal)) && NullPattern().IsMatch(plain))
        {
            return NullTag;
        }

        if ("0123456789".Contains(first, StringComparison.Ordinal) && TimestampPattern().IsMatch(plain))
        {
            return TimestampTag;
        }

        return plain == "=" ? ValueTag : StrTag;
    }

    /// <summary>SafeConstructor's value for a scalar of this tag, or the failure safe_load raises.</summary>
    public static (RnNode? Node, RnScalarFailure? Failure) Construct(string tag, string value, int line, int column)
    {
        try
        {
            return tag switch
            {
                StrTag => (RnNode.Str(value, line, column), null),
                NullTag => (RnNode.Null(line, column), null),
                BoolTag => Bool(value, line, column),
                IntTag => (RnNode.Integral(ConstructInt(value), line, column), null),
                FloatTag => (RnNode.Real(ConstructFloat(value), line, column), null),
                TimestampTag => Timestamp(value, line, column),
                BinaryTag => Binary(value, line, column),
                _ => (null, new RnScalarFailure($"could not determine a constructor for the tag '{tag}'", false)),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException)
        {
            // Python's int()/float() raise ValueError, which is not a YAMLError: rnow does not catch it.
            return (null, new RnScalarFailure($"ValueError: {tag[(tag.LastIndexOf(':') + 1)..]}() cannot read {Validation.PythonStrings.Repr(value)}", true));
        }
    }

    private static (RnNode?, RnScalarFailure?) Bool(string value, int line, int column)
    {
        var lowered = value.ToLowerInvariant();
        return TrueWords.Contains(lowered) ? (RnNode.Bool(true, line, column), null)
            : FalseWords.Contains(lowered) ? (RnNode.Bool(false, line, column), null)
            : (null, new RnScalarFailure($"KeyError: {Validation.PythonStrings.Repr(lowered)} is not a YAML 1.1 boolean", true));
    }

    /// <summary>construct_yaml_int: underscores dropped, then 0b, 0x, a leading 0 (octal), base 60 or decimal.</summary>
    private static BigInteger ConstructInt(string text)
    {
        var value = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var sign = value[0] == '-' ? -1 : 1;
        if (value[0] is '+' or '-')
        {
            value = value[1..];
        }

        BigInteger result;
        if (value == "0")
        {
            result = 0;
        }
        else if (value.StartsWith("0b", StringComparison.Ordinal))
        {
            result = Parse(value[2..], 2);
        }
        else if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            result = Parse(value[2..], 16);
        }
        else if (value[0] == '0')
        {
            result = Parse(value, 8);
        }
        else if (value.Contains(':', StringComparison.Ordinal))
        {
            result = value.Split(':').Aggregate(BigInteger.Zero, (total, part) => (total * 60) + Parse(part, 10));
        }
        else
        {
            result = Parse(value, 10);
        }

        return sign * result;
    }

    private static BigInteger Parse(string digits, int radix)
    {
        // Python's int(text, base): surrounding whitespace is allowed, an empty body is not.
        digits = digits.Trim();
        if (digits.Length == 0)
        {
            throw new FormatException();
        }

        var result = BigInteger.Zero;
        foreach (var c in digits)
        {
            var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : 99;
            if (digit >= radix)
            {
                throw new FormatException();
            }

            result = (result * radix) + digit;
        }

        return result;
    }

    /// <summary>construct_yaml_float: underscores dropped, lower-cased, .inf/.nan, base 60, else Python's float().</summary>
    private static double ConstructFloat(string text)
    {
        var value = text.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        var sign = value[0] == '-' ? -1.0 : 1.0;
        if (value[0] is '+' or '-')
        {
            value = value[1..];
        }

        if (value == ".inf")
        {
            return sign * double.PositiveInfinity;
        }

        if (value == ".nan")
        {
            return double.NaN;
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            return sign * value.Split(':').Aggregate(0.0, (total, part) => (total * 60) + PythonFloat(part));
        }

        return sign * PythonFloat(value);
    }

    /// <summary>Python's float(str): a decimal literal, or inf/infinity/nan in any case, optionally signed and padded.</summary>
    public static double PythonFloat(string text)
    {
        var value = text.Trim();
        var body = value.TrimStart('+', '-');
        var negative = value.StartsWith('-');
        if (value.Length - body.Length <= 1)
        {
            switch (body.ToLowerInvariant())
            {
                case "inf" or "infinity":
                    return negative ? double.NegativeInfinity : double.PositiveInfinity;
                case "nan":
                    return double.NaN;
            }
        }

        if (value.Length == 0 || value.Any(c => !(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-'))
            || !value.Any(char.IsAsciiDigit)
            || !double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var result))
        {
            throw new FormatException();
        }

        return result;
    }

    private static (RnNode?, RnScalarFailure?) Timestamp(string value, int line, int column)
    {
        var match = TimestampParts().Match(value);
        if (!match.Success)
        {
            throw new FormatException();
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return (null, new RnScalarFailure($"ValueError: {Validation.PythonStrings.Repr(value)} is not a real date", true));
        }

        if (match.Groups["hour"].Success && (int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture) > 23
            || int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture) > 59 || int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture) > 59))
        {
            return (null, new RnScalarFailure($"ValueError: {Validation.PythonStrings.Repr(value)} is not a real time", true));
        }

        var shown = new DateOnly(year, month, day).ToString("'datetime.date('yyyy', 'M', 'd')'", CultureInfo.InvariantCulture);
        return (RnNode.Date(match.Groups["hour"].Success ? $"datetime.datetime({value})" : shown, line, column), null);
    }

    private static (RnNode?, RnScalarFailure?) Binary(string value, int line, int column)
    {
        try
        {
            return (RnNode.Bytes(Convert.FromBase64String(string.Concat(value.Where(c => !char.IsWhiteSpace(c)))), line, column), null);
        }
        catch (FormatException e)
        {
            return (null, new RnScalarFailure($"failed to convert base64 data: {e.Message}", false));
        }
    }
}
