// Mirrors RunRL's other kind of run file: an environment class with `setup(self, **kwargs) -> None` and
// `step(self, action: str) -> Dict` (rldocs/content/docs/file-formats.mdx:73-106), chosen instead of a reward file
// ("A run requires a prompt file, either a reward file or an environment file", 6-8; the run's `type` is
// reward_function or environment, python/api-reference.mdx:78).
using RlEnv.Core.Python;

namespace RlEnv.Core.Platforms.RunRl;

internal static class RunRlEnvironmentFile
{
    /// <summary>The first module-level class of the files that defines both setup and step, or null.</summary>
    /// <param name="python">The analysis's .py files.</param>
    /// <param name="files">The root .py files.</param>
    public static (string File, PythonClass Class)? Find(PythonFiles python, IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            if (python.Scan(file) is not { } module || python.Syntax.Refuses(file))
            {
                continue;
            }

            foreach (var type in module.Classes.Where(c => c.Scopes.Count == 0))
            {
                var methods = module.Functions.Where(f => f.Scopes.Count == 1 && f.Scopes[0].IsClass && f.Scopes[0].Name == type.Name && f.Scopes[0].Line == type.Line)
                    .Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
                if (methods.Contains("setup") && methods.Contains("step"))
                {
                    return (file, type);
                }
            }
        }

        return null;
    }
}
