using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Publishing;

/// <summary>What publish or pull did. <see cref="Pushed"/> is false when identical content was already there.</summary>
public sealed record RegistryResult(IReadOnlyList<Diagnostic> Diagnostics, string? Repository, string? Tag, string? LayerDigest, bool Pushed, string? Output, int Files);
