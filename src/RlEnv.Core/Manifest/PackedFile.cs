namespace RlEnv.Core.Manifest;

/// <summary>One file in the artifact. <see cref="Mode"/> is the octal permission string written to the tar header.</summary>
public sealed record PackedFile(string Path, long Size, string Sha256, string Mode);
