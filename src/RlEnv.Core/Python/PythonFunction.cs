namespace RlEnv.Core.Python;

/// <summary>
/// A def anywhere in the file (module level, under if/try, in a class or another def), as Python's <c>ast.walk</c>
/// meets it: its decorators, signature, docstring and every return statement inside it (nested defs' returns too,
/// as <c>ast.walk(func_node)</c> visits them).
/// </summary>
/// <param name="Name">The function's name.</param>
/// <param name="Line">The 1-based line of its name (the def line).</param>
/// <param name="Column">The 1-based column of its name.</param>
public sealed record PythonFunction(string Name, int Line, int Column)
{
    public IReadOnlyList<PythonDecorator> Decorators { get; init; } = [];

    public bool IsAsync { get; init; }

    public IReadOnlyList<PythonParameter> Parameters { get; init; } = [];

    /// <summary>The annotation after <c>-&gt;</c>, or null.</summary>
    public PythonExpression? ReturnAnnotation { get; init; }

    /// <summary>The docstring's value (<c>ast.get_docstring</c> without cleaning), null when the body does not start with a str literal.</summary>
    public string? Docstring { get; init; }

    public IReadOnlyList<PythonReturn> Returns { get; init; } = [];

    /// <summary>The defs and classes it is nested in, outermost first; empty at module level (an if or try at module level is not a scope).</summary>
    public IReadOnlyList<PythonScope> Scopes { get; init; } = [];

    public bool IsModuleLevel => Scopes.Count == 0;
}

public enum PythonParameterKind
{
    /// <summary>Before a <c>/</c> (<c>ast.arguments.posonlyargs</c>).</summary>
    PositionalOnly,

    /// <summary><c>ast.arguments.args</c>.</summary>
    Positional,

    /// <summary><c>*name</c> (<c>ast.arguments.vararg</c>).</summary>
    VarPositional,

    /// <summary>After <c>*</c> or <c>*name</c> (<c>ast.arguments.kwonlyargs</c>).</summary>
    KeywordOnly,

    /// <summary><c>**name</c> (<c>ast.arguments.kwarg</c>).</summary>
    VarKeyword,
}

/// <summary>One parameter of a def.</summary>
/// <param name="Name">Its name, without stars.</param>
/// <param name="Kind">Which list of <c>ast.arguments</c> it is in.</param>
/// <param name="Annotation">Its annotation, or null.</param>
/// <param name="HasDefault">Whether it has a default value.</param>
public sealed record PythonParameter(string Name, PythonParameterKind Kind, PythonExpression? Annotation, bool HasDefault)
{
    /// <summary>As written: <c>*args</c>, <c>**kwargs</c>, <c>x</c>.</summary>
    public string Display => Kind switch
    {
        PythonParameterKind.VarPositional => "*" + Name,
        PythonParameterKind.VarKeyword => "**" + Name,
        _ => Name,
    };
}

/// <summary>One decorator: its expression, and the (dotted) name it calls or is.</summary>
/// <param name="Expression">The whole decorator expression.</param>
/// <param name="Line">The 1-based line of the <c>@</c>.</param>
/// <param name="Column">The 1-based column of the <c>@</c>.</param>
public sealed record PythonDecorator(PythonExpression Expression, int Line, int Column)
{
    /// <summary><c>reward</c> for <c>@reward</c> and <c>@reward(...)</c>, <c>core.reward</c> for <c>@core.reward(...)</c>; null for any other expression.</summary>
    public PyName? Name => Expression switch
    {
        PyName name => name,
        PyCall { Function: PyName name } => name,
        _ => null,
    };

    /// <summary>The keyword arguments of a call decorator; empty otherwise.</summary>
    public IReadOnlyDictionary<string, PythonExpression> Keywords =>
        Expression is PyCall call ? call.Keywords : new Dictionary<string, PythonExpression>();
}

/// <summary>A return statement: its value (null for a bare return) and where it is.</summary>
/// <param name="Value">The returned expression, or null.</param>
/// <param name="Line">The 1-based line of <c>return</c>.</param>
/// <param name="Column">The 1-based column of <c>return</c>.</param>
public sealed record PythonReturn(PythonExpression? Value, int Line, int Column);

/// <summary>A def or class that encloses a definition.</summary>
/// <param name="IsClass">A class rather than a def.</param>
/// <param name="Name">Its name.</param>
/// <param name="Line">The 1-based line of its name.</param>
public sealed record PythonScope(bool IsClass, string Name, int Line);

/// <summary>A class anywhere in the file, with the scopes it is nested in.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Line">The 1-based line of its name.</param>
/// <param name="Column">The 1-based column of its name.</param>
/// <param name="Scopes">The defs and classes around it, outermost first.</param>
public sealed record PythonClass(string Name, int Line, int Column, IReadOnlyList<PythonScope> Scopes);
