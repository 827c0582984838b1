namespace RlEnv.Core.Scanning;

/// <summary>
/// An observer that keeps the bytes it sees (a line validator's block): the reader reads straight into its buffer and
/// then commits, instead of reading into its own and having the observer copy. Every other observer and the sink see
/// the bytes in place before <see cref="Commit"/>, which may hand the buffer on.
/// </summary>
public interface IContentBuffer : IContentObserver
{
    /// <summary>Where the next bytes may be read to; never empty.</summary>
    Memory<byte> ReadTarget { get; }

    /// <summary>Takes the first <paramref name="count"/> bytes of <see cref="ReadTarget"/> as <see cref="IContentObserver.Observe"/> would.</summary>
    void Commit(int count);
}
