using Tomlyn.Syntax;

namespace RlEnv.Core.Validation;

/// <summary>The kind of a TOML value, as Python's tomllib hands it to Flash.</summary>
public enum TomlKind
{
    Table,
    Array,
    Text,
    Integral,
    Fractional,
    Boolean,
    DateTime,
}

/// <summary>
/// One TOML value with where it was written: the position of its key (for "unknown key" findings) and of
/// the value itself (for "bad value" findings). Tables keep their keys in the order written.
/// </summary>
public sealed class TomlValue
{
    private readonly Dictionary<string, TomlValue>? _entries;
    private readonly List<string>? _order;
    private readonly List<TomlValue>? _items;

    private TomlValue(TomlKind kind, object? scalar, int keyLine, int keyColumn, int line, int column)
    {
        Kind = kind;
        Scalar = scalar;
        KeyLine = keyLine;
        KeyColumn = keyColumn;
        Line = line;
        Column = column;
        if (kind == TomlKind.Table)
        {
            _entries = new Dictionary<string, TomlValue>(StringComparer.Ordinal);
            _order = [];
        }
        else if (kind == TomlKind.Array)
        {
            _items = [];
        }
    }

    public TomlKind Kind { get; }

    /// <summary>The string, long, double or bool of a scalar; null for tables, arrays and datetimes.</summary>
    public object? Scalar { get; }

    /// <summary>Where the key naming this value starts (a table header's name for a [table]).</summary>
    public int KeyLine { get; private set; }

    public int KeyColumn { get; private set; }

    /// <summary>Where the value starts.</summary>
    public int Line { get; }

    public int Column { get; }

    public bool IsTable => Kind == TomlKind.Table;

    public string? AsString => Scalar as string;

    public IReadOnlyList<string> Keys => _order ?? (IReadOnlyList<string>)[];

    public IReadOnlyList<TomlValue> Items => _items ?? (IReadOnlyList<TomlValue>)[];

    public TomlValue? this[string key] => _entries is not null && _entries.TryGetValue(key, out var value) ? value : null;

    public bool Has(string key) => _entries?.ContainsKey(key) == true;

    /// <summary>The value as Python's isinstance(v, (int, float)) sees it (a bool is not a number here).</summary>
    public bool IsNumber => Kind is TomlKind.Integral or TomlKind.Fractional;

    public double AsDouble => Scalar switch { long l => l, double d => d, _ => double.NaN };

    /// <summary>What Python's repr() would show for a scalar, for messages that quote the value as Flash does.</summary>
    public string PythonRepr() => Kind switch
    {
        TomlKind.Text => PythonStrings.Repr((string)Scalar!),
        TomlKind.Integral => ((long)Scalar!).ToString(System.Globalization.CultureInfo.InvariantCulture),
        TomlKind.Fractional => PythonStrings.ReprFloat((double)Scalar!),
        TomlKind.Boolean => (bool)Scalar! ? "True" : "False",
        TomlKind.Array => "[" + string.Join(", ", Items.Select(i => i.PythonRepr())) + "]",
        TomlKind.Table => "{" + string.Join(", ", Keys.Select(k => PythonStrings.Repr(k) + ": " + this[k]!.PythonRepr())) + "}",
        _ => "datetime",
    };

    /// <summary>Python's type name for the value (what <c>type(v).__name__</c> prints).</summary>
    public string PythonTypeName => Kind switch
    {
        TomlKind.Table => "dict",
        TomlKind.Array => "list",
        TomlKind.Text => "str",
        TomlKind.Integral => "int",
        TomlKind.Fractional => "float",
        TomlKind.Boolean => "bool",
        _ => "datetime",
    };

    /// <summary>Python truthiness: "", 0, 0.0, false, [] and {} are falsy.</summary>
    public bool IsTruthy => Kind switch
    {
        TomlKind.Text => ((string)Scalar!).Length > 0,
        TomlKind.Integral => (long)Scalar! != 0,
        TomlKind.Fractional => (double)Scalar! != 0,
        TomlKind.Boolean => (bool)Scalar!,
        TomlKind.Array => Items.Count > 0,
        TomlKind.Table => Keys.Count > 0,
        _ => true,
    };

