namespace RlEnv.Core.Python;

/// <summary>What a Python file imports, and which names it binds at module level.</summary>
public sealed record PythonModuleInfo(IReadOnlyList<PythonImport> Imports, IReadOnlySet<string> TopLevelNames)
{
    public IReadOnlyList<PythonFunction> Functions { get; init; } = [];

    /// <summary>Whether a module-level name is bound certainly, conditionally, perhaps by code RlEnv does not follow, or not at all.</summary>
    public ModuleBindings Bindings { get; init; } = ModuleBindings.Empty;
}
