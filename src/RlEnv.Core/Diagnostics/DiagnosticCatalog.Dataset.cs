namespace RlEnv.Core.Diagnostics;

// Splits and the dataset as a whole: split names and files, the split a config selects, CSV, .json and BSON splits.
public static partial class DiagnosticCatalog
{
    public static Diagnostic SplitFileNameInvalid(string file, string name) =>
        SplitNameInvalid.At(file, $"Split name '{name}' does not match [A-Za-z0-9][A-Za-z0-9._-]*, so no config can select it; rename the file.");

    public static Diagnostic SplitHoldsNoRecords(string file, string name) =>
        SplitEmpty.At(file, $"Split '{name}' holds no records; a run that selects it fails.");

    /// <summary>
    /// A datasets/ folder, which Flash never reads: an error when a config's run certainly fails on it (a side split, or
    /// SFT, with the rows hidden there), a warning when it fails only if load_environment builds no rows of its own, or
    /// when datasets/ just sits beside what Flash does read.
    /// </summary>
    /// <param name="certain">Whether some config's run certainly fails.</param>
    /// <param name="hidesRows">Whether some config's rows are hidden by the layout (Flash's datasets_dir_unread).</param>
    /// <param name="unreadSplitFile">The datasets/ file holding a split a config asks for, if any.</param>
    /// <param name="split">That split's name.</param>
    public static Diagnostic DatasetsFolderFound(bool certain, bool hidesRows, string? unreadSplitFile, string? split)
    {
        const string flashSays = "environment package has a top-level 'datasets/' directory, which Flash never reads (it probes dataset/<split>.jsonl or dataset/<split>.json). Rename the directory to 'dataset/', or set [environment.params] dataset_path to the exact file to train on.";
        var hint = unreadSplitFile is null ? string.Empty
            : $" The '{split}' split is packaged at {unreadSplitFile}, which Flash never reads; it looks for dataset/{split}.jsonl or dataset/{split}.json.";
        var message = !hidesRows
            ? "Flash reads dataset/ (singular) and never datasets/; datasets/ is ignored."
            : certain ? flashSays + hint
            : flashSays + hint + " (Flash raises this unless load_environment builds its rows in code.)";
        return DatasetsFolder.At(certain ? Severity.Error : Severity.Warning, "datasets", message);
    }

    /// <param name="file">The split file.</param>
    /// <param name="repeatedInputs">How many distinct inputs occur more than once.</param>
    /// <param name="extraRows">How many rows repeat an earlier input.</param>
    /// <param name="firstRepeatLine">The first line that repeats an input.</param>
    /// <param name="originalLine">The line that input first appears on.</param>
    public static Diagnostic SplitDuplicateInputs(string file, int repeatedInputs, long extraRows, long firstRepeatLine, long originalLine) =>
        DuplicateInputs.At(file,
            $"{repeatedInputs:N0} inputs occur more than once ({extraRows:N0} extra rows); the first repeat is line {firstRepeatLine}, a copy of line {originalLine}.",
            ClampedDatasetLine(firstRepeatLine));

    /// <param name="file">The split that shares inputs with train.</param>
    /// <param name="sharedInputs">How many of its inputs appear in train.</param>
    /// <param name="split">The split's name.</param>
    /// <param name="trainFile">The train split's file.</param>
    /// <param name="firstLine">The first line of the split whose input is in train.</param>
    /// <param name="trainLine">Where train has that input.</param>
    public static Diagnostic SplitInputsAlsoInTrain(string file, int sharedInputs, string split, string trainFile, long firstLine, long trainLine) =>
        SplitLeakage.At(file,
            $"{sharedInputs:N0} inputs of split '{split}' also appear in train ({trainFile}); evaluating on training inputs overstates the score. First: line {firstLine}, as train line {trainLine}.",
            ClampedDatasetLine(firstLine));

    /// <param name="file">The config that selects the split.</param>
    /// <param name="split">The split it selects (stripped, as Flash reads it).</param>
    /// <param name="line">Where the selection is written.</param>
    /// <param name="column">Where the selection is written.</param>
    public static Diagnostic SelectedSplitRefusesFallback(string file, string split, int line, int column) =>
        SplitNotFound.At(file,
            $"[environment.params] split='{split}' was requested but no dataset/{split}.jsonl or {split}.json exists in the environment; refusing to fall back to the default train split. Package the split file or drop the split param.",
            line, column);

    /// <param name="file">The SFT config.</param>
    /// <param name="split">The split it trains on (train when none is given).</param>
    /// <param name="line">Where the selection is written.</param>
    /// <param name="column">Where the selection is written.</param>
    public static Diagnostic SftSplitNotPackaged(string file, string split, int line, int column) =>
        SplitNotFound.At(file,
            $"environment package has no readable dataset for split '{split}'. Add dataset/train.jsonl to the environment package, or package the selected split as dataset/{split}.jsonl. (An SFT submit profiles the packaged file: rows built in code do not count, and it never falls back to train.)",
            line, column);

