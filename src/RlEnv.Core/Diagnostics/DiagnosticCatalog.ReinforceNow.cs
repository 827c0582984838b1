namespace RlEnv.Core.Diagnostics;

// ReinforceNow projects: train.jsonl entries, rewards.py and tools.py (config.yml: DiagnosticCatalog.ReinforceNowConfig.cs).
public static partial class DiagnosticCatalog
{
    public static Diagnostic RnTrainFileMissing(string file) =>
        SplitEmpty.At(file, "A ReinforceNow project needs train.jsonl at its root.");

    public static Diagnostic RnTrainFileWithoutEntries(string file) =>
        SplitEmpty.At(file, "train.jsonl holds no entries.");

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="detail">What <c>JsonErrors.Describe</c> says about the parser's exception.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnEntryJsonInvalid(string file, string detail, int line, int column) =>
        JsonSyntax.At(file, detail, line, column);

    public static Diagnostic RnEntryNotObject(string file, int line, int column) =>
        RecordNotObject.At(file, "An entry must be one JSON object with 'messages'.", line, column);

    public static Diagnostic RnEntryFieldNotRead(string file, string field, int line, int column) =>
        RnUnknownField.At(file, $"Field '{field}' is not one ReinforceNow reads (messages, rewards, metadata, variables, tools, docker, docker_env, docker_cmd); put it under metadata.", line, column);

    public static Diagnostic RnEntryFieldNotObject(string file, string field, int line, int column) =>
        RnFieldNotObject.At(file, $"'{field}' must be an object.", line, column);

    public static Diagnostic RnEntryMessagesMissing(string file, int line, int column) =>
        RnMessagesInvalid.At(file, "The entry needs 'messages', an array of chat messages.", line, column);

    public static Diagnostic RnEntryUserMessageMissing(string file, int line, int column) =>
        RnNoUserMessage.At(file, "The entry needs at least one user message.", line, column);

    public static Diagnostic RnEntrySystemMessageNotFirst(string file, int line, int column) =>
        RnSystemNotFirst.At(file, "A system message may only come first.", line, column);

    public static Diagnostic RnEntryRewardsNotNameList(string file, int line, int column) =>
        RnRewardUndefined.At(file, "'rewards' must be a list of function names.", line, column);

    public static Diagnostic RnEntryToolsNotNameList(string file, int line, int column) =>
        RnToolUndefined.At(file, "'tools' must be a list of function names.", line, column);

    public static Diagnostic RnRewardNotInRewardsFile(string file, string reward, IEnumerable<string> defined, int line, int column) =>
        RnRewardUndefined.At(file, $"Reward '{reward}' is not an @reward function in rewards.py (defined: {RnFunctionList(defined)}).", line, column);

    public static Diagnostic RnRewardWithoutRewardsFile(string file, string reward, int line, int column) =>
        RnRewardUndefined.At(file, $"Reward '{reward}' is used but there is no rewards.py.", line, column);

    public static Diagnostic RnToolNotInToolsFile(string file, string tool, IEnumerable<string> defined, int line, int column) =>
        RnToolUndefined.At(file, $"Tool '{tool}' is not a @tool function in tools.py (defined: {RnFunctionList(defined)}).", line, column);

    public static Diagnostic RnToolWithoutToolsFile(string file, string tool, int line, int column) =>
        RnToolUndefined.At(file, $"Tool '{tool}' is used but there is no tools.py.", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="sandboxed">The entry's rewards and tools declared with sandbox=True.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnSandboxWithoutDocker(string file, IReadOnlyCollection<string> sandboxed, int line, int column) =>
        RnDockerRequired.At(file, $"{string.Join(", ", sandboxed)} use{(sandboxed.Count == 1 ? "s" : string.Empty)} sandbox=True, so the entry needs a 'docker' image.", line, column);

    public static Diagnostic RnDockerOptionIgnored(string file, string option, int line, int column) =>
        RnDockerOptionWithoutDocker.At(file, $"'{option}' has no effect without 'docker'.", line, column);

    private static string RnFunctionList(IEnumerable<string> names) =>
        names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "none";
}
