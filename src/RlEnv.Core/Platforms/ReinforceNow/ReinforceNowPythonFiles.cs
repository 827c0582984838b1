// Mirrors what `rnow run` checks in rewards.py and tools.py, and what importing them checks (rnow/cli/commands.py,
// run(), 2273-2314): rewards.py with validate_rewards_file for rl only, tools.py with validate_tools_file for every
// dataset_type when it is not empty; each stops at a syntax error ("Syntax error in rewards.py: ...", reward.py:238-242,
// tool.py:458-462). The reward names train.jsonl may use are get_reward_names_from_file's (reward.py:328-364) and
// the sandbox ones get_sandbox_names_from_file's (commands.py:387-426): an empty set when the file does not parse.
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Python;
using RlEnv.Core.Validation;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms.ReinforceNow;

internal static class ReinforceNowPythonFiles
{
    public const string RewardsFile = "rewards.py";
    public const string ToolsFile = "tools.py";

    /// <summary>Reports CPython's verdict and every reward and tool finding, and returns what train.jsonl may name.</summary>
    /// <param name="python">The analysis's .py files.</param>
    /// <param name="packed">The packed files by path (a rewards.py too large to read is still there).</param>
    /// <param name="datasetType">config's dataset_type, or null when it cannot be read.</param>
    /// <param name="diagnostics">Where findings go.</param>
    public static ReinforceNowCatalog Check(PythonFiles python, IReadOnlyDictionary<string, WalkEntry> packed, RnDatasetType? datasetType, DiagnosticBag diagnostics)
    {
        // commands.py:2274 checks rewards.py for rl only; when the type cannot be read, RlEnv checks it as for rl.
        var checksRewards = datasetType is null or RnDatasetType.Rl;

        // rnow run uploads both files for every dataset_type (commands.py:2385-2395): each must compile.
        python.Syntax.Report(diagnostics, path => path is ToolsFile or RewardsFile, "ReinforceNow");

        // commands.py:2081-2114: an RL run requires rewards.py ("Required files missing"), and refuses an empty one.
        if (datasetType == RnDatasetType.Rl && !packed.ContainsKey(RewardsFile))
        {
            diagnostics.Add(DiagnosticCatalog.RnRewardsFileAbsent(RewardsFile));
        }
        else if (datasetType == RnDatasetType.Rl && packed[RewardsFile].Size == 0)
        {
            diagnostics.Add(DiagnosticCatalog.RnRewardsFileEmpty(PathPortability.Display(RewardsFile)));
        }

        var rewards = Functions(python, RewardsFile, ReinforceNowDecorators.Reward, checksRewards, diagnostics);
        var tools = Functions(python, ToolsFile, ReinforceNowDecorators.Tool, check: true, diagnostics);
        return new ReinforceNowCatalog(rewards, tools, packed.ContainsKey(RewardsFile), packed.ContainsKey(ToolsFile));
    }

    /// <summary>The functions rnow sees in one file (name to sandbox), after reporting on each when the file is checked.</summary>
    private static Dictionary<string, bool> Functions(PythonFiles python, string file, string decorator, bool check, DiagnosticBag diagnostics)
    {
        // rnow's ast.parse refuses it: no names, and rnow run reports only the syntax error.
        if (python.Syntax.Errors.TryGetValue(file, out var error) && error.RefusedByParse || python.Scan(file) is not { } module)
        {
            return [];
        }

        var seen = ReinforceNowDecorators.Seen(module.Functions, decorator).ToList();
        if (check)
        {
            Report(file, decorator, module, seen, diagnostics);
        }

        return seen.GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Any(f => ReinforceNowDecorators.IsSandbox(f, decorator)), StringComparer.Ordinal);
    }

    private static void Report(string file, string decorator, PythonModuleInfo module, List<PythonFunction> seen, DiagnosticBag diagnostics)
    {
        var display = PathPortability.Display(file);
        var ownClasses = module.Classes.Where(c => c.Scopes.Count == 0).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        IEnumerable<Diagnostic> Findings(PythonFunction function, bool seenByRnowRun) => decorator == ReinforceNowDecorators.Reward
            ? ReinforceNowRewardRules.Check(display, function, seenByRnowRun)
            : ReinforceNowToolRules.Check(display, function, seenByRnowRun, ownClasses);

        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var function in seen)
        {
            Add(diagnostics, Findings(function, seenByRnowRun: true));
            if (!first.TryAdd(function.Name, function.Line))
            {
                diagnostics.Add(DiagnosticCatalog.RnFunctionDefinedTwice(display, decorator == ReinforceNowDecorators.Reward ? "Reward" : "Tool", function.Name, first[function.Name], function.Line, function.Column));
            }
        }

        foreach (var (function, dotted) in ReinforceNowDecorators.Dotted(module.Functions, decorator))
        {
            diagnostics.Add(DiagnosticCatalog.RnDottedDecorator(display, function.Name, dotted.Name!.Dotted, decorator, dotted.Line, dotted.Column));
            Add(diagnostics, Findings(function, seenByRnowRun: false));
        }
    }

    private static void Add(DiagnosticBag diagnostics, IEnumerable<Diagnostic> findings)
    {
        foreach (var finding in findings)
        {
            diagnostics.Add(finding);
        }
    }
}
