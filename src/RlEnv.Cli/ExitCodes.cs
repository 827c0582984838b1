namespace RlEnv.Cli;

/// <summary>The tool's exit codes: part of its contract with users' CI.</summary>
public static class ExitCodes
{
    /// <summary>Done; warnings allowed.</summary>
    public const int Ok = 0;

    /// <summary>The environment (or artifact) has errors; nothing was written.</summary>
    public const int EnvironmentErrors = 1;

    /// <summary>A usage error, or the tool itself failed.</summary>
    public const int UsageOrFailure = 2;
}
