// A requirement's environment marker as rnow's validate_requirements_txt evaluates it (rnow/cli/commands.py C:689-719):
// packaging's Marker.evaluate over default_environment() of the machine running `rnow run`, with python_version and
// python_full_version set to "3.11" (the trainer's Python) and extra "" (packaging's default). A comparison is
// packaging.markers._eval_op: when `op + right` is a valid PEP 440 specifier the left side must be contained in it,
// otherwise Python's string operators apply; "a or b and c" is "a or (b and c)".
//
// Every other variable (sys_platform, os_name, platform_*, implementation_*) is the user's machine, not the trainer's,
// so it has no single answer: the evaluation is three-valued (Kleene), and a marker is "excluded" only when it is false
// whatever those variables hold. Version forms beyond a release number (pre, post, dev, local, epoch) are left unknown
// too, rather than guessed.
using System.Globalization;
using System.Text.RegularExpressions;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>A marker's value: decided, or depending on what RlEnv cannot know.</summary>
public enum RnMarkerTruth
{
    False,
    True,
    Unknown,
}

public static partial class RnMarkerEvaluator
{
    /// <summary>The trainer's Python as rnow sets it (target_python="3.11").</summary>
    public const string TargetPython = "3.11";

    [GeneratedRegex(@"^\s*v?([0-9]+(?:\.[0-9]+)*)(\.\*)?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Release();

    /// <summary>Evaluates <paramref name="marker"/>; <paramref name="undecided"/> collects why a part could not be decided.</summary>
    public static RnMarkerTruth Evaluate(RnMarker marker, ISet<string> undecided) => marker switch
    {
        RnMarkerGroup group => Evaluate(group.Inner, undecided),
        RnMarkerAnyOf any => any.Groups.Aggregate(RnMarkerTruth.False, (truth, group) => Or(truth, group.Aggregate(RnMarkerTruth.True, (all, atom) => And(all, Evaluate(atom, undecided))))),
        RnMarkerCompare compare => Compare(compare, undecided),
        _ => RnMarkerTruth.Unknown,
    };

    private static RnMarkerTruth And(RnMarkerTruth a, RnMarkerTruth b) =>
        a == RnMarkerTruth.False || b == RnMarkerTruth.False ? RnMarkerTruth.False
        : a == RnMarkerTruth.True && b == RnMarkerTruth.True ? RnMarkerTruth.True : RnMarkerTruth.Unknown;

    private static RnMarkerTruth Or(RnMarkerTruth a, RnMarkerTruth b) =>
        a == RnMarkerTruth.True || b == RnMarkerTruth.True ? RnMarkerTruth.True
        : a == RnMarkerTruth.False && b == RnMarkerTruth.False ? RnMarkerTruth.False : RnMarkerTruth.Unknown;

    private static string? Known(RnMarkerValue value, ISet<string> undecided)
    {
        if (!value.IsVariable)
        {
            return value.Text;
        }

        switch (value.Text)
        {
            case "python_version" or "python_full_version":
                return TargetPython;
            case "extra":
                return string.Empty;
            default:
                undecided.Add(value.Text);
                return null;
        }
    }

    private static RnMarkerTruth Compare(RnMarkerCompare compare, ISet<string> undecided)
    {
        var left = Known(compare.Left, undecided);
        var right = Known(compare.Right, undecided);
        if (left is null || right is null)
        {
            return RnMarkerTruth.Unknown;
        }

        // _eval_op: Specifier(op + right).contains(left) when that specifier is valid, Python's operators otherwise.
        if (compare.Op is "in" or "not in" || !RnRequirementParser.IsSpecifier(compare.Op + right))
        {
            return Strings(compare.Op, left, right, undecided);
        }

        if (compare.Op == "===")
        {
            // Specifier._compare_arbitrary: str(Version(left)).lower() == right.lower().
            return string.Equals(left.Trim(), right.Trim(), StringComparison.OrdinalIgnoreCase) ? RnMarkerTruth.True : RnMarkerTruth.False;
        }

        if (Release().Match(right) is { Success: true } spec)
        {
            var wildcard = spec.Groups[2].Success;
            if (wildcard && compare.Op is not ("==" or "!="))
            {
                return Strings(compare.Op, left, right, undecided);
            }

            if (Release().Match(left) is not { Success: true, Groups: var l } || l[2].Success)
            {
                undecided.Add($"the version '{left}'");
                return RnMarkerTruth.Unknown;
            }

            return Versions(compare.Op, Parts(l[1].Value), Parts(spec.Groups[1].Value), wildcard) is { } result
                ? result ? RnMarkerTruth.True : RnMarkerTruth.False
                : Unknown(undecided, $"the comparison '{left}' {compare.Op} '{right}'");
        }

        // A version with a pre, post, dev or local part, or an epoch: packaging compares it as PEP 440; not decided here.
        return Unknown(undecided, $"the version '{right}'");
    }

    private static RnMarkerTruth Unknown(ISet<string> undecided, string why)
    {
        undecided.Add(why);
        return RnMarkerTruth.Unknown;
    }

    private static RnMarkerTruth Strings(string op, string left, string right, ISet<string> undecided)
    {
        var result = op switch
        {
            "in" => right.Contains(left, StringComparison.Ordinal),
            "not in" => !right.Contains(left, StringComparison.Ordinal),
            "==" => left == right,
            "!=" => left != right,
            "<" => string.CompareOrdinal(left, right) < 0,
            "<=" => string.CompareOrdinal(left, right) <= 0,
            ">" => string.CompareOrdinal(left, right) > 0,
            ">=" => string.CompareOrdinal(left, right) >= 0,
            _ => (bool?)null,
        };

        // ~= and === on a string that is no version raise UndefinedComparison: rnow crashes, RlEnv does not decide.
        return result is { } value ? value ? RnMarkerTruth.True : RnMarkerTruth.False : Unknown(undecided, $"the comparison '{left}' {op} '{right}'");
    }

    private static int[] Parts(string release) => [.. release.Split('.').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue)];

    private static bool? Versions(string op, int[] candidate, int[] spec, bool wildcard)
    {
        switch (op)
        {
            case "==" or "!=":
                var equal = wildcard ? Prefix(candidate, spec) : Order(candidate, spec) == 0;
                return op == "==" ? equal : !equal;
            case "<":
                return Order(candidate, spec) < 0;
            case "<=":
                return Order(candidate, spec) <= 0;
            case ">":
                return Order(candidate, spec) > 0;
            case ">=":
                return Order(candidate, spec) >= 0;
            case "~=":
                return spec.Length >= 2 && Order(candidate, spec) >= 0 && Prefix(candidate, spec[..^1]);
            default:
                return null;
        }
    }

    // Release segments compare with trailing zeros padded (3.11 == 3.11.0).
    private static int Order(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : 0;
            var y = i < b.Length ? b[i] : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }

    // ==3.* : the candidate, padded to the prefix's length, starts with the prefix.
    private static bool Prefix(int[] candidate, int[] prefix)
    {
        for (var i = 0; i < prefix.Length; i++)
        {
            if ((i < candidate.Length ? candidate[i] : 0) != prefix[i])
            {
                return false;
            }
        }

        return true;
    }
}
