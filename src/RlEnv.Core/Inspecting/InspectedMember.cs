namespace RlEnv.Core.Inspecting;

/// <summary>One archive member as read back. <see cref="Sha256"/> is null for folders.</summary>
public sealed record InspectedMember(string Path, string Type, long Size, string Mode, int Uid, int Gid, DateTimeOffset ModTime, string? Sha256);
