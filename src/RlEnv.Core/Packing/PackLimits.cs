using RlEnv.Core.Platforms.Freesolo;

namespace RlEnv.Core.Packing;

/// <summary>The hub's caps (binary units, as it computes them; see <see cref="FreesoloLimits"/>); each can be overridden for another hub.</summary>
public sealed record PackLimits
{
    public const long MiB = FreesoloLimits.MiB;
    public const long HubCompressedBytes = FreesoloLimits.UploadCompressedBytes;
    public const long HubUncompressedBytes = FreesoloLimits.UncompressedBytes;
    public const int HubMembers = FreesoloLimits.ArchiveMembers;
    public const long HubFileBytes = FreesoloLimits.GitHubFileBytes;
    public const long HeaderAllowancePerMember = FreesoloLimits.HeaderAllowancePerMember;
    public const long TarStreamSlack = FreesoloLimits.TarStreamSlack;

    public static readonly PackLimits Hub = new();

    public long MaxCompressedBytes { get; init; } = HubCompressedBytes;

    public long MaxUncompressedBytes { get; init; } = HubUncompressedBytes;

    public int MaxMembers { get; init; } = HubMembers;

    /// <summary>The largest single file (Freesolo: what the hub's GitHub repository takes).</summary>
    public long MaxFileBytes { get; init; } = HubFileBytes;

    /// <summary>The bound on the decompressed tar stream, headers included; derived from the others unless set.</summary>
    public long? MaxTarStreamBytesOverride { get; init; }

    /// <remarks>
    /// Saturates instead of wrapping: a cap near long.MaxValue from some caller must never turn the bound
    /// negative and refuse everything (MaxMembers is an int, so its product with 1 KiB fits a long).
    /// </remarks>
    public long MaxTarStreamBytes => MaxTarStreamBytesOverride ?? FreesoloLimits.TarStreamBound(MaxUncompressedBytes, MaxMembers);
}
