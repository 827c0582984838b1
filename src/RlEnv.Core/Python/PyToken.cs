namespace RlEnv.Core.Python;

public enum PyTokenKind
{
    Name,
    Op,
    StringLiteral,
    Number,
    Newline,
}

/// <summary>
/// A token with its 1-based line and column (in characters). A string literal's text is its source, prefix and quotes
/// included (see <see cref="PythonStringLiteral"/>), or empty past <see cref="PythonTokenizer.MaxStringLiteralText"/>.
/// </summary>
public readonly record struct PyToken(PyTokenKind Kind, string Text, int Line, int Column);
