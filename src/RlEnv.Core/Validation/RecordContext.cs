namespace RlEnv.Core.Validation;

/// <summary>Where a record sits, for diagnostics: its file, its first line, and the byte column its first byte has.</summary>
public readonly record struct RecordContext(string File, long Line, int ColumnBase, bool ThinkingRequired, ValidationOptions Options)
{
    public int LineNumber => (int)Math.Min(Line, int.MaxValue);
}
