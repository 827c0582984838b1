using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Publishing;

/// <summary>A registry answered with an error, or could not be reached. The diagnostic comes from the catalog and never holds a credential.</summary>
public sealed class RegistryException(Diagnostic diagnostic) : Exception(diagnostic.Message)
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
