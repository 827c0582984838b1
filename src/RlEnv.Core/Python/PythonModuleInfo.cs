namespace RlEnv.Core.Python;

/// <summary>What a Python file imports, and which names it binds at module level.</summary>
public sealed record PythonModuleInfo(IReadOnlyList<PythonImport> Imports, IReadOnlySet<string> TopLevelNames)
{
    /// <summary>Every def in the file, at any depth (see <see cref="PythonDefinitionScanner"/>).</summary>
    public IReadOnlyList<PythonFunction> Functions { get; init; } = [];

    /// <summary>Every class in the file, at any depth.</summary>
    public IReadOnlyList<PythonClass> Classes { get; init; } = [];

    /// <summary>Whether a module-level name is bound certainly, conditionally, perhaps by code RlEnv does not follow, or not at all.</summary>
    public ModuleBindings Bindings { get; init; } = ModuleBindings.Empty;
}
