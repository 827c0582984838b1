using Microsoft.Build.Framework;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;

namespace RlEnv.Sdk.Tasks;

/// <summary>Claims the output pair for this project before every pack, skipped or not (see <see cref="OutputClaim"/>).</summary>
public sealed class RlEnvClaimOutput : Microsoft.Build.Utilities.Task
{
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    [Required]
    public string ArtifactName { get; set; } = string.Empty;

    [Required]
    public string Version { get; set; } = string.Empty;

    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>Clean: give the claim up instead of taking it.</summary>
    public bool Release { get; set; }

    public override bool Execute()
    {
        if (Release)
        {
            OutputClaim.Release(new System.IO.Abstractions.FileSystem(), Path.GetFullPath(OutputDirectory), ArtifactName, Version, Path.GetFullPath(ProjectPath));
            return true;
        }

        var diagnostics = new DiagnosticBag();
        OutputClaim.Take(new System.IO.Abstractions.FileSystem(), Path.GetFullPath(OutputDirectory), ArtifactName, Version, Path.GetFullPath(ProjectPath), diagnostics);
        DiagnosticLogging.Log(Log, diagnostics.ToSortedList(), Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!);
        return !Log.HasLoggedErrors;
    }
}
