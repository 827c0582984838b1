using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms;

/// <summary>What one platform uploads, path by path, as the walk meets each entry (a folder before what it holds).</summary>
public interface IUploadSet
{
    /// <summary>Whether the entry goes in, and the rule that said so (<see cref="Rules.Reasons"/>).</summary>
    /// <param name="entry">The walked path.</param>
    /// <param name="holdsPyvenvCfg">Asked only for folders: whether it is a virtualenv (its pyvenv.cfg a regular file).</param>
    /// <param name="rootFileExists">Whether a name exists at the root as the platform's client sees it.</param>
    (bool Included, string Reason) Decide(WalkEntry entry, Func<bool> holdsPyvenvCfg, Func<string, bool> rootFileExists);

    /// <summary>Whether a project include may not put back what this set left out.</summary>
    /// <param name="entry">The walked path.</param>
    /// <param name="reason">Why the set left it out.</param>
    bool RefusesInclude(WalkEntry entry, string reason);
}
