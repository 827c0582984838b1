using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Packing;

public sealed record ValidateResult(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<SplitStats> Splits)
{
    /// <summary>The platform the checks were for, and why ("given" or what detection found).</summary>
    public (string Name, string Reason)? Profile { get; init; }
}
