using System.Text.RegularExpressions;

namespace RlEnv.Core.Diagnostics;

/// <summary>
/// MSBuild's WarningsAsErrors for the engine: which warnings one run reports as errors. Only a front chooses it (the
/// CLI's --warnaserror, MSBuild's own WarningsAsErrors and TreatWarningsAsErrors in the SDK); the catalog's severities
/// stay as they are. <see cref="DiagnosticBag"/> applies it as each diagnostic arrives, so an engine that writes
/// nothing when there are errors writes nothing for a promoted warning either.
/// </summary>
public sealed partial class WarningsAsErrors
{
    private readonly Func<string, bool> _promotes;

    private WarningsAsErrors(Func<string, bool> promotes) => _promotes = promotes;

    /// <summary>Every warning stays a warning.</summary>
    public static WarningsAsErrors None { get; } = new(_ => false);

    /// <summary>Every warning becomes an error.</summary>
    public static WarningsAsErrors All { get; } = new(_ => true);

    /// <summary>The warnings of these codes become errors (compared case-insensitively, as MSBuild does).</summary>
    public static WarningsAsErrors Codes(IEnumerable<string> codes)
    {
        var set = new HashSet<string>(codes, StringComparer.OrdinalIgnoreCase);
        return new(set.Contains);
    }

    /// <summary>The warnings a host decides about one code at a time (MSBuild's IBuildEngine8.ShouldTreatWarningAsError).</summary>
    public static WarningsAsErrors When(Func<string, bool> promotes) => new(promotes);

    /// <summary>The diagnostic as this run reports it: a warning of a promoted code becomes an error, anything else is unchanged.</summary>
    public Diagnostic Apply(Diagnostic diagnostic) =>
        diagnostic.Severity == Severity.Warning && _promotes(diagnostic.Code) ? diagnostic.AsError() : diagnostic;

    /// <summary>Whether <paramref name="text"/> is meant as a list of codes (`RLENV1102,RLENV1106` or `;`-separated), not a folder or another argument.</summary>
    public static bool LooksLikeCodes(string text) => CodeList().IsMatch(text);

    /// <summary>Reads a comma- or semicolon-separated list of catalog codes; every one must be a code RlEnv reports.</summary>
    /// <param name="text">The list as given.</param>
    /// <param name="codes">The codes, upper-cased, when it is valid.</param>
    /// <param name="problem">Why it is not, as a sentence for a usage error.</param>
    public static bool TryParseCodes(string text, out IReadOnlyList<string> codes, out string? problem)
    {
        var items = text.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.ToUpperInvariant())
            .ToList();
        var unknown = items.Where(c => DiagnosticDescriptor.Find(c) is null).ToList();
        if (items.Count == 0 || unknown.Count > 0)
        {
            codes = [];
            problem = items.Count == 0
                ? $"'{text}' names no code; give codes such as RLENV1106,RLENV1108, or no value for every warning."
                : $"{string.Join(", ", unknown)} {(unknown.Count == 1 ? "is not a code" : "are not codes")} RlEnv reports (see docs/diagnostics/README.md).";
            return false;
        }

        codes = items;
        problem = null;
        return true;
    }

    [GeneratedRegex(@"^\s*[A-Za-z]+[0-9]+\s*([,;]\s*([A-Za-z]+[0-9]+\s*)?)*$")]
    private static partial Regex CodeList();
}
