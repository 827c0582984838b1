namespace RlEnv.Core.Diagnostics;

// RunRL projects: prompt files and the reward function.
public static partial class DiagnosticCatalog
{
    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="distinct">How many distinct prompts the file holds.</param>
    /// <param name="recommended">How many RunRL recommends.</param>
    public static Diagnostic RunRlTooFewPrompts(string file, int distinct, int recommended) =>
        RunRlFewPrompts.At(file, $"{distinct} distinct prompts; RunRL recommends at least {recommended} covering what the model will meet.");

    private const string RewardFnForm = "reward_fn(completion, **kwargs)";

    /// <param name="file">The reward file.</param>
    /// <param name="parameters">Its reward_func's parameters as written.</param>
    /// <param name="why">Why this file is the run's, when others define a reward function too.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RunRlRewardFuncMisdeclared(string file, IEnumerable<string> parameters, string? why, int line, int column) =>
        RunRlRewardMissing.At(file, $"reward_func must be defined as reward_func(prompts, completions, **kwargs), not ({string.Join(", ", parameters)}); RunRL's current docs name only {RewardFnForm}.{Why(why)}", line, column);

    /// <param name="file">The reward file.</param>
    /// <param name="why">Why this file is the run's, when others define a reward function too.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RunRlRewardFuncOldForm(string file, string? why, int line, int column) =>
        RunRlRewardOldForm.At(file, $"reward_func(prompts, completions, **kwargs) is the form RunRL's docs gave until September 2025; they now require {RewardFnForm}, returning one float (or a float and a dict), and a 422 \"reward code doesn't define reward_fn correctly\" is what their troubleshooting page lists.{Why(why)}", line, column);

    /// <param name="file">The reward file.</param>
    /// <param name="boundWithoutDef">reward_fn is bound by an assignment or an import, so its signature cannot be read here.</param>
    /// <param name="why">Why this file is the run's, when others define a reward function too.</param>
    /// <param name="line">The definition's line.</param>
    /// <param name="column">The definition's column.</param>
    public static Diagnostic RunRlRewardFnFound(string file, bool boundWithoutDef, string? why, int line, int column) =>
        RunRlRewardForm.At(file, (boundWithoutDef
            ? "Reward function found: reward_fn is bound here by an assignment or an import, so RlEnv cannot read its signature; RunRL calls it as reward_fn(completion, **kwargs)."
            : $"Reward function found: {RewardFnForm}, returning one float (or a float and a dict of metrics).") + Why(why), line, column);

    /// <param name="file">The reward file.</param>
    /// <param name="parameters">Its reward_fn's parameters as written.</param>
    /// <param name="why">Why this file is the run's, when others define a reward function too.</param>
    /// <param name="line">The def's line.</param>
    /// <param name="column">The def's column.</param>
    public static Diagnostic RunRlRewardFnMisdeclared(string file, IEnumerable<string> parameters, string? why, int line, int column) =>
        RunRlRewardMissing.At(file, $"reward_fn must be defined as {RewardFnForm} (the completion first, **kwargs for the prompt line's other fields, any further parameter defaulted), not ({string.Join(", ", parameters)}).{Why(why)}", line, column);

    /// <param name="file">The file RlEnv takes for the reward file, or null when it cannot tell.</param>
    /// <param name="what">What the file has instead, or null.</param>
    /// <param name="line">The line of what it has instead, or null.</param>
    /// <param name="column">Its column, or null.</param>
    public static Diagnostic RunRlNoRewardFunction(string? file, string? what, int? line, int? column) =>
        RunRlRewardMissing.At(file,
            (file is null
                ? "No uploaded .py file defines reward_fn(completion, **kwargs) at module level, nor an environment class with setup and step."
                : $"{file} does not define reward_fn(completion, **kwargs) at module level, nor an environment class with setup and step") +
            (what is null ? (file is null ? string.Empty : ".") : $": {what}.") + " A RunRL run needs a reward file or an environment file.",
            line, column);

    /// <param name="file">The other file.</param>
    /// <param name="function">reward_fn or reward_func.</param>
    /// <param name="chosen">The file checked as the run's.</param>
    /// <param name="line">Its definition's line.</param>
    /// <param name="column">Its definition's column.</param>
    public static Diagnostic RunRlRewardFileNotChosen(string file, string function, string chosen, int line, int column) =>
        RunRlRewardNotChosen.At(file, $"Also defines {function}, but a RunRL run takes one reward file and RlEnv checks {chosen} as the run's; this one is not checked as a reward file.", line, column);

    /// <param name="file">The environment file.</param>
    /// <param name="name">The class.</param>
    /// <param name="line">The class's line.</param>
    /// <param name="column">The class's column.</param>
    public static Diagnostic RunRlEnvironmentClassFound(string file, string name, int line, int column) =>
        RunRlEnvironmentFound.At(file, $"Environment class found: {name} with setup(self, **kwargs) and step(self, action), for a run of type environment rather than reward_function.", line, column);

    /// <param name="jsonFiles">Root .json files, which RunRL does not take as prompt files.</param>
    public static Diagnostic RunRlNoPromptFile(IReadOnlyList<string> jsonFiles) =>
        RunRlPromptFileMissing.At(jsonFiles.Count > 0 ? jsonFiles[0] : null,
            "A RunRL run needs a prompt file: JSON Lines with the .jsonl extension, one {\"prompt\": [...]} object per line, at the project's root; there is none." +
            (jsonFiles.Count > 0 ? $" {string.Join(", ", jsonFiles)} {(jsonFiles.Count == 1 ? "is" : "are")} JSON, not JSON Lines: write one prompt object per line to a .jsonl file." : string.Empty));

    private static string Why(string? why) => why is null ? string.Empty : $" ({why}.)";

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
