// Mirrors the reward function RunRL's docs require (runrl/docs, rldocs/content/docs/file-formats.mdx:44-63 at
// 0c683c1): `def reward_fn(completion: str, **kwargs) -> float` (or a (float, dict) tuple), where kwargs carries
// every field of the prompt's JSONL line (56); python/troubleshooting.mdx:40-46 names it too ("Reward function
// files define `def reward_fn(completion, **kwargs)`"). The older form `def reward_func(prompts, completions,
// **kwargs) -> list[float]` was the documented one from c0733b0 (2025-05-11) to 788a905 (2025-09-09,
// file-formats.mdx:44-60) and is gone since 1eeb686 (2025-09-17, "better doxx").
using RlEnv.Core.Python;

namespace RlEnv.Core.Platforms.RunRl;

/// <summary>A reward function a file defines at module level.</summary>
/// <param name="Path">The file, relative to the project root.</param>
/// <param name="Function">The def, or null when the name is bound otherwise (an assignment, an import).</param>
/// <param name="IsCurrentForm">reward_fn rather than the older reward_func.</param>
/// <param name="Line">Where it is defined or bound.</param>
/// <param name="Column">As <paramref name="Line"/>.</param>
public sealed record RunRlRewardFunction(string Path, PythonFunction? Function, bool IsCurrentForm, int Line, int Column)
{
    public const string CurrentName = "reward_fn";
    public const string OldName = "reward_func";

    public string Name => IsCurrentForm ? CurrentName : OldName;

    /// <summary>
    /// Whether the signature takes what RunRL passes: for reward_fn, the completion as its first parameter, named
    /// completion, any further ones defaulted, and **kwargs for the line's fields; for reward_func, prompts,
    /// completions and **kwargs. A name bound without a def cannot be read and counts as declared.
    /// </summary>
    public bool IsDeclaredAsDocumented
    {
        get
        {
            if (Function is null)
            {
                return true;
            }

            var parameters = Function.Parameters;
            var positional = parameters.Where(p => p.Kind is PythonParameterKind.PositionalOnly or PythonParameterKind.Positional).ToList();
            var takesFields = parameters.Any(p => p.Kind == PythonParameterKind.VarKeyword);
            var firstNames = IsCurrentForm ? new[] { "completion" } : ["prompts", "completions"];
            return takesFields
                && positional.Count >= firstNames.Length
                && firstNames.Select((name, i) => positional[i].Name == name).All(same => same)
                && positional.Skip(firstNames.Length).All(p => p.HasDefault)
                && parameters.Where(p => p.Kind == PythonParameterKind.KeywordOnly).All(p => p.HasDefault);
        }
    }

    /// <summary>The parameters as written, for messages.</summary>
    public IEnumerable<string> Parameters => Function?.Parameters.Select(p => p.Display) ?? [];

    /// <summary>The reward functions a file defines at module level (reward_fn first), as an import would bind them.</summary>
    /// <param name="path">The file, relative to the project root.</param>
    /// <param name="module">The file's scan.</param>
    public static IEnumerable<RunRlRewardFunction> In(string path, PythonModuleInfo module)
    {
        foreach (var (name, current) in new[] { (CurrentName, true), (OldName, false) })
        {
            // The last module-level def wins at import, as Python binds it.
            if (module.Functions.LastOrDefault(f => f.IsModuleLevel && f.Name == name) is { } function)
            {
                yield return new RunRlRewardFunction(path, function, current, function.Line, function.Column);
            }
            else if (module.Bindings.Find(name) is { Certainty: BindingCertainty.Certain or BindingCertainty.Conditional } bound)
            {
                yield return new RunRlRewardFunction(path, null, current, bound.Line > 0 ? bound.Line : 1, bound.Column > 0 ? bound.Column : 1);
            }
        }
    }
}
