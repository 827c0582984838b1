using System.Runtime.CompilerServices;

namespace RlEnv.Core.Validation;

/// <summary>
/// The distinct inputs of one split, for duplicate and leakage findings that stay exact with memory bounded by bytes:
/// an open-addressing table of fixed-size digests (48 bytes per distinct input, whatever the input's size) grows
/// within the shared <see cref="InputDigestBudget"/>; past it, the table is sorted by hash, written to a temp file as a
/// run, and emptied. The findings then merge the runs by hash, one pass per finding, in bounded memory. Every
/// digest keeps the ordinal of its input's first occurrence, so ties are broken as first appearance orders them,
/// on both paths. One writer at a time: the split's rows are merged in file order on one thread.
/// </summary>
public sealed class InputDigests : IDisposable
{
    private const int MinCapacity = 2;
    private const int StartCapacity = 1024;
    private static readonly long SlotBytes = Unsafe.SizeOf<InputDigest>();

    private readonly InputDigestBudget _budget;
    private InputDigest[] _slots = [];
    private int _count;
    private int _limit;
    private long _ordinal;
    private DigestSpillFile? _spill;

    public InputDigests(InputDigestBudget budget)
    {
        _budget = budget;
        budget.Register(this);
    }

    /// <summary>Whether some digests went to disk; the findings then come from the merged runs.</summary>
    public bool Spilled => _spill is not null;

    internal long TableBytes => _slots.LongLength * SlotBytes;

    /// <summary>The temp file's name and size, once the table spilled; for tests.</summary>
    internal (string Path, long Bytes)? SpillFile => _spill is { } spill ? (spill.Path, spill.Length) : null;

    public void Add(UInt128 hash, long line)
    {
        if (_slots.Length > 0)
        {
            var i = Home(hash);
            while (_slots[i].Count != 0)
            {
                if (_slots[i].Hash == hash)
                {
                    _slots[i].Add(line);
                    _ordinal++;
                    return;
                }

                i = i + 1 == _slots.Length ? 0 : i + 1;
            }
        }

        // A new input: room first (the table may grow, or be written out and emptied), then its slot.
        if (_count >= _limit)
        {
            MakeRoom();
        }

        Insert(new InputDigest(hash, line, _ordinal));
        _ordinal++;
    }

    /// <summary>
    /// Adds inputs in order, as <see cref="Add"/> would one by one. The table is far larger than the caches, so each
    /// lookup waits for memory: the slots of the next few inputs are prefetched while the current ones are added.
    /// </summary>
    public void AddRange(ReadOnlySpan<(UInt128 Hash, long Line)> inputs)
    {
        const int Ahead = 8;
        for (var i = 0; i < inputs.Length; i++)
        {
            if (i + Ahead < inputs.Length)
            {
                Prefetch(inputs[i + Ahead].Hash);
            }

            Add(inputs[i].Hash, inputs[i].Line);
        }
    }

    /// <summary>Every distinct input with its lines and count, in no particular order; for tests.</summary>
    internal IEnumerable<(UInt128 Hash, long First, long Second, long Count)> Snapshot() =>
        (_spill is null ? Occupied() : Sorted()).Select(d => (d.Hash, d.First, d.Second, d.Count));

    /// <summary>How many distinct inputs the split holds.</summary>
    public long Distinct()
    {
        if (_spill is null)
        {
            return _count;
        }

        long distinct = 0;
        foreach (var _ in Sorted())
        {
            distinct++;
        }

        return distinct;
    }

    /// <summary>The inputs that occur more than once, or null when none does.</summary>
    public DuplicateInputs? Duplicates()
    {
        var repeated = 0;
        long extra = 0;
        InputDigest? first = null;
        void Consider(in InputDigest digest)
        {
            if (digest.Count < 2)
            {
                return;
            }

            repeated++;
            extra += digest.Count - 1;
            if (first is not { } f || digest.Second < f.Second || (digest.Second == f.Second && digest.Ordinal < f.Ordinal))
            {
                first = digest;
            }
        }

        if (_spill is null)
        {
            // The table is read in place: this runs alone at the end of every validation, over every slot.
            foreach (ref readonly var digest in _slots.AsSpan())
            {
                Consider(digest);
            }
        }
        else
        {
            foreach (var digest in Sorted())
            {
                Consider(digest);
            }
        }

        return first is { } d ? new DuplicateInputs(repeated, extra, d.Second, d.First) : null;
    }

