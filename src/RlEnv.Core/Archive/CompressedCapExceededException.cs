namespace RlEnv.Core.Archive;

/// <summary>Thrown from the compressed stream as soon as its output passes the cap.</summary>
public sealed class CompressedCapExceededException(long written, long cap) : Exception($"Compressed output passed {cap} bytes.")
{
    public long Written { get; } = written;

    public long Cap { get; } = cap;

    /// <summary>The largest contributors so far, by estimated compressed bytes, ready to print.</summary>
    public string Contributors { get; init; } = string.Empty;
}
