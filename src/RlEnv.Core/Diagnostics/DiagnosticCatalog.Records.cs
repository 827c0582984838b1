namespace RlEnv.Core.Diagnostics;

// Dataset records, line by line: the bytes of a split, each record's JSON, and its input, output, metadata and images.
public static partial class DiagnosticCatalog
{
    public static Diagnostic LineFileStartsWithBom(string file) =>
        Utf8Bom.At(file, "The file starts with a UTF-8 byte-order mark, which Python's json.loads refuses. Save it as UTF-8 without BOM (e.g. `sed -i '1s/^\\xEF\\xBB\\xBF//' FILE`).", 1, 1);

    public static Diagnostic JsonSplitStartsWithBom(string file) =>
        Utf8Bom.At(file, "The file starts with a UTF-8 byte-order mark, which Python's json.load refuses; save it without BOM.", 1, 1);

    public static Diagnostic CsvStartsWithBom(string file) =>
        Utf8Bom.At(file, "The file starts with a UTF-8 byte-order mark; save it without BOM.", 1, 1);

    public static Diagnostic LineInvalidUtf8Byte(string file, byte value, int line, int column) =>
        InvalidUtf8.At(file, $"Byte 0x{value:X2} is not valid UTF-8; Python reads the file as UTF-8 and fails here.", line, column);

    public static Diagnostic JsonSplitInvalidUtf8Byte(string file, byte value, int line, int column) =>
        InvalidUtf8.At(file, $"Byte 0x{value:X2} is not valid UTF-8.", line, column);

    public static Diagnostic CsvNotUtf8(string file, int line) => InvalidUtf8.At(file, "The file is not valid UTF-8.", line);

    public static Diagnostic LineOverCap(string file, long maxLineBytes, int line) =>
        LineTooLong.At(file, $"Line is longer than {maxLineBytes:N0} bytes; it was not read whole. Split the record, or raise the cap with --max-line-bytes if the platform accepts it.", line, 1);

    public static Diagnostic CsvRowOverCap(string file, long maxLineBytes, int line) => CsvRowTooLong(file, maxLineBytes, string.Empty, line);

    /// <summary>A row that runs past the cap before it ends (an unclosed quote): reading stops there.</summary>
    public static Diagnostic CsvRowUnterminated(string file, long maxLineBytes, int line) =>
        CsvRowTooLong(file, maxLineBytes, " and the rest of the file was not read", line);

    public static Diagnostic CsvHeaderRowOverCap(string file, long maxLineBytes) =>
        CsvRowTooLong(file, maxLineBytes, " and without a header nothing after it is", 1);

    /// <param name="problem">System.Text.Json's sentence, as <c>JsonErrors.Describe</c> gives it.</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The line the parser stopped on.</param>
    /// <param name="column">The column the parser stopped on.</param>
    public static Diagnostic DatasetJsonInvalid(string file, string problem, int line, int column) => JsonSyntax.At(file, problem, line, column);

    /// <param name="problem">The decoder's own sentence (a lone surrogate escape, for instance).</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the value that cannot be decoded starts.</param>
    public static Diagnostic RecordNotDecodable(string file, string problem, int line, int column) =>
        JsonSyntax.At(file, $"The record cannot be decoded: {problem}", line, column);

    /// <param name="found">What the record is instead, as "an array" or "a string".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the record starts.</param>
    public static Diagnostic RecordNotJsonObject(string file, string found, int line, int column) =>
        RecordNotObject.At(file, $"A record must be one JSON object, not {found}.", line, column);

    public static Diagnostic RecordDuplicateKey(string file, string key, int line, int column) =>
        DuplicateKey.At(file, $"Key '{key}' appears twice in the same object; Python's json keeps only the last, so the record is not what was written.", line, column);

    public static Diagnostic RecordInputMissing(string file, int line, int column) =>
        InputInvalid.At(file, "The record has no 'input' (the prompt text); Flash's readers refuse it (\"Freesolo dataset records must contain an input field\"), and alternate key names are not accepted.", line, column);