    /// <summary>The inputs of this split that also occur in <paramref name="train"/>, or null when none does.</summary>
    public SharedInputs? SharedWith(InputDigests train)
    {
        var shared = 0;
        (InputDigest Mine, long TrainLine)? first = null;
        void Consider(in InputDigest mine, long trainLine)
        {
            shared++;
            if (first is not { } f || mine.First < f.Mine.First || (mine.First == f.Mine.First && mine.Ordinal < f.Mine.Ordinal))
            {
                first = (mine, trainLine);
            }
        }

        if (_spill is null && train._spill is null)
        {
            // Each lookup lands at random in train's table, far larger than the caches: the slots a few inputs ahead are
            // prefetched, as AddRange does.
            const int Ahead = 8;
            var slots = _slots.AsSpan();
            for (var i = 0; i < slots.Length; i++)
            {
                if (i + Ahead < slots.Length && slots[i + Ahead].Count != 0)
                {
                    train.Prefetch(slots[i + Ahead].Hash);
                }

                ref readonly var digest = ref slots[i];
                if (digest.Count != 0 && train.Find(digest.Hash) is { } trainLine)
                {
                    Consider(digest, trainLine);
                }
            }
        }
        else
        {
            using var theirs = train.Sorted().GetEnumerator();
            var more = theirs.MoveNext();
            foreach (var digest in Sorted())
            {
                while (more && theirs.Current.Hash < digest.Hash)
                {
                    more = theirs.MoveNext();
                }

                if (!more)
                {
                    break;
                }

                if (theirs.Current.Hash == digest.Hash)
                {
                    Consider(digest, theirs.Current.First);
                }
            }
        }

        return first is { } found ? new SharedInputs(shared, found.Mine.First, found.TrainLine) : null;
    }

    public void Dispose()
    {
        _spill?.Dispose();
        _spill = null;
        _slots = [];
        _count = 0;
        _limit = 0;
    }

    /// <summary>Writes the table as a run and frees it; called by the budget for a larger table than the one growing.</summary>
    internal long SpillAndRelease()
    {
        var freed = TableBytes;
        Spill();
        _slots = [];
        _limit = 0;
        return freed;
    }

    /// <summary>
    /// Sizes the table for about <paramref name="inputs"/> distinct inputs now, as far as the budget allows, so it need
    /// not grow step by step; a hint only.
    /// </summary>
    public void Reserve(long inputs)
    {
        // Never below the first table's size: a hint of a handful of inputs must not leave a table too small to grow from.
        var capacity = Math.Max(StartCapacity, (inputs * 4 / 3) + 1);
        if (capacity <= _slots.Length || _count > 0 || _spill is not null)
        {
            return;
        }

        capacity = Math.Min(capacity, Math.Max(StartCapacity, _budget.Bytes / 2 / SlotBytes));
        if (capacity > _slots.Length && capacity <= Array.MaxLength && _budget.TryGrow(this, TableBytes, capacity * SlotBytes))
        {
            Resize((int)capacity);
        }
    }

    private void MakeRoom()
    {
        var capacity = _slots.Length == 0 ? StartCapacity : (int)Math.Min(Array.MaxLength, _slots.LongLength * 2);
        if (_slots.Length == 0 && !_budget.TryGrow(this, 0, capacity * SlotBytes))
        {
            // The smallest table is always allowed, so every input can be counted however small the budget.
            capacity = MinCapacity;
            _budget.Reserve(capacity * SlotBytes);
        }
        else if (_slots.Length > 0 && !_budget.TryGrow(this, TableBytes, capacity * SlotBytes))
        {
            Spill();
            return;
        }

        Resize(capacity);
    }

    private void Resize(int capacity)
    {
        var old = _slots;
        _slots = PrefaultedArray.Allocate<InputDigest>(capacity);
        // At least one slot always stays empty, or a probe for a new input would never end.
        _limit = (int)Math.Min(capacity - 1, Math.Max(1, (long)capacity * 3 / 4));
        _count = 0;
        foreach (ref readonly var digest in old.AsSpan())
        {
            if (digest.Count != 0)
            {
                Insert(digest);
            }
        }
    }

    private unsafe void Prefetch(UInt128 hash)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported && _slots.Length > 0)
        {
            fixed (InputDigest* slot = &_slots[Home(hash)])
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(slot);
            }
        }
    }

    /// <summary>Where a hash's probe starts: its high 32 bits scaled to the table (no power-of-two size needed, no division).</summary>
    private int Home(UInt128 hash) => (int)(((ulong)(uint)(hash >> 96) * (uint)_slots.Length) >> 32);

    private void Insert(in InputDigest digest)
    {
        var i = Home(digest.Hash);
        while (_slots[i].Count != 0)
        {
            i = i + 1 == _slots.Length ? 0 : i + 1;
        }

        _slots[i] = digest;
        _count++;
    }

    private long? Find(UInt128 hash)
    {
        if (_slots.Length == 0)
        {
            return null;
        }

        var i = Home(hash);
        while (_slots[i].Count != 0)
        {
            if (_slots[i].Hash == hash)
            {
                return _slots[i].First;
            }

            i = i + 1 == _slots.Length ? 0 : i + 1;
        }

        return null;
    }

    /// <summary>Sorts the occupied slots by hash at the front of the table, writes them as a run, and empties the table.</summary>
    private void Spill()
    {
        if (_count == 0)
        {
            return;
        }

        var n = 0;
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Count != 0)
            {
                _slots[n++] = _slots[i];
            }
        }

        var run = _slots.AsSpan(0, n);
        run.Sort(default(ByHash));
        _spill ??= DigestSpillFile.Create(_budget.FileSystem);
        _spill.WriteRun(run);
        Array.Clear(_slots);
        _count = 0;
        _budget.CountSpill();
    }

    private IEnumerable<InputDigest> Occupied()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Count != 0)
            {
                yield return _slots[i];
            }
        }
    }

    /// <summary>Every digest in hash order, from disk: the table is written as a last run first.</summary>
    private IEnumerable<InputDigest> Sorted()
    {
        Spill();
        return _spill is null ? [] : _spill.Merged();
    }
}
