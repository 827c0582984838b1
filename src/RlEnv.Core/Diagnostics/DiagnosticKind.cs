namespace RlEnv.Core.Diagnostics;

/// <summary>What an error of a code says about the run, which decides the tool's exit code.</summary>
public enum DiagnosticKind
{
    /// <summary>The environment, dataset or artifact has a problem the user fixes in their files (exit 1).</summary>
    Content,

    /// <summary>How the tool was called, where it may write, or whether a service answered (exit 2).</summary>
    Usage,
}
