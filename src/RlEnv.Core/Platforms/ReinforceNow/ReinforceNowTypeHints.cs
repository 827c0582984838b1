// Mirrors what rnow's decorators compare annotations against once get_type_hints has evaluated them:
// rnow/core/reward.py, _validate_reward_signature (`is RewardArgs`, `get_origin(t) or t` is list, `is float`), and
// rnow/core/tool.py, _is_json_serializable_type. RlEnv reads the annotation's source instead of evaluating it, so a
// name it cannot place (an import alias, a type alias) is Unknown and never reported.
using RlEnv.Core.Python;

namespace RlEnv.Core.Platforms.ReinforceNow;

internal enum HintVerdict
{
    Accepted,
    Refused,
    Unknown,
}

internal static class ReinforceNowTypeHints
{
    // Names whose object RlEnv knows: builtins and typing's, bare or under these modules.
    private static readonly HashSet<string> KnownModules = new(StringComparer.Ordinal) { "typing", "typing_extensions", "builtins", "collections", "t" };

    private static readonly HashSet<string> KnownNames = new(StringComparer.Ordinal)
    {
        "str", "int", "float", "bool", "list", "dict", "tuple", "set", "frozenset", "bytes", "bytearray", "complex", "object", "type",
        "NoneType", "Any", "List", "Dict", "Tuple", "Set", "FrozenSet", "Sequence", "Iterable", "Iterator", "Mapping", "MutableMapping",
        "Callable", "Generator", "Type", "Optional", "Union", "Literal", "Annotated",
    };

    // tool.py:29 (JSON_SERIALIZABLE_TYPES), with typing's List and Dict whose origin is list and dict, NoneType, and Any (155).
    private static readonly HashSet<string> JsonNames = new(StringComparer.Ordinal) { "str", "int", "float", "bool", "list", "dict", "List", "Dict", "NoneType", "Any" };

    /// <summary><c>hints[first] is RewardArgs</c> (reward.py:105-110).</summary>
    public static HintVerdict IsRewardArgs(PythonExpression hint) => Resolve(hint) switch
    {
        PyName name when name.Last == "RewardArgs" => HintVerdict.Accepted,
        PyName name => Known(name) is not null ? HintVerdict.Refused : HintVerdict.Unknown,
        PySubscript or PyUnion or PyNone or PyNumber => HintVerdict.Refused,
        _ => HintVerdict.Unknown,
    };

    /// <summary><c>(get_origin(t) or t) is list</c> (reward.py:118-127): list, list[...], List, List[...].</summary>
    public static HintVerdict IsList(PythonExpression hint) => Resolve(hint) switch
    {
        PyName name => Known(name) is { } known ? (known is "list" or "List" ? HintVerdict.Accepted : HintVerdict.Refused) : HintVerdict.Unknown,
        PySubscript { Target: PyName name } => Known(name) is { } known ? (known is "list" or "List" ? HintVerdict.Accepted : HintVerdict.Refused) : HintVerdict.Unknown,
        PyUnion or PyNone or PyNumber => HintVerdict.Refused,
        _ => HintVerdict.Unknown,
    };

    /// <summary><c>hints["return"] is float</c> (reward.py:132-134): only float itself.</summary>
    public static HintVerdict IsFloat(PythonExpression hint) => Resolve(hint) switch
    {
        PyName name => Known(name) is { } known ? (known == "float" ? HintVerdict.Accepted : HintVerdict.Refused) : HintVerdict.Unknown,
        PySubscript or PyUnion or PyNone or PyNumber => HintVerdict.Refused,
        _ => HintVerdict.Unknown,
    };

    /// <summary><c>_is_json_serializable_type</c> (tool.py:121-155); classes the file defines itself are never among its types.</summary>
    /// <param name="hint">The return annotation.</param>
    /// <param name="ownClasses">Names of classes defined at module level in the file.</param>
    public static HintVerdict IsJsonSerializable(PythonExpression hint, IReadOnlySet<string> ownClasses)
    {
        switch (Resolve(hint))
        {
            case PyNone:
                return HintVerdict.Accepted;
            case PyName { IsDotted: false } name when ownClasses.Contains(name.Dotted):
                return HintVerdict.Refused;
            case PyName name:
                return Known(name) is { } known ? (JsonNames.Contains(known) ? HintVerdict.Accepted : known is "Optional" or "Union" or "Literal" or "Annotated" ? HintVerdict.Unknown : HintVerdict.Refused) : HintVerdict.Unknown;
            case PySubscript { Target: PyName target } subscript:
                var items = subscript.Items;
                return Known(target) switch
                {
                    // tool.py:127 finds list and dict among its types before it would look at their arguments
                    // (131-139), so list[set] and dict[str, set] pass (ran it: 3.11.7).
                    "list" or "List" or "dict" or "Dict" or "Literal" => HintVerdict.Accepted,

                    // typing.Union flattens a `|` union among its arguments; Optional[X] is Union[X, None].
                    "Union" or "Optional" => All(items.SelectMany(Flatten).Select(i => IsJsonSerializable(i, ownClasses))),
                    null => HintVerdict.Unknown,
                    _ => HintVerdict.Refused,
                };
            case PyUnion:
                // X | Y is a types.UnionType, which tool.py:142 does not take for typing.Union (Python 3.11-3.13; 3.14 merges the two).
                return HintVerdict.Refused;
            default:
                return HintVerdict.Unknown;
        }
    }

    private static IEnumerable<PythonExpression> Flatten(PythonExpression item) =>
        Resolve(item) is PyUnion union ? Flatten(union.Left).Concat(Flatten(union.Right)) : [item];

    private static HintVerdict All(IEnumerable<HintVerdict> verdicts)
    {
        var list = verdicts.ToList();
        return list.Contains(HintVerdict.Refused) ? HintVerdict.Refused : list.Contains(HintVerdict.Unknown) ? HintVerdict.Unknown : HintVerdict.Accepted;
    }

    /// <summary>The builtin or typing name, or null when RlEnv cannot place it.</summary>
    private static string? Known(PyName name)
    {
        if (name.IsDotted && !KnownModules.Contains(name.Dotted[..name.Dotted.IndexOf('.', StringComparison.Ordinal)]))
        {
            return null;
        }

        return KnownNames.Contains(name.Last) ? name.Last : null;
    }

    /// <summary>
    /// What get_type_hints gives: a string annotation (or any under <c>from __future__ import annotations</c>) evaluated,
    /// and <c>Annotated[T, ...]</c> stripped to T.
    /// </summary>
    private static PythonExpression Resolve(PythonExpression hint)
    {
        if (hint is PySubscript { Target: PyName target, Items.Count: > 0 } annotated && Known(target) == "Annotated")
        {
            return Resolve(annotated.Items[0]);
        }

        if (hint is not PyString { Value: { } source })
        {
            return hint;
        }

        try
        {
            var tokens = PythonTokenizer.Tokenize(source.Trim()).Where(t => t.Kind != PyTokenKind.Newline).ToList();
            return PythonExpressionParser.Parse(tokens, 0, tokens.Count) is { } parsed ? Resolve(parsed) : new PyOther(hint.Text, hint.Line, hint.Column);
        }
        catch (PythonSyntaxException)
        {
            return new PyOther(hint.Text, hint.Line, hint.Column);
        }
    }
}
