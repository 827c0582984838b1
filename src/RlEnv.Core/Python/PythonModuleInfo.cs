namespace RlEnv.Core.Python;

/// <summary>What a Python file imports, and which names it binds at module level.</summary>
public sealed record PythonModuleInfo(IReadOnlyList<PythonImport> Imports, IReadOnlySet<string> TopLevelNames)
{
    public IReadOnlyList<PythonFunction> Functions { get; init; } = [];
}
