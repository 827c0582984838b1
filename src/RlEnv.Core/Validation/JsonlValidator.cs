namespace RlEnv.Core.Validation;

/// <summary>A .jsonl split: each non-blank line is exactly one record object.</summary>
public sealed class JsonlValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics, bool thinkingRequired)
    : LineStreamValidator(file, split, options, diagnostics)
{
    protected override void ValidateLine(ReadOnlySpan<byte> line, long lineNumber, BlockResult result)
    {
        var context = new RecordContext(File, lineNumber, 0, thinkingRequired, Options);
        result.Add(RecordValidator.Validate(line, context, result.Diagnostics), lineNumber);
    }
}
