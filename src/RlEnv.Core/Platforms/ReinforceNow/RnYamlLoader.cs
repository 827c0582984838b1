// yaml.safe_load as `rnow run` calls it on config.yml (rnow/cli/commands.py, run: C:1893-1900), rebuilt over YamlDotNet's
// event parser so each value keeps its line and column. PyYAML 6.0.3's composer and SafeConstructor decide what the
// events mean: exactly one document (composer.py get_single_node), anchors defined once (compose_node), `<<` merge keys
// (SafeConstructor.flatten_mapping), hashable keys, and a repeated key silently keeping its last value
// (construct_mapping assigns into a dict). YamlDotNet's own representation model differs on all four: it refuses
// repeated keys and ignores `<<`.
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>A key given twice in one mapping: PyYAML keeps the last value.</summary>
/// <param name="Key">The key as written.</param>
/// <param name="FirstLine">Where it first appears.</param>
/// <param name="Line">The repeat's line.</param>
/// <param name="Column">The repeat's column.</param>
public sealed record RnDuplicateKey(string Key, int FirstLine, int Line, int Column);

/// <summary>What loading a config gave: the root (null for an empty document), or why the loader stops.</summary>
public sealed class RnLoadResult
{
    public RnNode? Root { get; init; }

    /// <summary>The loader's own error ("Invalid YAML in config file" / "Invalid JSON in config file"), if any.</summary>
    public string? Error { get; init; }

    /// <summary>True when the failure is an exception rnow does not catch, so `rnow run` ends in a traceback.</summary>
    public bool Crashes { get; init; }

    public int Line { get; init; } = 1;

    public int Column { get; init; } = 1;

    public IReadOnlyList<RnDuplicateKey> Duplicates { get; init; } = [];

    public bool Failed => Error is not null;
}

