using RlEnv.Core.Diagnostics;
using RlEnv.Core.Scanning;

namespace RlEnv.Core.Validation;

/// <summary>
/// A profile's record checks: prepared from the walk, fed each file's bytes, finished across files. Disposing deletes
/// what they wrote to the temp folder.
/// </summary>
public interface IDatasetChecks : IDisposable
{
    IEnumerable<SplitStats> Splits { get; }

    /// <summary>The observer that validates this member's bytes, or null when the profile does not check it.</summary>
    IContentObserver? CreateObserver(string path);

    void Finish(DiagnosticBag diagnostics);
}
