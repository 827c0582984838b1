namespace RlEnv.Core.Diagnostics;

// Publish and pull: references, registries, and what comes back from them.
public static partial class DiagnosticCatalog
{
    /// <param name="problem">Why <c>RegistryReference.Parse</c> or <c>RegistryOptions.Check</c> refused the reference.</param>
    public static Diagnostic RegistryReferenceRefused(string problem) => RegistryReferenceInvalid.At(null, problem);
}
