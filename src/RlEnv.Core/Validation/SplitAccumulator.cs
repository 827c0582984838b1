namespace RlEnv.Core.Validation;

/// <summary>
/// One split's figures and input fingerprints. Fed by one thread at a time (the merge of validated blocks,
/// or a format's reader thread); a plain Dictionary keeps entries in one array, not an object per input.
/// </summary>
public sealed class SplitAccumulator(string name, string path)
{
    private readonly Dictionary<UInt128, InputSeen> _inputs = [];

    public string Name { get; } = name;

    public string Path { get; } = path;

    public long Rows { get; private set; }

    public long RowsWithOutput { get; private set; }

    public long Bytes { get; private set; }

    public IReadOnlyDictionary<UInt128, InputSeen> Inputs => _inputs;

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

    public void AddInput(UInt128 hash, long line)
    {
        ref var seen = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_inputs, hash, out var exists);
        seen = exists ? seen.With(line) : new InputSeen(line, 0, 1);
    }

    public SplitStats ToStats() => new(Name, Path, Rows, Bytes, RowsWithOutput);
}

/// <summary>Where an input was first seen, where it first repeats (0 if never), and how often it occurs.</summary>
public readonly record struct InputSeen(long FirstLine, long SecondLine, long Count)
{
    public InputSeen With(long line) => line < FirstLine
        ? new InputSeen(line, FirstLine, Count + 1)
        : new InputSeen(FirstLine, SecondLine == 0 || line < SecondLine ? line : SecondLine, Count + 1);
}