    /// <summary>
    /// Builds the document's value tree from Tomlyn's syntax tree (which must have parsed without errors), keeping
    /// positions: top-level keys, dotted keys, [table] and [[array]] headers, inline tables and arrays.
    /// </summary>
    public static TomlValue FromDocument(DocumentSyntax document)
    {
        var root = new TomlValue(TomlKind.Table, null, 1, 1, 1, 1);
        foreach (var keyValue in document.KeyValues)
        {
            root.Assign(keyValue);
        }

        foreach (var table in document.Tables)
        {
            if (table.Name is null)
            {
                continue;
            }

            var path = KeyPath(table.Name);
            var (line, column) = Start(table);
            var target = root;
            for (var i = 0; i < path.Count; i++)
            {
                var last = i == path.Count - 1;
                if (last && table is TableArraySyntax)
                {
                    var array = target.Child(path[i], TomlKind.Array, line, column);
                    var element = new TomlValue(TomlKind.Table, null, line, column, line, column);
                    array._items?.Add(element);
                    target = element;
                }
                else
                {
                    var child = target.Child(path[i], TomlKind.Table, line, column);
                    target = child.Kind == TomlKind.Array && child.Items.Count > 0 ? child.Items[^1] : child;
                    if (last && target.IsTable)
                    {
                        // An implicit parent ([a.b] before [a]) takes the position of its own header when it comes.
                        target.KeyLine = line;
                        target.KeyColumn = column;
                    }
                }
            }

            foreach (var keyValue in table.Items.OfType<KeyValueSyntax>())
            {
                target.Assign(keyValue);
            }
        }

        return root;
    }

    /// <summary>The key's segments, unquoted: <c>a."b.c".d</c> is [a, b.c, d].</summary>
    public static List<string> KeyPath(KeySyntax key)
    {
        var path = new List<string> { Segment(key.Key) };
        if (key.DotKeys is { } dots)
        {
            foreach (var dot in dots)
            {
                path.Add(Segment(dot.Key));
            }
        }

        return path;
    }

    private static string Segment(BareKeyOrStringValueSyntax? key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
        StringValueSyntax quoted => quoted.Value ?? string.Empty,
        _ => string.Empty,
    };

    private static (int Line, int Column) Start(SyntaxNode node) => (node.Span.Start.Line + 1, node.Span.Start.Column + 1);

    private void Assign(KeyValueSyntax keyValue)
    {
        if (keyValue.Key is null || keyValue.Value is null)
        {
            return;
        }

        var path = KeyPath(keyValue.Key);
        var (keyLine, keyColumn) = Start(keyValue.Key);
        var target = this;
        foreach (var segment in path.Take(path.Count - 1))
        {
            target = target.Child(segment, TomlKind.Table, keyLine, keyColumn);
            if (!target.IsTable)
            {
                return;
            }
        }

        target.Set(path[^1], Convert(keyValue.Value, keyLine, keyColumn));
    }

    private TomlValue Child(string key, TomlKind kind, int line, int column)
    {
        if (this[key] is { } existing)
        {
            return existing;
        }

        var created = new TomlValue(kind, null, line, column, line, column);
        Set(key, created);
        return created;
    }

    private void Set(string key, TomlValue value)
    {
        if (_entries is null || _order is null)
        {
            return;
        }

        if (!_entries.ContainsKey(key))
        {
            _order.Add(key);
        }

        _entries[key] = value;
    }

    private static TomlValue Convert(ValueSyntax value, int keyLine, int keyColumn)
    {
        var (line, column) = Start(value);
        switch (value)
        {
            case StringValueSyntax s:
                return new TomlValue(TomlKind.Text, s.Value ?? string.Empty, keyLine, keyColumn, line, column);
            case IntegerValueSyntax i:
                return new TomlValue(TomlKind.Integral, i.Value, keyLine, keyColumn, line, column);
            case FloatValueSyntax f:
                return new TomlValue(TomlKind.Fractional, f.Value, keyLine, keyColumn, line, column);
            case BooleanValueSyntax b:
                return new TomlValue(TomlKind.Boolean, b.Value, keyLine, keyColumn, line, column);
            case ArraySyntax array:
                var list = new TomlValue(TomlKind.Array, null, keyLine, keyColumn, line, column);
                foreach (var item in array.Items)
                {
                    if (item.Value is { } itemValue)
                    {
                        var (itemLine, itemColumn) = Start(itemValue);
                        list._items!.Add(Convert(itemValue, itemLine, itemColumn));
                    }
                }

                return list;
            case InlineTableSyntax inline:
                var table = new TomlValue(TomlKind.Table, null, keyLine, keyColumn, line, column);
                foreach (var item in inline.Items)
                {
                    if (item.KeyValue is { } keyValue)
                    {
                        table.Assign(keyValue);
                    }
                }

                return table;
            default:
                return new TomlValue(TomlKind.DateTime, null, keyLine, keyColumn, line, column);
        }
    }
}