public static class RnYamlLoader
{
    public static RnLoadResult Load(string text)
    {
        // reader.py Reader.check_printable: safe_load refuses these characters before it parses anything.
        if (FirstNonPrintable(text) is { } bad)
        {
            var (line, column) = Position(text, bad);
            return new RnLoadResult
            {
                Error = $"unacceptable character #x{char.ConvertToUtf32(text, bad):x4}: special characters are not allowed",
                Line = line,
                Column = column,
            };
        }

        Composed? root;
        try
        {
            root = Compose(text);
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            if (message.Contains("tab character", StringComparison.OrdinalIgnoreCase) && IndentationTab(text, (int)e.Start.Index) is { } tab)
            {
                // YamlDotNet blames the plain scalar a tab-indented line would continue; PyYAML's scanner stops at the tab
                // itself (scan_plain_spaces skips spaces only, then fetch_more_tokens finds no token starting with '\t').
                var (tabLine, tabColumn) = Position(text, tab);
                return new RnLoadResult { Error = "while scanning for the next token found character '\\t' that cannot start any token", Line = tabLine, Column = tabColumn };
            }

            return new RnLoadResult { Error = message, Line = (int)e.Start.Line, Column = (int)e.Start.Column };
        }
        catch (ComposeException e)
        {
            return new RnLoadResult { Error = e.Message, Line = e.Line, Column = e.Column };
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some unclosed flow collections ("key: [4" followed
            // by more keys); PyYAML reports "while parsing a flow sequence" there, so name the line that leaves one open.
            var line = UnclosedFlowLine(text);
            return new RnLoadResult { Error = "while parsing a flow collection: a [ or { is never closed", Line = line, Column = 1 };
        }

        if (root is null)
        {
            return new RnLoadResult();
        }

        var constructor = new Constructor();
        try
        {
            return new RnLoadResult { Root = constructor.Construct(root), Duplicates = constructor.Duplicates };
        }
        catch (ComposeException e)
        {
            return new RnLoadResult { Error = e.Message, Crashes = e.Crashes, Line = e.Line, Column = e.Column };
        }
    }

    internal static (int Line, int Column) Position(string text, int index)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                start = i + 1;
            }
        }

        return (line, index - start + 1);
    }

    /// <summary>The first tab at or after <paramref name="from"/> that stands in a line's indentation (only blanks before it).</summary>
    private static int? IndentationTab(string text, int from)
    {
        for (var i = Math.Clamp(from, 0, text.Length); i < text.Length; i++)
        {
            if (text[i] != '\t')
            {
                continue;
            }

            var start = text.LastIndexOf('\n', Math.Max(i - 1, 0)) + 1;
            if (i == 0 || text.AsSpan(start, i - start).IndexOfAnyExcept(' ', '\t') < 0)
            {
                return i;
            }
        }

        return null;
    }

    // [^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff] (a BOM at the start is dropped before this).
    private static int? FirstNonPrintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (!(c is '\t' or '\n' or '\r' or (>= ' ' and <= '~') or '\u0085' or (>= '\u00A0' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD')))
            {
                return i;
            }
        }

        return null;
    }

    private static Composed? Compose(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, (Composed Node, Mark Start)>(StringComparer.Ordinal);
        var stack = new Stack<Composed>();
        Composed? document = null;
        var documents = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            switch (current)
            {
                case DocumentStart start:
                    if (++documents == 2)
                    {
                        throw new ComposeException("expected a single document in the stream, but found another document", start.Start);
                    }

                    break;
                case Scalar scalar:
                    Attach(stack, ref document, Register(anchors, scalar.Anchor, scalar.Start, Composed.ForScalar(scalar)));
                    break;
                case SequenceStart sequence:
                    stack.Push(Register(anchors, sequence.Anchor, sequence.Start, Composed.ForCollection(false, sequence.Tag, sequence.Start)));
                    break;
                case MappingStart mapping:
                    stack.Push(Register(anchors, mapping.Anchor, mapping.Start, Composed.ForCollection(true, mapping.Tag, mapping.Start)));
                    break;
                case SequenceEnd or MappingEnd:
                    var done = stack.Pop();
                    done.Complete = true;
                    Attach(stack, ref document, done);
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new ComposeException($"found undefined alias '{alias.Value.Value}'", alias.Start);
                    }

                    if (!target.Node.Complete)
                    {
                        throw new ComposeException($"alias '{alias.Value.Value}' refers to a mapping or list that contains it; PyYAML builds a structure that loops, which RlEnv does not follow (no config needs one)", alias.Start);
                    }

                    Attach(stack, ref document, target.Node);
                    break;
            }
        }

        return document;
    }

    private static Composed Register(Dictionary<string, (Composed Node, Mark Start)> anchors, AnchorName anchor, Mark start, Composed node)
    {
        if (!anchor.IsEmpty)
        {
            if (anchors.TryGetValue(anchor.Value, out var first))
            {
                throw new ComposeException($"found duplicate anchor '{anchor.Value}'; first occurrence at line {first.Start.Line}", start);
            }

            anchors.Add(anchor.Value, (node, start));
        }

        return node;
    }

    private static void Attach(Stack<Composed> stack, ref Composed? document, Composed node)
    {
        if (stack.Count == 0)
        {
            document = node;
        }
        else
        {
            stack.Peek().Children.Add(node);
        }
    }

    /// <summary>A node as the composer leaves it: a tagged scalar, or a collection of composed children (mapping: key, value, ...).</summary>
    private sealed class Composed
    {
        public bool IsScalar { get; private init; }

        public bool IsMapping { get; private init; }

        public string Tag { get; private init; } = string.Empty;

        public string Value { get; private init; } = string.Empty;

        public int Line { get; private init; }

        public int Column { get; private init; }

        public bool Complete { get; set; }

        /// <summary>Whether the resolver, not a tag or quotes, chose the scalar's type.</summary>
        public bool Implicit { get; private init; }

        public List<Composed> Children { get; } = [];

        public static Composed ForScalar(Scalar scalar)
        {
            // parser.py: a plain untagged scalar, or one tagged '!', is resolved implicitly (even '! "12"' becomes 12).
            var implicitly = (scalar.Tag.IsEmpty && scalar.Style == ScalarStyle.Plain) || scalar.Tag.IsNonSpecific;
            var tag = implicitly ? RnYamlScalars.Resolve(scalar.Value) : scalar.Tag.IsEmpty ? RnYamlScalars.StrTag : scalar.Tag.Value;
            return new Composed { IsScalar = true, Implicit = implicitly, Tag = tag, Value = scalar.Value, Line = (int)scalar.Start.Line, Column = (int)scalar.Start.Column, Complete = true };
        }

        public static Composed ForCollection(bool mapping, TagName tag, Mark start) => new()
        {
            IsMapping = mapping,
            Tag = tag.IsEmpty || tag.IsNonSpecific ? (mapping ? "tag:yaml.org,2002:map" : "tag:yaml.org,2002:seq") : tag.Value,
            Line = (int)start.Line,
            Column = (int)start.Column,
        };
    }

    /// <summary>SafeConstructor: builds each node once (aliases share it), flattening merges and keeping the last of repeated keys.</summary>
    private sealed class Constructor
    {
        private readonly Dictionary<Composed, RnNode> _built = new(ReferenceEqualityComparer.Instance);

        public List<RnDuplicateKey> Duplicates { get; } = [];

        public RnNode Construct(Composed node)
        {
            if (_built.TryGetValue(node, out var done))
            {
                return done;
            }

            var built = node.IsScalar ? Scalar(node) : node.IsMapping ? Mapping(node) : Sequence(node);
            _built[node] = built;
            return built;
        }

        private static RnNode Scalar(Composed node)
        {
            var (value, failure) = RnYamlScalars.Construct(node.Tag, node.Value, node.Line, node.Column);
            if (value is null)
            {
                throw new ComposeException(failure!.Detail, node.Line, node.Column, failure.Crashes);
            }

            if (node.Implicit)
            {
                value.Written = node.Value;
            }

            return value;
        }

        private RnNode Sequence(Composed node)
        {
            switch (node.Tag)
            {
                case "tag:yaml.org,2002:seq":
                    return RnNode.List([.. node.Children.Select(Construct)], node.Line, node.Column);
                case "tag:yaml.org,2002:omap" or "tag:yaml.org,2002:pairs":
                    // A list of (key, value) tuples: nothing in ProjectConfig takes one, so its items only need to exist.
                    return RnNode.List([.. node.Children.Select(c => RnNode.List([], c.Line, c.Column))], node.Line, node.Column);
                default:
                    throw Unconstructable(node);
            }
        }

        private RnNode Mapping(Composed node)
        {
            if (node.Tag is not ("tag:yaml.org,2002:map" or "tag:yaml.org,2002:set"))
            {
                throw Unconstructable(node);
            }

            var entries = new List<RnEntry>();
            var positions = new Dictionary<string, int>(StringComparer.Ordinal);
            var ownLines = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (key, value) in Flatten(node, []))
            {
                var keyNode = Construct(key.Node);
                if (keyNode.Kind is RnKind.List or RnKind.Dict or RnKind.Set)
                {
                    throw new ComposeException("while constructing a mapping: found unhashable key", key.Node.Line, key.Node.Column);
                }

                var identity = Identity(keyNode);
                if (key.Own && !ownLines.TryAdd(identity, keyNode.Line))
                {
                    Duplicates.Add(new RnDuplicateKey(Text(key.Node), ownLines[identity], keyNode.Line, keyNode.Column));
                }

                var entry = new RnEntry(keyNode, Construct(value));
                if (positions.TryGetValue(identity, out var index))
                {
                    entries[index] = entry;
                }
                else
                {
                    positions[identity] = entries.Count;
                    entries.Add(entry);
                }
            }

            return node.Tag == "tag:yaml.org,2002:set"
                ? RnNode.List([.. entries.Select(e => e.Key)], node.Line, node.Column, set: true)
                : RnNode.Dict(entries, node.Line, node.Column);
        }

        /// <summary>flatten_mapping: the merged pairs first (earlier merge sources win over later ones), then the mapping's own.</summary>
        private static List<((Composed Node, bool Own) Key, Composed Value)> Flatten(Composed node, HashSet<Composed> seen)
        {
            if (!seen.Add(node))
            {
                return [];
            }

            var merged = new List<((Composed, bool), Composed)>();
            var own = new List<((Composed, bool), Composed)>();
            for (var i = 0; i + 1 < node.Children.Count; i += 2)
            {
                var key = node.Children[i];
                var value = node.Children[i + 1];
                if (!(key.IsScalar && key.Tag == RnYamlScalars.MergeTag))
                {
                    own.Add(((key, true), value));
                    continue;
                }

                if (value.IsMapping)
                {
                    merged.AddRange(Flatten(value, seen).Select(p => ((p.Key.Node, false), p.Value)));
                }
                else if (!value.IsScalar)
                {
                    var sources = new List<List<((Composed, bool), Composed)>>();
                    foreach (var source in value.Children)
                    {
                        if (!source.IsMapping)
                        {
                            throw new ComposeException("while constructing a mapping: expected a mapping for merging", source.Line, source.Column);
                        }

                        sources.Add([.. Flatten(source, seen).Select(p => ((p.Key.Node, false), p.Value))]);
                    }

                    sources.Reverse();
                    sources.ForEach(merged.AddRange);
                }
                else
                {
                    throw new ComposeException("while constructing a mapping: expected a mapping or list of mappings for merging, but found scalar", value.Line, value.Column);
                }
            }

            seen.Remove(node);
            return [.. merged, .. own];
        }

        private static ComposeException Unconstructable(Composed node) =>
            new($"could not determine a constructor for the tag '{node.Tag}'", node.Line, node.Column);

        private static string Text(Composed key) => key.IsScalar ? key.Value : "(a collection)";

        // Python dict equality: 1, 1.0 and True are the same key.
        private static string Identity(RnNode key) => key.Kind switch
        {
            RnKind.Str => "s:" + (string)key.Scalar!,
            RnKind.Bool => "n:" + ((bool)key.Scalar! ? "1" : "0"),
            RnKind.Integral => "n:" + key.Scalar,
            RnKind.Real => (double)key.Scalar! is var d && d == Math.Floor(d) && !double.IsInfinity(d) && Math.Abs(d) < 1e300
                ? "n:" + new System.Numerics.BigInteger(d) : "f:" + d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            RnKind.None => "none",
            RnKind.Bytes => "b:" + Convert.ToBase64String((byte[])key.Scalar!),
            _ => "d:" + key.Scalar,
        };
    }

    private sealed class ComposeException : Exception
    {
        public ComposeException(string message, Mark start)
            : this(message, (int)start.Line, (int)start.Column)
        {
        }

        public ComposeException(string message, int line, int column, bool crashes = false)
            : base(message)
        {
            Line = line;
            Column = column;
            Crashes = crashes;
        }

        public int Line { get; }

        public int Column { get; }

        public bool Crashes { get; }
    }

    /// <summary>The first line that ends with a flow collection still open (quotes skipped), or 1.</summary>
    private static int UnclosedFlowLine(string text)
    {
        var depth = 0;
        var line = 1;
        char? quote = null;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                if (depth > 0)
                {
                    return line;
                }

                line++;
                quote = null;
                continue;
            }

            if (quote is { } open)
            {
                quote = c == open ? null : quote;
                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '#':
                    // A comment runs to the end of the line; brackets in it do not count.
                    quote = '\n';
                    break;
            }
        }

        return depth > 0 ? line : 1;
    }
}
