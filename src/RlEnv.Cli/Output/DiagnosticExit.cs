using RlEnv.Core.Diagnostics;

namespace RlEnv.Cli.Output;

internal static class DiagnosticExit
{
    // Errors about how the tool was called or where it may write, not about the environment's content.
    private static readonly HashSet<string> UsageCodes =
    [
        DiagnosticCodes.EnvironmentDirectoryMissing,
        DiagnosticCodes.InvalidVersion,
        DiagnosticCodes.InvalidName,
        DiagnosticCodes.InvalidSourceDateEpoch,
        DiagnosticCodes.OutputNotWritable,
        DiagnosticCodes.ArtifactNotAFile,
        DiagnosticCodes.PackCancelled,
        DiagnosticCodes.InvalidOption,
    ];

    public static int For(IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        if (errors.Count == 0)
        {
            return ExitCodes.Ok;
        }

        return errors.Any(d => UsageCodes.Contains(d.Code)) ? ExitCodes.UsageOrFailure : ExitCodes.EnvironmentErrors;
    }
}
