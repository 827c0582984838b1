using RlEnv.Core.Platforms.ReinforceNow;
using RowType = RlEnv.Core.Platforms.ReinforceNow.RnDatasetType;

namespace RlEnv.Core.Diagnostics;

// ReinforceNow train.jsonl rows, as the entry model its dataset_type chooses reads them (rnow/models.py 131-177,
// rnow/cli/commands.py validate_train_jsonl), the guide's rules rnow's code does not check (skills/rnow-train-jsonl),
// and what `rnow run` uploads or sends beside the files.
public static partial class DiagnosticCatalog
{
    private const string RnGuideOnly = "`rnow run` itself does not check this today, but the trainer relies on it";

    /// <param name="file">train.jsonl.</param>
    /// <param name="zeroBytes">Whether the file has no bytes at all (otherwise only blank lines).</param>
    public static Diagnostic RnTrainFileEmpty(string file, bool zeroBytes) =>
        RnTrainEmpty.At(file, zeroBytes
            ? "train.jsonl is empty: `rnow run` refuses it (\"train.jsonl is empty - please add training examples\"). Add one JSON object per line."
            : "train.jsonl holds only blank lines: `rnow run` refuses it (\"File contains no valid JSON lines\"). Add one JSON object per line.");

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="type">The dataset type whose entry model reads the row; null when the config does not say.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnEntryNotObject(string file, RowType? type, int line, int column) =>
        RecordNotObject.At(file, $"An entry must be one JSON object with {(type == RowType.Midtrain ? "'text'" : "'messages'")}: rnow's {RnModel(type)} refuses anything else (\"Input should be a valid dictionary\").", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="field">The unread field.</param>
    /// <param name="type">The dataset type whose entry model reads the row; null when the config does not say.</param>
    /// <param name="known">The fields that model reads.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnEntryFieldNotRead(string file, string field, RowType? type, IEnumerable<string> known, int line, int column) =>
        RnUnknownField.At(file, $"Field '{field}' is not one rnow's {RnModel(type)} reads ({string.Join(", ", known)}); rnow accepts it and nothing reads it. Data for rewards goes under metadata.", line, column);

    public static Diagnostic RnEntryFieldNotObject(string file, string field, int line, int column) =>
        RnFieldNotObject.At(file, $"'{field}' must be an object or null: rnow's entry model refuses anything else (dict | None).", line, column);

    public static Diagnostic RnEntryMessagesMissing(string file, int line, int column) =>
        RnMessagesInvalid.At(file, "The entry needs 'messages', a non-empty list of chat messages: rnow refuses it without (\"messages - Field required\").", line, column);

    public static Diagnostic RnEntryMessagesNotList(string file, int line, int column) =>
        RnMessagesInvalid.At(file, "'messages' must be a non-empty list of chat messages: rnow refuses anything else (\"Input should be a valid list\").", line, column);

    public static Diagnostic RnEntryMessagesEmpty(string file, int line, int column) =>
        RnMessagesInvalid.At(file, "'messages' is empty: rnow refuses it (\"List should have at least 1 item after validation, not 0\").", line, column);

    public static Diagnostic RnMessageNotObject(string file, int index, int line, int column) =>
        RnMessageInvalid.At(file, $"messages.{index} must be an object with 'role' and 'content': rnow refuses anything else.", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="index">The message's 0-based index, as rnow's error location counts it.</param>
    /// <param name="role">The role given, or null when it is absent or not a string.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnMessageRoleInvalid(string file, int index, string? role, int line, int column) =>
        RnMessageInvalid.At(file, role is null
            ? $"messages.{index} has no string 'role': rnow refuses it; the role is 'system', 'user', 'assistant' or 'tool'."
            : $"messages.{index}.role is '{role}': rnow takes only 'system', 'user', 'assistant' or 'tool' (exact case).", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="index">The message's 0-based index.</param>
    /// <param name="hasToolCalls">Whether the message carries tool_calls.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnMessageContentMissing(string file, int index, bool hasToolCalls, int line, int column) =>
        RnMessageInvalid.At(file, hasToolCalls
            ? $"messages.{index} has tool_calls but no 'content': rnow's Message requires content even then (\"content - Field required\"); use \"\"."
            : $"messages.{index} has no 'content': rnow's Message requires it, a string or a list (\"content - Field required\").", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="index">The message's 0-based index.</param>
    /// <param name="kind">What the content is instead: "null", "a number", "an object", "a boolean".</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnMessageContentWrongType(string file, int index, string kind, int line, int column) =>
        RnMessageInvalid.At(file, $"messages.{index}.content is {kind}: rnow's Message takes only a string or a list (\"Input should be a valid string\"); use \"\" for no text.", line, column);

    public static Diagnostic RnEntryUserMessageMissing(string file, int line, int column) =>
        RnNoUserMessage.At(file, $"The entry has no user message; the train.jsonl guide says one is required. {RnGuideOnly}.", line, column);

    public static Diagnostic RnEntrySystemMessageNotFirst(string file, int line, int column) =>
        RnSystemNotFirst.At(file, $"A system message comes after another message; the train.jsonl guide says system must be first. {RnGuideOnly}.", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="index">The 0-based index of the message holding the call.</param>
    /// <param name="problem">What is wrong with the call.</param>
    /// <param name="name">The called function's name, when known.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnToolCallNotInForm(string file, int index, RnToolCallProblem problem, string? name, int line, int column)
    {
        var what = problem switch
        {
            RnToolCallProblem.NotList => "'tool_calls' must be a list",
            RnToolCallProblem.NotObject => "a tool call must be an object",
            RnToolCallProblem.IdMissing => "a tool call has no string 'id'",
            RnToolCallProblem.TypeNotFunction => "a tool call must have \"type\": \"function\"",
            RnToolCallProblem.FunctionMissing => "a tool call has no 'function' object",
            RnToolCallProblem.NameMissing => "a tool call's function has no 'name'",
            RnToolCallProblem.ArgumentsNotString => $"the arguments of call '{name}' must be a JSON string (the guide: \"arguments must be a JSON string, not an object\")",
            _ => $"the arguments of call '{name}' are not valid JSON",
        };
        return RnToolCallForm.At(file, $"messages.{index}: {what}, as the train.jsonl guide's OpenAI tool-call form has it. {RnGuideOnly}.", line, column);
    }

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="index">The tool message's 0-based index.</param>
    /// <param name="id">Its tool_call_id, or null when it has none.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnToolResultWithoutCall(string file, int index, string? id, int line, int column) =>
        RnToolResultUnmatched.At(file, id is null
            ? $"messages.{index} is a tool result without 'tool_call_id'; the train.jsonl guide gives tool results the id of an earlier call. {RnGuideOnly} to pair results with calls."
            : $"messages.{index} answers tool_call_id '{id}', which no earlier tool call has; the train.jsonl guide gives tool results the id of an earlier call. {RnGuideOnly} to pair results with calls.", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="problem">"is missing", "is not a string", "is empty".</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnMidtrainTextInvalid(string file, string problem, int line, int column) =>
        RnMidtrainText.At(file, $"'text' {problem}: with dataset_type midtrain every row is {{\"text\": \"...\"}}, a non-empty string (rnow's TrainEntryMidtrain).", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="problem">"is missing", "is null", "is empty".</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnRlEntryWithoutRewards(string file, string problem, int line, int column) =>
        RnRlRewardsMissing.At(file, $"'rewards' {problem}: with dataset_type rl every entry needs a non-empty list of @reward names (rnow's TrainEntryRL); an entry without rewards is not an SFT entry here.", line, column);

    public static Diagnostic RnEntryRewardsNotNameList(string file, int line, int column) =>
        RnRewardUndefined.At(file, "'rewards' must be a list of function names: rnow refuses anything else (list[str]).", line, column);

    public static Diagnostic RnEntryToolsNotNameList(string file, int line, int column) =>
        RnToolUndefined.At(file, "'tools' must be a list of tool names or null: rnow refuses anything else (list[str] | None).", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="reward">The name the entry lists.</param>
    /// <param name="defined">The @reward functions of rewards.py.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnRewardNotInRewardsFile(string file, string reward, IEnumerable<string> defined, int line, int column) =>
        RnRewardUndefined.At(file, $"Reward '{reward}' is not an @reward function in rewards.py (defined: {RnFunctionList(defined)}); rnow refuses it (\"is referenced in train.jsonl but not defined in rewards.py\").", line, column);

    public static Diagnostic RnRewardWithoutRewardsFile(string file, string reward, int line, int column) =>
        RnRewardUndefined.At(file, $"Reward '{reward}' is used but there is no rewards.py, which rnow requires for dataset_type rl.", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="tool">The name the entry lists.</param>
    /// <param name="defined">The @tool functions of tools.py.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnToolNotInToolsFile(string file, string tool, IEnumerable<string> defined, int line, int column) =>
        RnToolUndefined.At(file, $"Tool '{tool}' is not a @tool function in tools.py (defined: {RnFunctionList(defined)}); the train.jsonl guide says names in tools must exist. {RnGuideOnly}.", line, column);

    public static Diagnostic RnToolWithoutToolsFile(string file, string tool, int line, int column) =>
        RnToolUndefined.At(file, $"Tool '{tool}' is used but there is no tools.py; the train.jsonl guide says names in tools must exist. {RnGuideOnly}.", line, column);

    public static Diagnostic RnDockerNotString(string file, int line, int column) =>
        RnDockerFieldType.At(file, "'docker' must be an image name (a string) or null: rnow refuses anything else (\"docker - Input should be a valid string\").", line, column);

    public static Diagnostic RnDockerEnvNotObject(string file, int line, int column) =>
        RnDockerFieldType.At(file, "'docker_env' must be an object of strings or null: rnow refuses anything else (dict[str, str] | None).", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="key">The variable whose value is not a string.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnDockerEnvValueNotString(string file, string key, int line, int column) =>
        RnDockerFieldType.At(file, $"docker_env.{key} must be a string: rnow refuses other values (\"Input should be a valid string\"); quote numbers and booleans.", line, column);

    public static Diagnostic RnDockerEnvWithoutDocker(string file, int line, int column) =>
        RnDockerOptionWithoutDocker.At(file, "'docker_env' sets variables but the entry has no 'docker' image: rnow refuses it (\"docker_env requires docker field to be set\").", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="sandboxed">The entry's rewards and tools declared with sandbox=True, as "reward:x" / "tool:y".</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnSandboxWithoutDocker(string file, IReadOnlyCollection<string> sandboxed, int line, int column) =>
        RnDockerRequired.At(file, $"The entry uses sandbox functions ({string.Join(", ", sandboxed)}) but has no 'docker' image; the train.jsonl guide says sandbox=True requires docker. {RnGuideOnly} (only rnow's multi-model run checks it).", line, column);

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="tools">The sandbox=True tools of tools.py.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnSandboxThroughOmittedTools(string file, IReadOnlyCollection<string> tools, int line, int column) =>
        RnSandboxOmittedTools.At(file, $"The entry has no 'tools' and no 'docker', and tools.py has sandbox tools ({string.Join(", ", tools)}). The train.jsonl guide says an entry without tools gets every tool, which would need docker; rnow's code counts no tools for it. Add 'tools' (the ones it uses, or []) or 'docker'.", line, column);

    public static Diagnostic RnEnvFileSentAsSecrets(string file) =>
        RnEnvFileAsSecrets.At(file, ".env is not uploaded as a file, but `rnow run` reads its KEY=value lines and sends them with the run as secrets (with environment variables whose names contain API_KEY, SECRET, TOKEN, PROJECT_ID, KERNEL, OPENAI, GEMINI or HF_).");

    public static Diagnostic RnRowsWithoutDatasetType(string file) =>
        RnDatasetTypeUnknownForRows.At(file, "No valid dataset_type in config.yml or config.json: rows were checked as sft/distill entries (messages); the rl rules (rewards required, reward names) and the midtrain rule (text) need dataset_type.");

    private static string RnModel(RowType? type) => type switch
    {
        RowType.Rl => "TrainEntryRL",
        RowType.Midtrain => "TrainEntryMidtrain",
        _ => "TrainEntry",
    };

    private static string RnFunctionList(IEnumerable<string> names) =>
        names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "none";
}
