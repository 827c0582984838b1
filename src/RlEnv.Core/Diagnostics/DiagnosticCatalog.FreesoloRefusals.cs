namespace RlEnv.Core.Diagnostics;

// What RlEnv still refuses of what Flash pushes, and how it says so: names the hub rewrites, names this machine
// cannot extract, and a load_environment RlEnv cannot see.
public static partial class DiagnosticCatalog
{
    /// <param name="file">The path, for display.</param>
    public static Diagnostic PathHasBackslash(string file) =>
        PathBackslash.At(file, $"The path contains '\\', which the hub reads as a folder separator: this file would reach the worker as '{file.Replace('\\', '/')}', not under its own name. Rename it.");

    /// <param name="file">The artifact's file name.</param>
    /// <param name="member">The member's path, for display.</param>
    /// <param name="twin">How it meets an earlier member once case and normalization are folded, as <c>MemberPaths.Add</c> says.</param>
    public static Diagnostic InspectedMemberTwin(string file, string member, string twin) =>
        PathCollision.At(file, $"Member '{member}' {twin} on a macOS or Windows checkout. It works on the Linux worker, where the names stay distinct.");

    /// <param name="member">The member's path, for display.</param>
    /// <param name="problem">Why this machine cannot create it as named, as <c>PathPortability.HostProblem</c> says.</param>
    public static Diagnostic PulledMemberNotCreatableHere(string member, string problem) =>
        PulledArtifactUnsafe.At(member, $"The artifact holds a member this machine cannot create as named: {problem}. Nothing was extracted; pull it on Linux, where the hub's worker runs it.");

    /// <param name="file">The entry point.</param>
    /// <param name="source">The statement the binding depends on, e.g. "the `if` at line 3".</param>
    /// <param name="line">The binding's line.</param>
    /// <param name="column">The binding's column.</param>
    public static Diagnostic LoadEnvironmentOnlyConditional(string file, string source, int line, int column) =>
        LoadEnvironmentConditional.At(file,
            $"load_environment is bound only on some paths through {source}; where none binds it, the worker's call to load_environment(**params) fails. Define it on every path (an `else`, a binding `except`), or at module level.",
            line, column);

    /// <param name="file">The entry point.</param>
    /// <param name="source">What could bind it, e.g. "`from impl import *`".</param>
    /// <param name="line">That construct's line.</param>
    /// <param name="column">That construct's column.</param>
    public static Diagnostic LoadEnvironmentFromUnfollowedCode(string file, string source, int line, int column) =>
        LoadEnvironmentUnseen.At(file,
            $"environment.py binds no load_environment that RlEnv can see, but it may come from {source}, which RlEnv does not follow. Check that it does; importing it by name (`from impl import load_environment`) makes this check exact.",
            line, column);
}
