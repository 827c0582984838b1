namespace RlEnv.Core.Publishing;

/// <summary>
/// A token that fires when nothing moved for a while: a stalled registry fails in seconds, while a slow
/// but moving transfer of a large blob is never cut off. Each byte sent or received calls <see cref="Touch"/>.
/// </summary>
internal sealed class IdleTimeout : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TimeSpan _idle;
    private readonly CancellationToken _user;

    public IdleTimeout(TimeSpan idle, CancellationToken user)
    {
        _idle = idle;
        _user = user;
        _source = CancellationTokenSource.CreateLinkedTokenSource(user);
        _source.CancelAfter(idle);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>True when the idle time ran out rather than the user cancelling.</summary>
    public bool Expired => _source.IsCancellationRequested && !_user.IsCancellationRequested;

    public void Touch()
    {
        if (!_source.IsCancellationRequested)
        {
            _source.CancelAfter(_idle);
        }
    }

    public void Dispose() => _source.Dispose();
}
