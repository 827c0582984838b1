// The Python value `rnow run` hands to ProjectConfig(**config_data) (rnow/cli/commands.py, run: C:1888-1994), as
// yaml.safe_load or json.load builds it, with the line and column each value came from so a finding lands there.
using System.Globalization;
using System.Numerics;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>The Python type a loaded value has (what pydantic's lax mode coerces from).</summary>
public enum RnKind
{
    None,
    Bool,
    Integral,

    /// <summary>A Python float.</summary>
    Real,
    Str,
    Bytes,

    /// <summary>datetime.date or datetime.datetime (a YAML 1.1 timestamp).</summary>
    Date,
    List,

    /// <summary>A Python set (!!set): pydantic takes it where it takes a list.</summary>
    Set,
    Dict,
}

/// <summary>One key of a mapping as the loader kept it: the last value of a repeated key, at the key's own position.</summary>
/// <param name="Key">The key (a str for every key rnow can use).</param>
/// <param name="Value">Its value.</param>
public sealed record RnEntry(RnNode Key, RnNode Value);

/// <summary>A loaded value at its 1-based line and column.</summary>
public sealed class RnNode
{
    private RnNode(RnKind kind, object? scalar, IReadOnlyList<RnNode>? items, IReadOnlyList<RnEntry>? entries, int line, int column)
    {
        Kind = kind;
        Scalar = scalar;
        Items = items ?? [];
        Entries = entries ?? [];
        Line = line;
        Column = column;
    }

    public RnKind Kind { get; }

    /// <summary>bool, BigInteger, double, string, byte[] or the timestamp's text, by <see cref="Kind"/>.</summary>
    public object? Scalar { get; }

    public IReadOnlyList<RnNode> Items { get; }

    public IReadOnlyList<RnEntry> Entries { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The plain YAML scalar this value was resolved from, when YAML (not the author) chose its type.</summary>
    public string? Written { get; internal set; }

    public string? AsString => Kind == RnKind.Str ? (string)Scalar! : null;

    public bool IsDict => Kind == RnKind.Dict;

    public static RnNode Null(int line, int column) => new(RnKind.None, null, null, null, line, column);

    public static RnNode Bool(bool value, int line, int column) => new(RnKind.Bool, value, null, null, line, column);

    public static RnNode Integral(BigInteger value, int line, int column) => new(RnKind.Integral, value, null, null, line, column);

    public static RnNode Real(double value, int line, int column) => new(RnKind.Real, value, null, null, line, column);

    public static RnNode Str(string value, int line, int column) => new(RnKind.Str, value, null, null, line, column);

    public static RnNode Bytes(byte[] value, int line, int column) => new(RnKind.Bytes, value, null, null, line, column);

    public static RnNode Date(string text, int line, int column) => new(RnKind.Date, text, null, null, line, column);

    public static RnNode List(IReadOnlyList<RnNode> items, int line, int column, bool set = false) =>
        new(set ? RnKind.Set : RnKind.List, null, items, null, line, column);

    public static RnNode Dict(IReadOnlyList<RnEntry> entries, int line, int column) => new(RnKind.Dict, null, null, entries, line, column);

    /// <summary>The entry whose key is the str <paramref name="key"/>, or null.</summary>
    public RnEntry? Entry(string key) => Entries.FirstOrDefault(e => e.Key.Kind == RnKind.Str && (string)e.Key.Scalar! == key);

    public RnNode? this[string key] => Entry(key)?.Value;

    /// <summary>Python's type name, as a message names it ("int", "NoneType", "datetime.date").</summary>
    public string PythonTypeName => Kind switch
    {
        RnKind.None => "NoneType",
        RnKind.Bool => "bool",
        RnKind.Integral => "int",
        RnKind.Real => "float",
        RnKind.Str => "str",
        RnKind.Bytes => "bytes",
        RnKind.Date => ((string)Scalar!).StartsWith("datetime.datetime", StringComparison.Ordinal) ? "datetime.datetime" : "datetime.date",
        RnKind.List => "list",
        RnKind.Set => "set",
        _ => "dict",
    };

    /// <summary>Python's repr() of a scalar (what rnow prints as "Got:"), or the type for a container.</summary>
    public string Repr() => Kind switch
    {
        RnKind.None => "None",
        RnKind.Bool => (bool)Scalar! ? "True" : "False",
        RnKind.Integral => ((BigInteger)Scalar!).ToString(CultureInfo.InvariantCulture),
        RnKind.Real => FloatRepr((double)Scalar!),
        RnKind.Str => PythonStrings.Repr((string)Scalar!),
        RnKind.Bytes => "b" + PythonStrings.Repr(System.Text.Encoding.Latin1.GetString((byte[])Scalar!)),
        RnKind.Date => (string)Scalar!,
        RnKind.List => Items.Count == 0 ? "[]" : $"a list of {Items.Count}",
        RnKind.Set => $"a set of {Items.Count}",
        _ => Entries.Count == 0 ? "{}" : "a mapping",
    };

    private static string FloatRepr(double value) =>
        double.IsNaN(value) ? "nan"
        : double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value == Math.Floor(value) && Math.Abs(value) < 1e16 ? value.ToString("0.0", CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);
}
