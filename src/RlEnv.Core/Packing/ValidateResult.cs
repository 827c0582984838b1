using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Packing;

public sealed record ValidateResult(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<SplitStats> Splits);
