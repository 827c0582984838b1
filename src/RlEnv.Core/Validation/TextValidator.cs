using System.IO.Hashing;

namespace RlEnv.Core.Validation;

/// <summary>A .txt split: each non-blank line is one record's input.</summary>
public sealed class TextValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics)
    : LineStreamValidator(file, split, options, diagnostics)
{
    protected override void ValidateLine(ReadOnlySpan<byte> line, long lineNumber, BlockResult result) =>
        result.Add(new RecordFacts { IsRecord = true, InputHash = XxHash128.HashToUInt128(line) }, lineNumber);
}
