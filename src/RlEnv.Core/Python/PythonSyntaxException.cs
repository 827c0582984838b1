namespace RlEnv.Core.Python;

public sealed class PythonSyntaxException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
