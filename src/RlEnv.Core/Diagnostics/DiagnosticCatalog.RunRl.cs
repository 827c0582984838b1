namespace RlEnv.Core.Diagnostics;

// RunRL projects: prompt files and the reward function.
public static partial class DiagnosticCatalog
{
    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="distinct">How many distinct prompts the file holds.</param>
    /// <param name="recommended">How many RunRL recommends.</param>
    public static Diagnostic RunRlTooFewPrompts(string file, int distinct, int recommended) =>
        RunRlFewPrompts.At(file, $"{distinct} distinct prompts; RunRL recommends at least {recommended} covering what the model will meet.");

    public static Diagnostic RunRlRewardFuncFound(string file, int line, int column) =>
        RunRlRewardForm.At(file, "Reward function found: reward_func(prompts, completions, **kwargs), returning one float per completion.", line, column);

    public static Diagnostic RunRlRewardFuncMisdeclared(string file, IEnumerable<string> parameters, int line, int column) =>
        RunRlRewardMissing.At(file, $"reward_func must be defined as reward_func(prompts, completions, **kwargs), not ({string.Join(", ", parameters)}).", line, column);

    public static Diagnostic RunRlRewardFnFound(string file, int line, int column) =>
        RunRlRewardForm.At(file, "Reward function found: the newer reward_fn(completion, **kwargs), returning one float.", line, column);

    public static Diagnostic RunRlRewardFnMisdeclared(string file, IEnumerable<string> parameters, int line, int column) =>
        RunRlRewardMissing.At(file, $"reward_fn must be defined as reward_fn(completion, **kwargs), not ({string.Join(", ", parameters)}).", line, column);

    public static Diagnostic RunRlNoRewardFunction() =>
        RunRlRewardMissing.At(null, "No uploaded .py file defines reward_func(prompts, completions, **kwargs) or reward_fn(completion, **kwargs).");

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="detail">What <c>JsonErrors.Describe</c> says about the parser's exception.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RunRlPromptJsonInvalid(string file, string detail, int line, int column) =>
        JsonSyntax.At(file, detail, line, column);

    public static Diagnostic RunRlPromptMissing(string file, int line, int column) =>
        RunRlPromptInvalid.At(file, "Each line needs 'prompt': a non-empty array of {role, content} messages.", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="index">The message's zero-based position in the prompt array.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RunRlPromptMessageInvalid(string file, int index, int line, int column) =>
        RunRlPromptInvalid.At(file, $"prompt message {index} needs a string 'role' and a string 'content'.", line, column);
}
