namespace RlEnv.Core.Python;

/// <summary>
/// The few shapes of a Python expression that rules about annotations, decorators and returned constants need,
/// named after the <c>ast</c> node Python's parser would build. Anything else is <see cref="PyOther"/>: rules
/// treat it as "cannot tell", never as a finding.
/// </summary>
/// <param name="Text">The expression's source tokens joined as written (for messages).</param>
/// <param name="Line">Its first token's 1-based line.</param>
/// <param name="Column">Its first token's 1-based column.</param>
public abstract record PythonExpression(string Text, int Line, int Column);

/// <summary>A name or a dotted name (<c>ast.Name</c>, or <c>ast.Attribute</c> over names): <c>reward</c>, <c>typing.List</c>.</summary>
public sealed record PyName(string Dotted, string Text, int Line, int Column) : PythonExpression(Text, Line, Column)
{
    public bool IsDotted => Dotted.Contains('.', StringComparison.Ordinal);

    /// <summary>The last segment: <c>List</c> for <c>typing.List</c>.</summary>
    public string Last => Dotted[(Dotted.LastIndexOf('.') + 1)..];
}

/// <summary>An int, float or bool constant (<c>ast.Constant</c> whose value is an int or float; True is 1), with its value as a float.</summary>
public sealed record PyNumber(double Value, string Text, int Line, int Column) : PythonExpression(Text, Line, Column);

/// <summary>The constant None.</summary>
public sealed record PyNone(string Text, int Line, int Column) : PythonExpression(Text, Line, Column);

/// <summary>A str constant made of adjacent literals, with its value (null when RlEnv cannot decode it); f-strings and bytes are <see cref="PyOther"/>.</summary>
public sealed record PyString(string? Value, string Text, int Line, int Column) : PythonExpression(Text, Line, Column);

/// <summary>Unary minus (<c>ast.UnaryOp</c> with <c>ast.USub</c>).</summary>
public sealed record PyNegation(PythonExpression Operand, string Text, int Line, int Column) : PythonExpression(Text, Line, Column);

/// <summary><c>body if test else orelse</c> (<c>ast.IfExp</c>).</summary>
public sealed record PyConditional(PythonExpression Body, PythonExpression OrElse, string Text, int Line, int Column) : PythonExpression(Text, Line, Column);

/// <summary><c>left | right</c> (<c>ast.BinOp</c> with <c>ast.BitOr</c>): in an annotation, a PEP 604 union.</summary>
public sealed record PyUnion(PythonExpression Left, PythonExpression Right, string Text, int Line, int Column) : PythonExpression(Text, Line, Column);

/// <summary><c>target[items]</c>; a tuple index is split into its items.</summary>
public sealed record PySubscript(PythonExpression Target, IReadOnlyList<PythonExpression> Items, string Text, int Line, int Column) : PythonExpression(Text, Line, Column);

/// <summary><c>func(args)</c>, with its keyword arguments by name (positional ones are not kept).</summary>
public sealed record PyCall(PythonExpression Function, IReadOnlyDictionary<string, PythonExpression> Keywords, string Text, int Line, int Column) : PythonExpression(Text, Line, Column);

/// <summary>Any other expression.</summary>
public sealed record PyOther(string Text, int Line, int Column) : PythonExpression(Text, Line, Column);
