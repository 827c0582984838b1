// pydantic 2 in lax mode (pydantic-core's int/float/bool/str/literal validators and Field constraints), as
// ProjectConfig(**config_data) applies them to the Python values yaml.safe_load or json.load built (rnow/models.py
// M:328-611; rnow pins pydantic 2.12.3). Checked against pydantic 2.13.4: "5", 5.0 and True are ints; "1e-4", "inf" and
// True are floats; yes/on/t/1 (any case, no padding) are booleans; nothing but str (or bytes) is a str.
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>A pydantic error: its type (int_parsing, string_type, ...) and message ("Input should be a valid integer").</summary>
/// <param name="Type">pydantic's error type.</param>
/// <param name="Message">pydantic's message.</param>
public sealed record RnPydanticError(string Type, string Message);

public static partial class RnPydantic
{
    public static readonly RnPydanticError StringType = new("string_type", "Input should be a valid string");
    public static readonly RnPydanticError IntType = new("int_type", "Input should be a valid integer");
    public static readonly RnPydanticError IntParsing = new("int_parsing", "Input should be a valid integer, unable to parse string as an integer");
    public static readonly RnPydanticError IntFromFloat = new("int_from_float", "Input should be a valid integer, got a number with a fractional part");
    public static readonly RnPydanticError FiniteNumber = new("finite_number", "Input should be a finite number");
    public static readonly RnPydanticError FloatType = new("float_type", "Input should be a valid number");
    public static readonly RnPydanticError FloatParsing = new("float_parsing", "Input should be a valid number, unable to parse string as a number");
    public static readonly RnPydanticError BoolType = new("bool_type", "Input should be a valid boolean");
    public static readonly RnPydanticError BoolParsing = new("bool_parsing", "Input should be a valid boolean, unable to interpret input");
    public static readonly RnPydanticError ListType = new("list_type", "Input should be a valid list");

    private static readonly string[] TrueWords = ["1", "on", "t", "true", "y", "yes"];
    private static readonly string[] FalseWords = ["0", "off", "f", "false", "n", "no"];

    // Digits with single underscores between them, then optionally a dot and zeros only ("3.00" is 3, "3." is not).
    [GeneratedRegex("^[+-]?[0-9](?:_?[0-9])*(?:\\.0+)?$")]
    private static partial Regex IntText();

    [GeneratedRegex("^[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")]
    private static partial Regex FloatText();

    [GeneratedRegex("^[+-]?(?:inf|infinity|nan)$", RegexOptions.IgnoreCase)]
    private static partial Regex FloatWord();

