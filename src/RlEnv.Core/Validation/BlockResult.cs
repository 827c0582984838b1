using System.Buffers;

namespace RlEnv.Core.Validation;

/// <summary>
/// What validating one block of lines found: diagnostics, counts, and (hash, line) per input in a pooled
/// array, merged into the split on one thread, in file order.
/// </summary>
/// <param name="diagnosticLimit">How many diagnostics per code the block keeps.</param>
/// <param name="expectedInputs">How many inputs the previous block held: the array starts at that size rather than
/// growing to it, and a small first block (a 7-row file) allocates kilobytes, not a large-object-heap array whose
/// allocation starts a garbage collection.</param>
public sealed class BlockResult(int diagnosticLimit, int expectedInputs = 0) : IDisposable
{
    private (UInt128 Hash, long Line)[] _inputs = ArrayPool<(UInt128, long)>.Shared.Rent(Math.Max(64, expectedInputs));
    private int _count;

    public DiagnosticLimiter Diagnostics { get; } = new(diagnosticLimit);

    public long Rows { get; private set; }

    public long RowsWithOutput { get; private set; }

    /// <summary>The bytes of the block validated.</summary>
    public long Bytes { get; set; }

    /// <summary>How many inputs the block holds.</summary>
    public int InputCount => _count;

    public void Add(in RecordFacts facts, long line)
    {
        if (!facts.IsRecord)
        {
            return;
        }

        Rows++;
        RowsWithOutput += facts.HasOutput ? 1 : 0;
        if (facts.InputHash is not { } hash)
        {
            return;
        }

        if (_count == _inputs.Length)
        {
            var grown = ArrayPool<(UInt128, long)>.Shared.Rent(_inputs.Length * 2);
            _inputs.AsSpan().CopyTo(grown);
            ArrayPool<(UInt128, long)>.Shared.Return(_inputs);
            _inputs = grown;
        }

        _inputs[_count++] = (hash, line);
    }

    public void MergeInto(SplitAccumulator split, DiagnosticLimiter diagnostics)
    {
        diagnostics.MergeFrom(Diagnostics);
        split.AddCounts(Rows, RowsWithOutput);
        split.Inputs.AddRange(_inputs.AsSpan(0, _count));
    }

    public void Dispose()
    {
        if (_inputs.Length > 0)
        {
            ArrayPool<(UInt128, long)>.Shared.Return(_inputs);
            _inputs = [];
        }
    }
}
