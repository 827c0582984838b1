namespace RlEnv.Core.Validation;

/// <summary>
/// One distinct input of a split, 48 bytes whatever its size: its 128-bit hash, the two smallest lines it occurs on
/// (<see cref="Second"/> is 0 until it repeats), how often it occurs, and the ordinal of its first occurrence, which
/// orders inputs as they first appeared (what a Dictionary's enumeration order gave before).
/// </summary>
internal struct InputDigest
{
    public UInt128 Hash;
    public long First;
    public long Second;
    public long Count;
    public long Ordinal;

    public InputDigest(UInt128 hash, long line, long ordinal)
    {
        Hash = hash;
        First = line;
        Second = 0;
        Count = 1;
        Ordinal = ordinal;
    }

    /// <summary>Records one more occurrence (lines are 1-based): keeps the two smallest lines.</summary>
    public void Add(long line)
    {
        if (line < First)
        {
            Second = First;
            First = line;
        }
        else if (Second == 0 || line < Second)
        {
            Second = line;
        }

        Count++;
    }

    /// <summary>Folds in the same input's digest from a later stretch of the file.</summary>
    public void Merge(in InputDigest later)
    {
        var count = Count + later.Count;
        Add(later.First);
        if (later.Second != 0)
        {
            Add(later.Second);
        }

        Count = count;
    }
}

/// <summary>Orders digests by hash, the order runs are written and merged in.</summary>
internal readonly struct ByHash : IComparer<InputDigest>
{
    public int Compare(InputDigest x, InputDigest y) => x.Hash.CompareTo(y.Hash);
}

/// <summary>What RLENV2104 reports about one split.</summary>
/// <param name="Repeated">How many distinct inputs occur more than once.</param>
/// <param name="Extra">How many rows repeat an earlier input.</param>
/// <param name="FirstRepeatLine">The first line that repeats an input (the smallest second occurrence).</param>
/// <param name="OriginalLine">The line that input first appears on.</param>
public readonly record struct DuplicateInputs(int Repeated, long Extra, long FirstRepeatLine, long OriginalLine);

/// <summary>What RLENV2105 reports about a split that shares inputs with train.</summary>
/// <param name="Shared">How many distinct inputs of the split also appear in train.</param>
/// <param name="FirstLine">The first line of the split holding one of them.</param>
/// <param name="TrainLine">The first train line holding that input.</param>
public readonly record struct SharedInputs(int Shared, long FirstLine, long TrainLine);
