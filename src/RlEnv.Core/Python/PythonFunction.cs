namespace RlEnv.Core.Python;

/// <summary>A module-level function: its decorators (by their last dotted name), whether one passes sandbox=True, and its parameter names as written ("*args", "**kwargs").</summary>
public sealed record PythonFunction(string Name, IReadOnlyList<string> Decorators, bool Sandbox, IReadOnlyList<string> Parameters, int Line, int Column);
