namespace RlEnv.Core.Diagnostics;

public enum Severity
{
    Info,
    Warning,
    Error,
}
