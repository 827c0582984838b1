namespace RlEnv.Core.Packing;

/// <summary>The hub's caps (binary units, as it computes them); each can be overridden for another hub.</summary>
public sealed record PackLimits
{
    public const long MiB = 1024L * 1024;
    public const long HubCompressedBytes = 64 * MiB;
    public const long HubUncompressedBytes = 256 * MiB;
    public const int HubMembers = 5000;
    public const long HeaderAllowancePerMember = 1024;
    public const long TarStreamSlack = 1 * MiB;

    public static readonly PackLimits Hub = new();

    public long MaxCompressedBytes { get; init; } = HubCompressedBytes;

    public long MaxUncompressedBytes { get; init; } = HubUncompressedBytes;

    public int MaxMembers { get; init; } = HubMembers;

    /// <summary>The bound on the decompressed tar stream, headers included; derived from the others unless set.</summary>
    public long? MaxTarStreamBytesOverride { get; init; }

    /// <remarks>
    /// Saturates instead of wrapping: a cap near long.MaxValue from some caller must never turn the bound
    /// negative and refuse everything (MaxMembers is an int, so its product with 1 KiB fits a long).
    /// </remarks>
    public long MaxTarStreamBytes =>
        MaxTarStreamBytesOverride ?? SaturatingAdd(SaturatingAdd(Math.Max(0, MaxUncompressedBytes), Math.Max(0, MaxMembers) * HeaderAllowancePerMember), TarStreamSlack);

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
