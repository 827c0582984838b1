using System.Globalization;
using RlEnv.Core.Python;

namespace RlEnv.Core.Diagnostics;

// ReinforceNow's rewards.py and tools.py, as rnow checks them (Platforms/ReinforceNow): RLENV2360-2367.
// The quoted sentences are rnow's own (rnow/core/reward.py, rnow/core/tool.py).
public static partial class DiagnosticCatalog
{
    private const string RnowRunRefusesRewards = "`rnow run` refuses rewards.py: ";
    private const string ImportRefusesRewards = "Importing rewards.py fails, as the trainer does: Reward registration failed: ";
    private const string RnowRunRefusesTools = "`rnow run` refuses tools.py: ";
    private const string ImportRefusesTools = "Importing tools.py fails, as the trainer does: ";

    /// <param name="file">rewards.py.</param>
    /// <param name="reward">The reward's name.</param>
    /// <param name="count">How many parameters rnow counts (ast.arguments.args).</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RnRewardParameterCount(string file, string reward, int count, int line, int column) =>
        RnRewardSignatureRefused.At(file, RnowRunRefusesRewards + $"Reward '{reward}' must have exactly 2 parameters: (args: RewardArgs, messages: list). Got {count} parameters. (Only plain positional parameters count: not positional-only, keyword-only, *args or **kwargs.)", line, column);

    public static Diagnostic RnRewardReturnAnnotationMissing(string file, string reward, int line, int column) =>
        RnRewardSignatureRefused.At(file, RnowRunRefusesRewards + $"Reward '{reward}' must have a return type annotation '-> float'.", line, column);

    /// <param name="file">rewards.py.</param>
    /// <param name="reward">The reward's name.</param>
    /// <param name="parameter">The unannotated parameter.</param>
    /// <param name="hint">The hint rnow names for its position.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RnRewardParameterHintMissing(string file, string reward, string parameter, string hint, int line, int column) =>
        RnRewardSignatureRefused.At(file, RnowRunRefusesRewards + $"Reward '{reward}': parameter '{parameter}' must have type hint '{hint}'.", line, column);

    /// <param name="file">rewards.py.</param>
    /// <param name="reward">The reward's name.</param>
    /// <param name="value">The constant, as a float.</param>
    /// <param name="line">The return's line.</param>
    /// <param name="column">The return's column.</param>
    public static Diagnostic RnRewardConstantOutOfRange(string file, string reward, double value, int line, int column) =>
        RnRewardConstantOutsideRange.At(file, RnowRunRefusesRewards + $"Reward '{reward}' returns {PythonFloat.Repr(value)}, must be between 0.0 and 1.0 (line {line.ToString(CultureInfo.InvariantCulture)})", line, column);

    /// <param name="file">rewards.py.</param>
    /// <param name="reward">The reward's name.</param>
    /// <param name="parameters">Every parameter as written.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RnRewardImportParameterCount(string file, string reward, IEnumerable<string> parameters, int line, int column)
    {
        var all = parameters.ToList();
        return RnRewardImportRefused.At(file, ImportRefusesRewards + $"Reward '{reward}' must have exactly 2 parameters: (args: RewardArgs, messages: list). Got {all.Count} parameters ({string.Join(", ", all)}): the import counts every parameter.", line, column);
    }

    /// <param name="file">rewards.py.</param>
    /// <param name="reward">The reward's name.</param>
    /// <param name="parameter">The unannotated parameter.</param>
    /// <param name="hint">The hint its position needs.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RnRewardImportHintMissing(string file, string reward, string parameter, string hint, int line, int column) =>
        RnRewardImportRefused.At(file, ImportRefusesRewards + $"Reward '{reward}': parameter '{parameter}' must have type hint '{hint}'.", line, column);

    /// <param name="file">rewards.py.</param>
    /// <param name="reward">The reward's name.</param>
    /// <param name="hint">The annotation as written.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RnRewardImportFirstType(string file, string reward, string hint, int line, int column) =>
        RnRewardImportRefused.At(file, ImportRefusesRewards + $"Reward '{reward}': first parameter must be typed as 'RewardArgs', got '{hint}'.", line, column);

    /// <param name="file">rewards.py.</param>
    /// <param name="reward">The reward's name.</param>
    /// <param name="hint">The annotation as written.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RnRewardImportSecondType(string file, string reward, string hint, int line, int column) =>
        RnRewardImportRefused.At(file, ImportRefusesRewards + $"Reward '{reward}': second parameter must be typed as 'list', got '{hint}'.", line, column);

    public static Diagnostic RnRewardImportReturnMissing(string file, string reward, int line, int column) =>
        RnRewardImportRefused.At(file, ImportRefusesRewards + $"Reward '{reward}' must declare return type '-> float'.", line, column);

    /// <param name="file">rewards.py.</param>
    /// <param name="reward">The reward's name.</param>
    /// <param name="hint">The annotation as written.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RnRewardImportReturnType(string file, string reward, string hint, int line, int column) =>
        RnRewardImportRefused.At(file, ImportRefusesRewards + $"Reward '{reward}' must return 'float', got '{hint}'.", line, column);

