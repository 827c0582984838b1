using System.IO.Abstractions;

namespace RlEnv.Core.Validation;

/// <summary>
/// The memory the splits of one validation may use for their input digests, shared: a table grows while the sum of
/// every table's size (counting both arrays while one grows) stays within it; past that, the largest table is written
/// to its split's temp file as a sorted run and emptied. The findings stay exact (<see cref="InputDigests"/>). Owns
/// the temp files: disposing it deletes them.
/// </summary>
public sealed class InputDigestBudget(IFileSystem fileSystem, long bytes) : IDisposable
{
    /// <summary>Enough for about 390,000 distinct inputs in one split before anything is written to disk.</summary>
    public const long DefaultBytes = 64L * 1024 * 1024;

    private readonly List<InputDigests> _tables = [];
    private readonly Lock _lock = new();
    private long _used;

    internal IFileSystem FileSystem => fileSystem;

    /// <summary>The budget in bytes.</summary>
    public long Bytes => bytes;

    /// <summary>How many times a table was written to disk; tests read it to know the spilling path ran.</summary>
    public int Spills { get; private set; }

    public static InputDigestBudget ForTests(long bytes) => new(new FileSystem(), bytes);

    internal void Register(InputDigests table)
    {
        lock (_lock)
        {
            _tables.Add(table);
        }
    }

    /// <summary>
    /// Whether <paramref name="table"/> may replace its array of <paramref name="from"/> bytes with one of <paramref name="to"/>
    /// bytes, both held while it copies. Larger tables of other splits are spilled and released to make room; false
    /// when the table itself is the one to spill.
    /// </summary>
    internal bool TryGrow(InputDigests table, long from, long to)
    {
        lock (_lock)
        {
            while (_used + to > bytes)
            {
                var largest = _tables.Where(t => t != table).MaxBy(t => t.TableBytes);
                if (largest is null || largest.TableBytes <= from)
                {
                    return false;
                }

                _used -= largest.SpillAndRelease();
            }

            _used += to - from;
            return true;
        }
    }

    /// <summary>Counts a table the budget cannot refuse (the smallest one).</summary>
    internal void Reserve(long bytesNeeded)
    {
        lock (_lock)
        {
            _used += bytesNeeded;
        }
    }

    internal void CountSpill()
    {
        lock (_lock)
        {
            Spills++;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var table in _tables)
            {
                table.Dispose();
            }

            _tables.Clear();
            _used = 0;
        }
    }
}
