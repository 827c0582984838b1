using Microsoft.Build.Utilities;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Sdk.Tasks;

/// <summary>Turns engine diagnostics into MSBuild errors, warnings and messages with code, file, line, column and help link.</summary>
internal static class DiagnosticLogging
{
    public static void Log(TaskLoggingHelper log, IEnumerable<Diagnostic> diagnostics, string root)
    {
        foreach (var d in diagnostics)
        {
            var file = d.File is null ? null : Path.Combine(root, d.File);
            var line = d.Line ?? 0;
            var column = d.Column ?? 0;
            switch (d.Severity)
            {
                case Severity.Error:
                    log.LogError(null, d.Code, null, d.HelpLink, file, line, column, 0, 0, d.Message);
                    break;
                case Severity.Warning:
                    log.LogWarning(null, d.Code, null, d.HelpLink, file, line, column, 0, 0, d.Message);
                    break;
                default:
                    log.LogMessage(null, d.Code, null, file, line, column, 0, 0, Microsoft.Build.Framework.MessageImportance.Normal, d.Message);
                    break;
            }
        }
    }
}
