using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Packing;

/// <summary>A member could not be streamed as the walk saw it (it changed size, or cannot be read): the pack stops.</summary>
public sealed class PackFileException(Diagnostic diagnostic) : Exception(diagnostic.Message)
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
