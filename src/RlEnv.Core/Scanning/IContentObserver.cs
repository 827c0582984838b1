namespace RlEnv.Core.Scanning;

/// <summary>
/// Sees a file's bytes once, in order, as they stream into the archive. <see cref="Complete"/> is called
/// after the last chunk; Dispose is always called, also when the pass stopped early.
/// </summary>
public interface IContentObserver : IDisposable
{
    void Observe(ReadOnlySpan<byte> chunk);

    void Complete();
}
