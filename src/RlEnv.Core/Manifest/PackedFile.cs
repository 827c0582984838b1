namespace RlEnv.Core.Manifest;

/// <summary>One file in the artifact. <see cref="Mode"/> is the octal permission string written to the tar header.</summary>
public sealed record PackedFile(string Path, long Size, string Sha256, string Mode)
{
    /// <summary>Why the packed bytes are not the user's file as it is ("readme-stub", "syspath-bootstrap"); null when they are.</summary>
    public string? Generated { get; init; }
}
