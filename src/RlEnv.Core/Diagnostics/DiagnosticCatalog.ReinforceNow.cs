namespace RlEnv.Core.Diagnostics;

// ReinforceNow projects: what train.jsonl rows and config.yml share (rows: DiagnosticCatalog.ReinforceNowRows.cs;
// config: DiagnosticCatalog.ReinforceNowConfig.cs).
public static partial class DiagnosticCatalog
{
    public static Diagnostic RnTrainFileMissing(string file) =>
        SplitEmpty.At(file, "A ReinforceNow project needs train.jsonl at its root.");

    /// <param name="file">The file, relative to the environment root.</param>
    /// <param name="detail">What <c>JsonErrors.Describe</c> says about the parser's exception.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    public static Diagnostic RnEntryJsonInvalid(string file, string detail, int line, int column) =>
        JsonSyntax.At(file, detail, line, column);
}
