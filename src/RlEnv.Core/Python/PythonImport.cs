namespace RlEnv.Core.Python;

/// <summary>
/// One import statement's target. <see cref="Level"/> counts leading dots (0 = absolute);
/// <see cref="Names"/> holds the names of a from-import, empty for a plain import.
/// </summary>
public sealed record PythonImport(int Level, string Module, IReadOnlyList<string> Names, int Line, int Column);
