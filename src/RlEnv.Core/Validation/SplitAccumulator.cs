namespace RlEnv.Core.Validation;

/// <summary>
/// One split's figures and input digests. Fed by one thread at a time (the merge of validated blocks, or a format's
/// reader thread). The digests take memory from <paramref name="budget"/>, shared by the splits of one validation; without
/// one, the split gets a budget of its own of <see cref="InputDigestBudget.DefaultBytes"/>.
/// </summary>
public sealed class SplitAccumulator(string name, string path, InputDigestBudget? budget = null)
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public long Rows { get; private set; }

    public long RowsWithOutput { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>The file's size as walked (0 when unknown): with the first rows' density, it sizes the digest table once.</summary>
    public long ExpectedBytes { get; init; }

    /// <summary>
    /// The lane every line-oriented file of this validation merges on, owned (drained) by the validation; null: each
    /// file's validator waits for its own merges when the file ends.
    /// </summary>
    public MergeLane? Lane { get; init; }

    /// <summary>Every input's digest: duplicates, leakage and distinct counts come from here.</summary>
    public InputDigests Inputs { get; } = new(budget ?? new InputDigestBudget(new System.IO.Abstractions.FileSystem(), InputDigestBudget.DefaultBytes));

    public void AddBytes(long count) => Bytes += count;

    public void Add(in RecordFacts facts, long line)
    {
        if (!facts.IsRecord)
        {
            return;
        }

        AddCounts(1, facts.HasOutput ? 1 : 0);
        if (facts.InputHash is { } hash)
        {
            AddInput(hash, line);
        }
    }

    public void AddCounts(long rows, long rowsWithOutput)
    {
        Rows += rows;
        RowsWithOutput += rowsWithOutput;
    }

    public void AddInput(UInt128 hash, long line) => Inputs.Add(hash, line);

    public SplitStats ToStats() => new(Name, Path, Rows, Bytes, RowsWithOutput);
}