    public static Diagnostic CsvInputEmpty(string file, int line) => InputInvalid.At(file, "'input' is empty; it must be the prompt text.", line);

    public static Diagnostic OutputObjectExtraKey(string file, string key, int line, int column) =>
        OutputInvalid.At(file, $"An object output holds only 'messages'; '{key}' would be ignored.", line, column);

    public static Diagnostic OutputShapeUnknown(string file, int line, int column) =>
        OutputInvalid.At(file, "'output' must be a scalar, {\"messages\": [...]}, or a bare list of chat messages.", line, column);

    /// <param name="where">Which message, as "output message 2".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the conversation starts.</param>
    public static Diagnostic ChatMessageNotObject(string file, string where, int line, int column) =>
        MessageInvalid.At(file, $"{where} must be an object with 'role' and 'content'.", line, column);

    /// <param name="where">Which message, as "output message 2".</param>
    /// <param name="role">The role the message gives, or null when it has no string role.</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the conversation starts.</param>
    public static Diagnostic ChatMessageRoleUnknown(string file, string where, string? role, int line, int column) =>
        MessageInvalid.At(file, $"{where} has role {(role is null ? "(none)" : $"'{role}'")}; it must be system, user, assistant or tool.", line, column);

    /// <param name="where">Which message, as "output message 2".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the conversation starts.</param>
    public static Diagnostic ChatMessageContentWrongType(string file, string where, int line, int column) =>
        MessageInvalid.At(file, $"{where} has content that is not a string, a list or null.", line, column);

    /// <param name="where">Which message, as "output message 2".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the conversation starts.</param>
    public static Diagnostic ChatMessageContentMissing(string file, string where, int line, int column) =>
        MessageInvalid.At(file, $"{where} has no 'content'.", line, column);

    /// <param name="where">Which message, as "output message 2".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the conversation starts.</param>
    public static Diagnostic ToolCallsNotList(string file, string where, int line, int column) =>
        ToolCallInvalid.At(file, $"{where}: 'tool_calls' must be a list.", line, column);

    /// <param name="where">Which message, as "output message 2".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the conversation starts.</param>
    public static Diagnostic ToolCallNotObject(string file, string where, int line, int column) => ToolCallFault(file, where, "must be an object", line, column);

    /// <param name="where">Which message, as "output message 2".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the conversation starts.</param>
    public static Diagnostic ToolCallIdMissing(string file, string where, int line, int column) => ToolCallFault(file, where, "has no string 'id'", line, column);

    /// <param name="where">Which message, as "output message 2".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the conversation starts.</param>
    public static Diagnostic ToolCallTypeNotFunction(string file, string where, int line, int column) =>
        ToolCallFault(file, where, "must have type \"function\"", line, column);

    /// <param name="where">Which message, as "output message 2".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the conversation starts.</param>
    public static Diagnostic ToolCallFunctionMissing(string file, string where, int line, int column) =>
        ToolCallFault(file, where, "has no 'function' object", line, column);

    /// <param name="where">Which message, as "output message 2".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the conversation starts.</param>
    public static Diagnostic ToolCallNameMissing(string file, string where, int line, int column) => ToolCallFault(file, where, "has no function.name", line, column);

    /// <param name="where">Which message, as "output message 2".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the conversation starts.</param>
    public static Diagnostic ToolCallArgumentsNotString(string file, string where, int line, int column) =>
        ToolCallFault(file, where, "must carry function.arguments as a JSON string (OpenAI style), not as an object", line, column);

    /// <param name="where">Which message, as "output message 2".</param>
    /// <param name="function">The function.name of the call.</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the conversation starts.</param>
    public static Diagnostic ToolCallArgumentsNotJson(string file, string where, string function, int line, int column) =>
        ToolCallFault(file, where, $"'{function}' has function.arguments that are not valid JSON", line, column);

