// Chooses the one reward file a RunRL run takes. RunRL has no project folder: a run is one prompt file and one
// reward (or environment) file, uploaded or pasted separately (rldocs/content/docs/file-formats.mdx:6-8;
// python/api-reference.mdx:75-78, one prompt_file_id and one reward_file_id). So when several .py files define a
// reward function, RlEnv names the one it checks as the run's and says why; the rule is RlEnv's own:
//   1. a file that compiles and declares reward_fn (or reward_func) as documented, before one that does not;
//   2. reward_fn, the current form, before reward_func;
//   3. reward.py, then rewards.py, then another name starting with "reward", then any other;
//   4. path order.
// A helper that also defines a reward function is then reported as not chosen, never as an error.
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Python;

namespace RlEnv.Core.Platforms.RunRl;

internal static class RunRlRewardFile
{
    /// <summary>The reward function a run takes, and the others, in the order <see cref="RunRlRewardFile"/> ranks them.</summary>
    /// <param name="python">The analysis's .py files.</param>
    /// <param name="files">The root .py files RunRL could be given.</param>
    public static List<RunRlRewardFunction> Rank(PythonFiles python, IEnumerable<string> files) =>
    [
        .. files.SelectMany(f => python.Scan(f) is { } module ? RunRlRewardFunction.In(f, module).Take(1) : [])
            .OrderBy(r => r.IsDeclaredAsDocumented && !python.Syntax.Refuses(r.Path) ? 0 : 1)
            .ThenBy(r => r.IsCurrentForm ? 0 : 1)
            .ThenBy(r => NameRank(r.Path))
            .ThenBy(r => r.Path, StringComparer.Ordinal),
    ];

    /// <summary>Why the first of <paramref name="ranked"/> is the one, for the message; null when it is the only one.</summary>
    /// <param name="ranked">As <see cref="Rank"/> returns them.</param>
    /// <param name="python">The analysis's .py files.</param>
    public static string? WhyChosen(List<RunRlRewardFunction> ranked, PythonFiles python)
    {
        if (ranked.Count < 2)
        {
            return null;
        }

        var (chosen, next) = (ranked[0], ranked[1]);
        bool Sound(RunRlRewardFunction r) => r.IsDeclaredAsDocumented && !python.Syntax.Refuses(r.Path);
        var reason = Sound(chosen) != Sound(next) ? "its reward function is declared as documented and compiles"
            : chosen.IsCurrentForm != next.IsCurrentForm ? "it defines reward_fn, the current form"
            : NameRank(chosen.Path) != NameRank(next.Path) ? $"its name ranks first (reward.py, rewards.py, reward*.py, then others)"
            : "it comes first in path order";
        return $"{ranked.Count} files define a reward function and a run takes one: {chosen.Path} is checked as the run's because {reason}";
    }

    /// <summary>
    /// Where the "no reward function" error points: a reward_fn or reward_func nested in a class or def, else a
    /// module-level def whose name holds "reward", else the file named like a reward file, else the only .py.
    /// </summary>
    /// <param name="python">The analysis's .py files.</param>
    /// <param name="files">The root .py files.</param>
    public static (string? File, PythonFunction? Near, string? What) Nearest(PythonFiles python, IReadOnlyList<string> files)
    {
        foreach (var file in files)
        {
            if (python.Scan(file)?.Functions.FirstOrDefault(f => !f.IsModuleLevel && f.Name is RunRlRewardFunction.CurrentName or RunRlRewardFunction.OldName) is { } nested)
            {
                var scope = nested.Scopes[^1];
                return (file, nested, $"{nested.Name} is defined inside {(scope.IsClass ? "class" : "def")} {scope.Name}, not at module level where RunRL looks it up");
            }
        }

        foreach (var file in files.OrderBy(NameRank).ThenBy(f => f, StringComparer.Ordinal))
        {
            if (python.Scan(file)?.Functions.FirstOrDefault(f => f.IsModuleLevel && f.Name.Contains("reward", StringComparison.OrdinalIgnoreCase)) is { } similar)
            {
                return (file, similar, $"it defines {similar.Name}, not reward_fn");
            }
        }

        var named = files.Where(f => NameRank(f) < 3).OrderBy(NameRank).ThenBy(f => f, StringComparer.Ordinal).FirstOrDefault();
        return named is not null ? (named, null, null) : files.Count == 1 ? (files[0], null, null) : (null, null, null);
    }

    private static int NameRank(string path) => Path.GetFileName(path) switch
    {
        "reward.py" => 0,
        "rewards.py" => 1,
        var name when name.StartsWith("reward", StringComparison.Ordinal) => 2,
        _ => 3,
    };

    /// <summary>Reports the choice: the chosen function (info, a warning for the old form, an error when misdeclared) and each file not chosen.</summary>
    /// <param name="ranked">As <see cref="Rank"/> returns them; not empty.</param>
    /// <param name="python">The analysis's .py files.</param>
    /// <param name="diagnostics">Where findings go.</param>
    public static void Report(List<RunRlRewardFunction> ranked, PythonFiles python, DiagnosticBag diagnostics)
    {
        var chosen = ranked[0];
        var why = WhyChosen(ranked, python);
        if (!chosen.IsDeclaredAsDocumented)
        {
            diagnostics.Add(chosen.IsCurrentForm
                ? DiagnosticCatalog.RunRlRewardFnMisdeclared(chosen.Path, chosen.Parameters, why, chosen.Line, chosen.Column)
                : DiagnosticCatalog.RunRlRewardFuncMisdeclared(chosen.Path, chosen.Parameters, why, chosen.Line, chosen.Column));
        }
        else if (!python.Syntax.Refuses(chosen.Path))
        {
            // A file CPython refuses has its error (RLENV1010) instead: "found" would say the opposite.
            diagnostics.Add(chosen.IsCurrentForm
                ? DiagnosticCatalog.RunRlRewardFnFound(chosen.Path, chosen.Function is null, why, chosen.Line, chosen.Column)
                : DiagnosticCatalog.RunRlRewardFuncOldForm(chosen.Path, why, chosen.Line, chosen.Column));
        }

        foreach (var other in ranked.Skip(1))
        {
            diagnostics.Add(DiagnosticCatalog.RunRlRewardFileNotChosen(other.Path, other.Name, chosen.Path, other.Line, other.Column));
        }
    }
}
