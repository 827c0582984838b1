namespace RlEnv.Core.Diagnostics;

// Where RlEnv's verdict on a ReinforceNow project must equal `rnow run`'s (issue 12's differential): train.jsonl read in
// Python's JSON dialect and with universal newlines (RLENV2335-2337), the context-window check that holds whatever
// tokenizer rnow loads (RLENV2338), and requirements.txt as validate_requirements_txt resolves it (RLENV2350-2354).
public static partial class DiagnosticCatalog
{
    /// <summary>A requirement line as quoted in a message: whole up to 200 characters, else its start.</summary>
    private static string RequirementQuote(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "...");

    /// <param name="file">train.jsonl.</param>
    /// <param name="literal">NaN, Infinity or -Infinity.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The literal's 1-based column.</param>
    public static Diagnostic RnRowNonFinite(string file, string literal, int line, int column) =>
        RnRowNonFiniteNumber.At(file,
            $"{literal} is not JSON: rnow (Python's json.loads) reads it as a float and accepts the row, but strict JSON readers refuse the whole line. Write null or a number if anything else reads this file.",
            line, column);

    /// <param name="file">train.jsonl.</param>
    /// <param name="key">The repeated key.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The repeat's 1-based column.</param>
    public static Diagnostic RnRowRepeatedKeyKeepsLast(string file, string key, int line, int column) =>
        RnRowRepeatedKey.At(file,
            $"Key '{key}' is repeated in this row: rnow (Python's json.loads) keeps the last value and silently drops the earlier one; the rules here checked the last one. Remove the repeat.",
            line, column);

    /// <param name="file">train.jsonl.</param>
    /// <param name="line">The line the lone CR ends.</param>
    /// <param name="column">The CR's 1-based column.</param>
    public static Diagnostic RnRowLoneCr(string file, int line, int column) =>
        RnRowLoneCarriageReturn.At(file,
            "This line ends with a lone carriage return (\\r without \\n): rnow reads train.jsonl with Python's universal newlines and splits rows there, so line numbers here count it, but readers that split on \\n only see several rows as one line. End lines with \\n.",
            line, column);

    /// <param name="file">The config file.</param>
    /// <param name="window">rollout.max_context_window.</param>
    /// <param name="line">max_context_window's line (the rollout section's when the default applies).</param>
    /// <param name="column">Its column.</param>
    public static Diagnostic RnContextWindowNoRoom(string file, long window, int line, int column) =>
        RnContextWindowTooSmall.At(file,
            $"rollout.max_context_window is {window}: `rnow run` needs at least 2000 tokens left for generation after the longest prompt (\"Not enough room for generation in context window\"), so any prompt of at least one token is refused whatever tokenizer rnow loads. Raise it above 2000 plus your longest prompt with its tools.",
            line, column);

    /// <param name="file">rewards.py, where it should be.</param>
    public static Diagnostic RnRewardsFileAbsent(string file) =>
        RnRewardsFileMissing.At(file,
            "dataset_type rl needs rewards.py at the project root: `rnow run` refuses the project without it (\"Required files missing: rewards.py\"). Define the @reward functions train.jsonl names there.");

    /// <param name="file">requirements.txt.</param>
    public static Diagnostic RnRequirementsInTomlForm(string file) =>
        RnRequirementsToml.At(file,
            "requirements.txt appears to be in TOML format, not pip requirements format: `rnow run` refuses it (its first line opens a [section]). Write one package per line, e.g. 'requests>=2.28.0'.",
            1, 1);

    /// <param name="file">requirements.txt.</param>
    /// <param name="text">The stripped line.</param>
    /// <param name="reason">Where and why the PEP 508 parse stops.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column where the parse stops.</param>
    public static Diagnostic RnRequirementUnparsable(string file, string text, string reason, int line, int column) =>
        RnRequirementInvalid.At(file,
            $"Invalid requirement '{RequirementQuote(text)}': {reason}. `rnow run` refuses it (packaging's Requirement cannot parse it). Write a PEP 508 requirement such as 'name[extra]>=1.0; python_version >= \"3.8\"', or an option line starting with '-'.",
            line, column);

    /// <param name="file">requirements.txt.</param>
    /// <param name="text">The stripped line.</param>
    /// <param name="marker">The marker as written.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The marker's 1-based column.</param>
    public static Diagnostic RnRequirementExcludedFor311(string file, string text, string marker, int line, int column) =>
        RnRequirementExcluded.At(file,
            $"Requirement '{RequirementQuote(text)}' is excluded for Python 3.11 due to marker '{RequirementQuote(marker)}': `rnow run` refuses it (it evaluates markers for Python 3.11, the trainer's). Drop the marker or the line.",
            line, column);

    /// <param name="file">requirements.txt.</param>
    /// <param name="text">The stripped line.</param>
    /// <param name="marker">The marker as written.</param>
    /// <param name="variables">What the marker's value depends on: variables of the machine running `rnow run`, or version forms not evaluated here.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The marker's 1-based column.</param>
    public static Diagnostic RnRequirementMarkerOfTheMachine(string file, string text, string marker, string variables, int line, int column) =>
        RnRequirementMachineMarker.At(file,
            $"Requirement '{RequirementQuote(text)}': marker '{RequirementQuote(marker)}' cannot be decided here (it depends on {variables}). `rnow run` evaluates it for Python 3.11 on the machine it runs on (sys_platform, os_name, platform_* and implementation_* are that machine's, not the Linux trainer's) and refuses the line wherever it is false. Drop the marker unless it holds on every machine you submit from.",
            line, column);

    /// <param name="file">requirements.txt.</param>
    /// <param name="offset">The byte offset of the first byte that is not UTF-8.</param>
    public static Diagnostic RnRequirementsNotUtf8(string file, long offset) =>
        RnRequirementsUnreadable.At(file,
            $"requirements.txt is not UTF-8 (byte offset {offset}): `rnow run` refuses it (\"Failed to read requirements.txt\"). Save it as UTF-8.",
            1, 1);
}
