// Mirrors how rnow finds @reward and @tool functions without importing the file: rnow/core/reward.py,
// validate_rewards_file and get_reward_names_from_file (281-295, 349-362); rnow/core/tool.py, validate_tools_file
// (464-478); rnow/cli/commands.py, get_sandbox_names_from_file (387-426). It walks the whole tree (ast.walk), so a
// def under an `if`, in a class or in another def counts, and it matches only `ast.Name` decorators and calls of
// one: `@reward`, `@reward(...)`. `@core.reward` is an `ast.Attribute`: rnow never sees it, though importing the
// file still runs the decorator.
using RlEnv.Core.Python;

namespace RlEnv.Core.Platforms.ReinforceNow;

internal static class ReinforceNowDecorators
{
    public const string Reward = "reward";
    public const string Tool = "tool";

    /// <summary>The functions rnow sees as decorated with <paramref name="decorator"/>: a bare name or a call of one.</summary>
    /// <param name="functions">Every def in the file.</param>
    /// <param name="decorator">"reward" or "tool".</param>
    public static IEnumerable<PythonFunction> Seen(IEnumerable<PythonFunction> functions, string decorator) =>
        functions.Where(f => f.Decorators.Any(d => IsBare(d, decorator)));

    /// <summary>Functions whose only such decorator is dotted (<c>@core.reward</c>): the import registers them, rnow run does not see them.</summary>
    /// <param name="functions">Every def in the file.</param>
    /// <param name="decorator">"reward" or "tool".</param>
    public static IEnumerable<(PythonFunction Function, PythonDecorator Decorator)> Dotted(IEnumerable<PythonFunction> functions, string decorator) =>
        functions.Where(f => !f.Decorators.Any(d => IsBare(d, decorator)))
            .SelectMany(f => f.Decorators.Where(d => d.Name is { IsDotted: true } name && name.Last == decorator).Take(1).Select(d => (f, d)));

    /// <summary>
    /// <c>sandbox=True</c> as commands.py:414-425 reads it: only in a call of the bare decorator name, and only the
    /// constant True (a parenthesised True is the same constant).
    /// </summary>
    /// <param name="function">A def.</param>
    /// <param name="decorator">"reward" or "tool".</param>
    public static bool IsSandbox(PythonFunction function, string decorator) =>
        function.Decorators.Any(d => d.Expression is PyCall { Function: PyName { IsDotted: false } name } call && name.Dotted == decorator
            && call.Keywords.TryGetValue("sandbox", out var value) && value is PyNumber { Text: "True" });

    private static bool IsBare(PythonDecorator decorator, string name) => decorator.Name is { IsDotted: false } bare && bare.Dotted == name;
}