    /// <param name="where">Which message, as "output message 2".</param>
    /// <param name="id">The message's tool_call_id, or null when it has none.</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the conversation starts.</param>
    public static Diagnostic ToolResultUnmatched(string file, string where, string? id, int line, int column) =>
        ToolCallIdUnmatched.At(file, $"{where} is a tool result whose tool_call_id {(id is null ? "is missing" : $"'{id}' matches no earlier tool call")}.", line, column);

    /// <param name="found">What 'metadata' is instead, as "an array".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the value of 'metadata' starts.</param>
    public static Diagnostic RecordMetadataNotObject(string file, string found, int line, int column) =>
        MetadataInvalid.At(file, $"'metadata' must be an object (Flash keeps it as example.metadata), not {found}.", line, column);

    public static Diagnostic CsvMetadataNotObject(string file, int line) => MetadataInvalid.At(file, "'metadata' must be a JSON object.", line);

    /// <param name="problem">System.Text.Json's sentence, as <c>JsonErrors.Describe</c> gives it.</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The row's first line.</param>
    public static Diagnostic CsvMetadataNotJson(string file, string problem, int line) =>
        MetadataInvalid.At(file, $"'metadata' is not valid JSON ({problem})", line);

    /// <param name="key">"image" or "images".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the entry starts.</param>
    public static Diagnostic RecordImageEntryNotPath(string file, string key, int line, int column) =>
        ImageInvalid.At(file, $"Every entry of '{key}' must be a path string.", line, column);

    /// <param name="key">"image" or "images".</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the value starts.</param>
    public static Diagnostic RecordImageNotPathOrList(string file, string key, int line, int column) =>
        ImageInvalid.At(file, $"'{key}' must be a path string or a list of them.", line, column);

    /// <param name="key">"image" or "images".</param>
    /// <param name="count">How many images the record lists.</param>
    /// <param name="file">The split file.</param>
    /// <param name="line">The record's line.</param>
    /// <param name="column">Where the value starts.</param>
    public static Diagnostic RecordTooManyImages(string file, string key, int count, int line, int column) =>
        ImageInvalid.At(file, $"'{key}' lists {count} images; at most 8 are allowed per record.", line, column);

    public static Diagnostic RecordImageOutsideDataset(string file, string path, int line, int column) =>
        ImageInvalid.At(file, $"Image path '{path}' leaves dataset/ (absolute, '..' or a URL scheme); images must be packed inside dataset/.", line, column);

    public static Diagnostic RecordKeyDroppedByFlash(string file, string key, int line, int column) =>
        KeyDropped.At(file, $"Key '{key}' is not input, output or metadata: Flash drops it silently before training; move it under metadata.", line, column);

    public static Diagnostic RecordThinkBlockMissing(string file, int line, int column) =>
        ThinkBlockMissing.At(file, "thinking = true, but this gold output has no <think>...</think> block; SFT on a thinking model expects one in every labelled record.", line, column);

    public static Diagnostic CsvThinkBlockMissing(string file, int line) =>
        ThinkBlockMissing.At(file, "thinking = true, but this gold output has no <think>...</think> block.", line);

    /// <param name="code">The code of which only the first diagnostics were kept.</param>
    /// <param name="total">How many diagnostics of that code the file has.</param>
    /// <param name="listed">How many of them were kept.</param>
    /// <param name="file">The split file.</param>
    public static Diagnostic MoreDiagnosticsOmitted(string file, string code, long total, int listed) =>
        MoreDiagnostics.At(file, $"{total:N0} {code} diagnostics in all in this file; only the first {listed} are listed.");

    private static Diagnostic CsvRowTooLong(string file, long maxLineBytes, string rest, int line) =>
        LineTooLong.At(file, $"The row starting on this line is longer than {maxLineBytes:N0} bytes (an unclosed quote makes a row run to the end of the file); it was not checked{rest}. Split the record, close the quote, or raise the cap with --max-line-bytes if the platform accepts it.", line, 1);

    private static Diagnostic ToolCallFault(string file, string where, string problem, int line, int column) =>
        ToolCallInvalid.At(file, $"{where}: a tool call {problem}.", line, column);
}
