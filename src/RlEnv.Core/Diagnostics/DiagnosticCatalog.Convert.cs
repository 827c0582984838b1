using RlEnv.Core.Conversion;

namespace RlEnv.Core.Diagnostics;

// `rlenv convert`: records of one format written as another.
public static partial class DiagnosticCatalog
{
    /// <param name="input">The input path as given on the command line.</param>
    public static Diagnostic ConvertInputMissing(string input) =>
        EnvironmentDirectoryMissing.At(null, $"The input file '{input}' does not exist.");

    public static Diagnostic ConvertInputNotUtf8(string file) => InvalidUtf8.At(file, "The input is not valid UTF-8.");

    /// <param name="problem">The I/O error's own sentence.</param>
    public static Diagnostic ConvertFailed(string problem) => OutputNotWritable.At(null, $"Converting failed: {problem}");

    /// <param name="file">The input file.</param>
    /// <param name="problem">System.Text.Json's sentence, as <c>JsonErrors.Describe</c> gives it.</param>
    /// <param name="line">The record's line.</param>
    public static Diagnostic ConvertRecordNotJson(string file, string problem, int line) => ConvertRecordInvalid.At(file, problem, line, 1);

    public static Diagnostic ConvertRecordNotObject(string file, int line) =>
        ConvertRecordInvalid.At(file, "A record must be a JSON object.", line, 1);

    /// <param name="file">The input file.</param>
    /// <param name="format">The source format's name.</param>
    /// <param name="problem">What <c>FormatMapping.Read</c> says the record lacks.</param>
    /// <param name="line">The record's line.</param>
    public static Diagnostic ConvertRecordNotOfFormat(string file, string format, string problem, int line) =>
        ConvertRecordInvalid.At(file, $"Not a {format.ToLowerInvariant()} record: {problem}.", line, 1);

    /// <param name="file">The input file.</param>
    /// <param name="field">The field or message kind left out, as "metadata" or "prompt message (system)".</param>
    /// <param name="format">The target format's name.</param>
    /// <param name="records">How many records it was left out of (each record once, however many keys or messages it lost).</param>
    public static Diagnostic ConvertFieldNotHeld(string file, string field, string format, long records) =>
        ConvertFieldDropped.At(file,
            $"{field}: the {format.ToLowerInvariant()} format cannot hold it; left out of {records:N0} record{(records == 1 ? string.Empty : "s")}.");

    /// <param name="file">The input file.</param>
    /// <param name="format">The target format's name.</param>
    /// <param name="reason">What the record lacks, or holds, that the target has no place for.</param>
    /// <param name="line">The record's line.</param>
    public static Diagnostic ConvertRecordWithoutCounterpart(string file, string format, NoCounterpart reason, int line) =>
        ConvertNoCounterpart.At(file, $"No {format.ToLowerInvariant()} counterpart: " + reason switch
        {
            NoCounterpart.MidtrainTextToOpenAi => "a midtrain 'text' row is a document, and an openai chat record holds only messages.",
            NoCounterpart.MidtrainTextToRunRl => "a midtrain 'text' row is a document with no role, and a runrl prompt is an array of messages.",
            NoCounterpart.NoUserMessageForFreesolo => "the record has no user message, and a freesolo 'input' is the user's prompt; none is invented.",
            NoCounterpart.NoPromptForRunRl => "no message comes before the model's answer, and a runrl prompt needs at least one; none is invented.",
            _ => throw new ArgumentOutOfRangeException(nameof(reason)),
        }, line, 1);

    /// <param name="file">The input file.</param>
    /// <param name="kind">How the records were written.</param>
    /// <param name="records">How many records were written so.</param>
    public static Diagnostic ConvertRecordsReshaped(string file, RecordReshaping kind, long records) =>
        ConvertRecordReshaped.At(file, kind switch
        {
            RecordReshaping.MidtrainTextAsFreesoloInput => $"midtrain 'text' rows: written as freesolo 'input' with no 'output' in {records:N0} record{(records == 1 ? string.Empty : "s")}; "
                + "converted back, they are user messages, not 'text'.",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        });
}
