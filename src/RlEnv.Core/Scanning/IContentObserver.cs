namespace RlEnv.Core.Scanning;

/// <summary>Sees a file's bytes once, in order, as they stream into the archive.</summary>
public interface IContentObserver
{
    void Observe(ReadOnlySpan<byte> chunk);

    void Complete();
}
