using RlEnv.Core.Rules;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms;

/// <summary>
/// An upload set that is a list of root files (ReinforceNow's, RunRL's): nothing in folders, never a link, a special
/// file or a virtualenv, and no credential file unless the platform's own list names it.
/// </summary>
/// <param name="listed">Names the platform's client uploads whatever they look like (asked before the credential patterns).</param>
/// <param name="uploadedUnlessSecret">Names it uploads unless they match a credential pattern.</param>
public sealed class RootFileList(Func<string, Func<string, bool>, bool> listed, Func<string, bool> uploadedUnlessSecret) : IUploadSet
{
    public (bool Included, string Reason) Decide(WalkEntry entry, Func<bool> holdsPyvenvCfg, Func<string, bool> rootFileExists)
    {
        switch (entry.Kind)
        {
            case EntryKind.Symlink:
                return (false, Reasons.Symlink);
            case EntryKind.Special:
                return (false, Reasons.SpecialFile);
            case EntryKind.Directory when holdsPyvenvCfg():
                return (false, Reasons.Virtualenv);
        }

        var name = entry.Name;
        if (entry.Depth > 0 || entry.Kind == EntryKind.Directory)
        {
            return (false, Reasons.NotInUploadSet);
        }

        // The platform's own list decides first (rnow uploads Dockerfile.env and Dockerfile.key, which the credential
        // patterns would take for secrets); a file outside the list never ships, so its secret label is only a report.
        if (listed(name, rootFileExists))
        {
            return (true, Reasons.UploadSet);
        }

        if (SecretFiles.IsSecret(name))
        {
            return (false, Reasons.Secret);
        }

        return uploadedUnlessSecret(name) ? (true, Reasons.UploadSet) : (false, Reasons.NotInUploadSet);
    }

    public bool RefusesInclude(WalkEntry entry, string reason) => reason is Reasons.Symlink or Reasons.SpecialFile or Reasons.Secret;
}
