namespace RlEnv.Core.Validation;

/// <summary>
/// Where validated blocks are merged into their splits: one after another, in the order they were dispatched, on the
/// workers, with at most twice the cores' blocks in flight. Files that share one lane need not wait for each other:
/// the next file is read while the last one's blocks are still validated, and nothing merges two blocks at once, so
/// splits sharing an <see cref="InputDigestBudget"/> never spill each other mid-merge. Used from the reading thread.
/// </summary>
public sealed class MergeLane
{
    private readonly Queue<Task> _pending = new();
    private readonly int _maxInFlight = 2 * Environment.ProcessorCount;
    private Task _last = Task.CompletedTask;

    /// <summary>Merges <paramref name="block"/> once it is validated and every earlier block is merged.</summary>
    /// <param name="block">The block's validation.</param>
    /// <param name="merge">Merges it; gets the previous merge too, whose failure it passes on.</param>
    public void Add(Task<BlockResult> block, Action<Task, Task<BlockResult>> merge)
    {
        var previous = _last;
        _last = Task.Factory.ContinueWhenAll([previous, block], _ => merge(previous, block), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        _pending.Enqueue(_last);
        while (_pending.Count > _maxInFlight)
        {
            _pending.Dequeue().GetAwaiter().GetResult();
        }
    }

    /// <summary>Waits for every merge; a failure in any is thrown here.</summary>
    public void Drain()
    {
        while (_pending.Count > 0)
        {
            _pending.Dequeue().GetAwaiter().GetResult();
        }
    }

    /// <summary>Waits for every merge whatever failed: before what they write to is read after a failure, or disposed.</summary>
    public void Settle()
    {
        _last.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Wait();
        _pending.Clear();
    }
}
