namespace RlEnv.Core.Validation;

/// <summary>Per-split figures for `validate --json` and the human summary.</summary>
public sealed record SplitStats(string Name, string Path, long Rows, long Bytes, long RowsWithOutput)
{
    public long RowsWithoutOutput => Rows - RowsWithOutput;
}