    /// <param name="file">rewards.py or tools.py.</param>
    /// <param name="function">The decorated function.</param>
    /// <param name="decorator">The decorator as written: core.reward.</param>
    /// <param name="bare">reward or tool.</param>
    /// <param name="line">The decorator's line.</param>
    /// <param name="column">The decorator's column.</param>
    public static Diagnostic RnDottedDecorator(string file, string function, string decorator, string bare, int line, int column) =>
        RnDecoratorNotSeen.At(file,
            $"`rnow run` does not see '{function}' as a {bare}: it reads only @{bare} and @{bare}(...) by that bare name, not @{decorator}. " +
            (bare == "reward"
                ? "A train.jsonl entry that names it is refused (\"not defined in rewards.py\"), and rnow run never checks its signature."
                : "rnow run never checks its signature.") +
            $" Write `from rnow.core import {bare}` and `@{bare}`.",
            line, column);

    public static Diagnostic RnToolDocstringMissing(string file, string tool, int line, int column) =>
        RnToolSignatureRefused.At(file, RnowRunRefusesTools + $"Tool '{tool}' must have a non-empty docstring. Add a docstring to describe what the tool does and its arguments.", line, column);

    /// <param name="file">tools.py.</param>
    /// <param name="tool">The tool's name.</param>
    /// <param name="parameter">The parameter as written: *items, **options.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RnToolStarParameter(string file, string tool, string parameter, int line, int column) =>
        RnToolSignatureRefused.At(file, RnowRunRefusesTools + $"Tool '{tool}' cannot use {parameter}. Define explicit, typed parameters instead.", line, column);

    public static Diagnostic RnToolReturnAnnotationMissing(string file, string tool, int line, int column) =>
        RnToolSignatureRefused.At(file, RnowRunRefusesTools + $"Tool '{tool}' must have a return type annotation. Add '-> ReturnType' to the function signature.", line, column);

    /// <param name="file">tools.py.</param>
    /// <param name="tool">The tool's name.</param>
    /// <param name="parameter">The unannotated parameter.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RnToolParameterHintMissing(string file, string tool, string parameter, int line, int column) =>
        RnToolSignatureRefused.At(file, RnowRunRefusesTools + $"Tool '{tool}': parameter '{parameter}' must have a type annotation.", line, column);

    public static Diagnostic RnToolImportDocstringMissing(string file, string tool, int line, int column) =>
        RnToolImportRefused.At(file, ImportRefusesTools + $"Tool '{tool}' must have a non-empty docstring. Add a docstring to the function.", line, column);

    public static Diagnostic RnToolImportReturnMissing(string file, string tool, int line, int column) =>
        RnToolImportRefused.At(file, ImportRefusesTools + $"Tool registration failed: Tool '{tool}' must declare a return type annotation. Add -> ReturnType to the function signature.", line, column);

    /// <param name="file">tools.py.</param>
    /// <param name="tool">The tool's name.</param>
    /// <param name="hint">The return annotation as written.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RnToolImportReturnType(string file, string tool, string hint, int line, int column) =>
        RnToolImportRefused.At(file, ImportRefusesTools + $"Tool registration failed: Tool '{tool}' return type '{hint}' is not JSON-serializable. Use dict, list, str, int, float, bool, or None." +
            (hint.Contains('|', StringComparison.Ordinal) ? " (X | None is a types.UnionType, which rnow does not take for typing.Union before Python 3.14: write Optional[X].)" : string.Empty),
            line, column);

    /// <param name="file">tools.py.</param>
    /// <param name="tool">The tool's name.</param>
    /// <param name="positional">*args rather than **kwargs.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RnToolImportStarParameter(string file, string tool, bool positional, int line, int column) =>
        RnToolImportRefused.At(file, ImportRefusesTools + $"Tool registration failed: Tool '{tool}' cannot use {(positional ? "*args" : "**kwargs")}. Define explicit, typed parameters instead.", line, column);

    /// <param name="file">tools.py.</param>
    /// <param name="tool">The tool's name.</param>
    /// <param name="parameter">The unannotated parameter.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RnToolImportParameterHintMissing(string file, string tool, string parameter, int line, int column) =>
        RnToolImportRefused.At(file, ImportRefusesTools + $"Tool registration failed: Missing type hint for parameter '{parameter}' in tool '{tool}'. All parameters must have type annotations.", line, column);

    /// <param name="file">rewards.py or tools.py.</param>
    /// <param name="kind">Reward or Tool.</param>
    /// <param name="name">The name defined twice.</param>
    /// <param name="firstLine">The earlier definition's line.</param>
    /// <param name="line">The later definition's line.</param>
    /// <param name="column">The later definition's column.</param>
    public static Diagnostic RnFunctionDefinedTwice(string file, string kind, string name, int firstLine, int line, int column) =>
        RnFunctionRedefined.At(file, $"{kind} '{name}' is defined again (first at line {firstLine.ToString(CultureInfo.InvariantCulture)}): importing the file keeps the last one, and rnow warns \"{kind} '{name}' is being overwritten in the registry.\"", line, column);

    public static Diagnostic RnRewardsFileEmpty(string file) =>
        RnRewardsEmpty.At(file, "rewards.py is empty: `rnow run` refuses it for an rl run (\"rewards.py is empty - please implement your reward function\", then \"Please add content to empty files before submitting\").");
}
