using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Conversion;

/// <summary>What a conversion did: records written, and each part the target format could not hold, with its count.</summary>
public sealed record ConvertResult(IReadOnlyList<Diagnostic> Diagnostics, long Records, IReadOnlyDictionary<string, long> Dropped, string? OutputPath);