    /// <param name="file">The config that names the path.</param>
    /// <param name="datasetPath">The path as the config writes it (Python's repr()).</param>
    /// <param name="reason">Why it is not a packed file, in RlEnv's words.</param>
    /// <param name="line">Where dataset_path is written.</param>
    /// <param name="column">Where dataset_path is written.</param>
    public static Diagnostic SelectedDatasetPathNotPacked(string file, string datasetPath, string reason, int line, int column) =>
        DatasetPathNotFound.At(file,
            $"[environment.params] dataset_path {datasetPath} is not a readable packaged dataset file: {reason}. Point dataset_path at a packaged .jsonl or .json file, relative to the environment root.",
            line, column);

    /// <param name="file">The split file.</param>
    /// <param name="columns">The header row's columns.</param>
    public static Diagnostic CsvHeaderWithoutInput(string file, IEnumerable<string> columns) =>
        CsvHeader.At(file, $"The header row has no 'input' column (it has: {string.Join(", ", columns)}).", 1, 1);

    /// <param name="file">The split file.</param>
    /// <param name="field">The badly quoted field as the CSV reader saw it; its start is quoted.</param>
    /// <param name="line">The row's first line.</param>
    public static Diagnostic CsvFieldBadlyQuoted(string file, string field, int line) =>
        CsvRow.At(file,
            $"Bad quoting in field {field[..Math.Min(field.Length, 40)].ReplaceLineEndings(" ")}: a quote inside a quoted field must be doubled (\"\"), and every quoted field closed.",
            line);

    public static Diagnostic CsvRowFieldCount(string file, int fields, int headerFields, int line) =>
        CsvRow.At(file, $"The row has {fields} fields but the header has {headerFields}.", line);

    /// <param name="file">The split file.</param>
    /// <param name="problem">The reader's own sentence (the CSV reader or the stream).</param>
    /// <param name="line">The row being read.</param>
    public static Diagnostic CsvUnreadablePastRow(string file, string problem, int line) =>
        CsvRow.At(file, $"The file cannot be read past here: {problem}", line);

    public static Diagnostic CsvColumnDroppedByFlash(string file, string column) =>
        CsvColumnDropped.At(file, $"Column '{column}' is not input, output or metadata: Flash drops it silently; move it into the metadata JSON.", 1, 1);

    public static Diagnostic JsonSplitOverCap(string file, long maxLineBytes) =>
        JsonFileShape.At(file, $"A .json split is read whole and this one is over {maxLineBytes:N0} bytes; convert it to .jsonl (one record per line).", 1, 1);

    public static Diagnostic JsonSplitNotArray(string file) =>
        JsonFileShape.At(file, "A .json split must be a top-level array of record objects, or an object whose \"records\" is one (Flash's readers accept only these two shapes).", 1, 1);

    /// <param name="file">The split file.</param>
    /// <param name="document">The document's 1-based index, which is its "line".</param>
    /// <param name="length">What its length prefix says, or -1 when the prefix is cut short.</param>
    public static Diagnostic BsonLengthPrefixInvalid(string file, long document, int length) =>
        BsonDocument.At(file, $"Document {document} has an invalid length prefix ({length}); the file is not a stream of BSON documents.", ClampedDatasetLine(document));

    /// <param name="file">The split file.</param>
    /// <param name="document">The document's 1-based index, which is its "line".</param>
    public static Diagnostic BsonDocumentTruncated(string file, long document) =>
        BsonDocument.At(file, $"Document {document} is truncated.", ClampedDatasetLine(document));

    /// <param name="file">The split file.</param>
    /// <param name="document">The document's 1-based index, which is its "line".</param>
    /// <param name="problem">What <c>BsonShape.Check</c> found, without a final period.</param>
    public static Diagnostic BsonDocumentMalformed(string file, long document, string problem) =>
        BsonDocument.At(file, $"Document {document} is not valid BSON: {problem}.", ClampedDatasetLine(document));

    /// <param name="file">The split file.</param>
    /// <param name="document">The document's 1-based index, which is its "line".</param>
    /// <param name="problem">The reader's sentence (MongoDB.Bson's, see BsonJson).</param>
    public static Diagnostic BsonDocumentUnreadable(string file, long document, string problem) =>
        BsonDocument.At(file, $"Document {document} is not valid BSON: {problem}", ClampedDatasetLine(document));

    /// <param name="file">The split file.</param>
    /// <param name="problem">The reader's own sentence.</param>
    /// <param name="document">The document being read, which is its "line".</param>
    public static Diagnostic BsonUnreadablePastDocument(string file, string problem, long document) =>
        BsonDocument.At(file, $"The file cannot be read past here: {problem}", ClampedDatasetLine(document));

    private static int ClampedDatasetLine(long line) => (int)Math.Min(line, int.MaxValue);
}
