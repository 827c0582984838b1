namespace RlEnv.Core.Python;

public enum PyTokenKind
{
    Name,
    Op,
    StringLiteral,
    Number,
    Newline,
}

/// <summary>A token with its 1-based line and column (in characters).</summary>
public readonly record struct PyToken(PyTokenKind Kind, string Text, int Line, int Column);