    public static (BigInteger Value, RnPydanticError? Error) ToInt(RnNode node)
    {
        switch (node.Kind)
        {
            case RnKind.Bool:
                return ((bool)node.Scalar! ? 1 : 0, null);
            case RnKind.Integral:
                return ((BigInteger)node.Scalar!, null);
            case RnKind.Real:
                var value = (double)node.Scalar!;
                return double.IsNaN(value) || double.IsInfinity(value) ? (0, FiniteNumber)
                    : value != Math.Floor(value) ? (0, IntFromFloat)
                    : (new BigInteger(value), null);
            case RnKind.Str or RnKind.Bytes:
                var text = Text(node).Trim();
                if (!IntText().IsMatch(text))
                {
                    return (0, IntParsing);
                }

                var digits = text.Split('.')[0].Replace("_", string.Empty, StringComparison.Ordinal);
                return (BigInteger.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), null);
            default:
                return (0, IntType);
        }
    }

    public static (double Value, RnPydanticError? Error) ToFloat(RnNode node)
    {
        switch (node.Kind)
        {
            case RnKind.Bool:
                return ((bool)node.Scalar! ? 1 : 0, null);
            case RnKind.Integral:
                var asDouble = (double)(BigInteger)node.Scalar!;
                return double.IsInfinity(asDouble) ? (0, FloatType) : (asDouble, null);
            case RnKind.Real:
                return ((double)node.Scalar!, null);
            case RnKind.Str or RnKind.Bytes:
                var text = Text(node).Trim();
                if (FloatWord().IsMatch(text))
                {
                    return (RnYamlScalars.PythonFloat(text), null);
                }

                // Underscores may separate any two characters, never lead, trail or double ("1_.5" passes, "1__0" does not).
                if (text.StartsWith('_') || text.EndsWith('_') || text.Contains("__", StringComparison.Ordinal))
                {
                    return (0, FloatParsing);
                }

                text = text.Replace("_", string.Empty, StringComparison.Ordinal);
                return FloatText().IsMatch(text) ? (double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), null) : (0, FloatParsing);
            default:
                return (0, FloatType);
        }
    }

    public static (bool Value, RnPydanticError? Error) ToBool(RnNode node)
    {
        switch (node.Kind)
        {
            case RnKind.Bool:
                return ((bool)node.Scalar!, null);
            case RnKind.Integral:
                var number = (BigInteger)node.Scalar!;
                return number.IsZero ? (false, null) : number.IsOne ? (true, null) : (false, BoolParsing);
            case RnKind.Real:
                var value = (double)node.Scalar!;
                return value == 0 ? (false, null) : value == 1 ? (true, null)
                    : double.IsNaN(value) || value != Math.Floor(value) ? (false, BoolType) : (false, BoolParsing);
            case RnKind.Str or RnKind.Bytes:
                var text = Text(node).ToLowerInvariant();
                return TrueWords.Contains(text) ? (true, null) : FalseWords.Contains(text) ? (false, null) : (false, BoolParsing);
            default:
                return (false, BoolType);
        }
    }

    /// <summary>A str (bytes are decoded too); nothing else, not even a number, is coerced.</summary>
    public static (string Value, RnPydanticError? Error) ToStr(RnNode node) =>
        node.Kind is RnKind.Str or RnKind.Bytes ? (Text(node), null) : (string.Empty, StringType);

    /// <summary>A Literal (or a str Enum): the exact str, case-sensitive; anything else is literal_error (enum).</summary>
    /// <param name="node">The value.</param>
    /// <param name="choices">The allowed strings, in declaration order.</param>
    /// <param name="type">literal_error for a Literal, enum for DatasetType.</param>
    public static (string Value, RnPydanticError? Error) Choice(RnNode node, IReadOnlyList<string> choices, string type = "literal_error") =>
        node.AsString is { } text && choices.Contains(text, StringComparer.Ordinal)
            ? (text, null)
            : (string.Empty, new RnPydanticError(type, "Input should be " + Alternatives(choices)));

    /// <summary>pydantic's "'a', 'b' or 'c'".</summary>
    public static string Alternatives(IReadOnlyList<string> choices) =>
        choices.Count == 1 ? $"'{choices[0]}'" : string.Join(", ", choices.Take(choices.Count - 1).Select(c => $"'{c}'")) + $" or '{choices[^1]}'";

    /// <summary>The Field constraints, in the order pydantic-core checks them (le, lt, ge, gt); NaN fails every one.</summary>
    /// <param name="value">The coerced number.</param>
    /// <param name="gt">gt=, if any.</param>
    /// <param name="ge">ge=, if any.</param>
    /// <param name="le">le=, if any.</param>
    public static RnPydanticError? Bounds(double value, double? gt = null, double? ge = null, double? le = null)
    {
        if (le is { } max && !(value <= max))
        {
            return new("less_than_equal", $"Input should be less than or equal to {Show(max)}");
        }

        if (ge is { } min && !(value >= min))
        {
            return new("greater_than_equal", $"Input should be greater than or equal to {Show(min)}");
        }

        return gt is { } floor && !(value > floor) ? new("greater_than", $"Input should be greater than {Show(floor)}") : null;
    }

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(RnNode node) =>
        node.Kind == RnKind.Bytes ? System.Text.Encoding.UTF8.GetString((byte[])node.Scalar!) : (string)node.Scalar!;
}
