using RlEnv.Core.Diagnostics;

namespace RlEnv.Cli.Output;

internal static class DiagnosticExit
{
    /// <summary>0 without errors; 2 when an error is about how the tool was used (its catalog kind), else 1.</summary>
    public static int For(IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        if (errors.Count == 0)
        {
            return ExitCodes.Ok;
        }

        return errors.Any(d => d.Kind == DiagnosticKind.Usage) ? ExitCodes.UsageOrFailure : ExitCodes.EnvironmentErrors;
    }
}
