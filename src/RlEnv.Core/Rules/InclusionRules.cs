using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Platforms.ReinforceNow;
using RlEnv.Core.Python;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Rules;

/// <summary>
/// The inclusion rules from DESIGN.md: Freesolo's two modes (their ignore rules live in Platforms/Freesolo) and the
/// ReinforceNow and RunRL upload lists. Pure: decides from the walked entry, the virtualenv marker and the import closure.
/// </summary>
public static class InclusionRules
{
    public const string EntryPointName = FreesoloIgnoreRules.EntryPointName;
    public const string DatasetDirectoryName = "dataset";

    // RlEnv's own labels for what the documented mode never packs; Flash's ignore rules exclude every one of them too.
    private static readonly Dictionary<string, string> FreesoloNeverNames = new(StringComparer.Ordinal)
    {
        [".idea"] = Reasons.WorkspaceMetadata,
        [".vscode"] = Reasons.WorkspaceMetadata,
        [".ds_store"] = Reasons.WorkspaceMetadata,
        [".git-worktrees"] = Reasons.WorkspaceMetadata,
        ["__pycache__"] = Reasons.Cache,
        [".mypy_cache"] = Reasons.Cache,
        [".pytest_cache"] = Reasons.Cache,
        [".ruff_cache"] = Reasons.Cache,
        [".venv"] = Reasons.Virtualenv,
        ["venv"] = Reasons.Virtualenv,
        [".git"] = Reasons.VersionControl,
        [".hg"] = Reasons.VersionControl,
        [".svn"] = Reasons.VersionControl,
        ["node_modules"] = Reasons.NodeModules,
    };

    private static readonly HashSet<string> DataExtensions = new(StringComparer.Ordinal)
    {
        ".jsonl", ".json", ".csv", ".txt", ".md", ".parquet", ".tsv", ".yaml", ".yml",
    };

    /// <summary>Whether the entry goes in, and the rule that said so.</summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="entry">The walked path.</param>
    /// <param name="holdsPyvenvCfg">Asked only for folders: whether it is a virtualenv (its pyvenv.cfg a regular file).</param>
    /// <param name="closure">For <see cref="RuleSet.Freesolo"/>: what environment.py and evaluations.py import.</param>
    /// <param name="rootFileExists">For <see cref="RuleSet.ReinforceNow"/>: whether a root name exists (config.json goes only without config.yml).</param>
    public static (bool Included, string Reason) Decide(RuleSet rules, WalkEntry entry, Func<bool> holdsPyvenvCfg, ImportClosure? closure = null, Func<string, bool>? rootFileExists = null)
    {
        switch (rules)
        {
            case RuleSet.FlashTree:
                return DecideFlashTree(entry, holdsPyvenvCfg);
            case RuleSet.ReinforceNow or RuleSet.RunRl:
                break;
            default:
                return DecideFreesolo(entry, holdsPyvenvCfg, closure ?? ImportClosure.Empty);
        }

        switch (entry.Kind)
        {
            case EntryKind.Symlink:
                return (false, Reasons.Symlink);
            case EntryKind.Special:
                return (false, Reasons.SpecialFile);
            case EntryKind.Directory when holdsPyvenvCfg():
                return (false, Reasons.Virtualenv);
        }

        return DecideUploadList(rules, entry, rootFileExists ?? (_ => false));
    }

    /// <summary>Whether a project include may not put back what the rules left out (see <see cref="FreesoloIgnoreRules.RefusesInclude"/>).</summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="entry">The walked path.</param>
    /// <param name="reason">Why the rules left it out.</param>
    public static bool RefusesInclude(RuleSet rules, WalkEntry entry, string reason) =>
        rules is RuleSet.ReinforceNow or RuleSet.RunRl
            ? reason is Reasons.Symlink or Reasons.SpecialFile or Reasons.Secret
            : FreesoloIgnoreRules.RefusesInclude(entry, reason);

    /// <summary>A fixed list of root files (ReinforceNow's, or RunRL's prompts and reward code); nothing in folders.</summary>
    private static (bool, string) DecideUploadList(RuleSet rules, WalkEntry entry, Func<string, bool> rootFileExists)
    {
        var name = entry.Name;
        if (entry.Depth > 0 || entry.Kind == EntryKind.Directory)
        {
            return (false, Reasons.NotInUploadSet);
        }

        // rnow's own list decides first: it uploads Dockerfile.env and Dockerfile.key, which the credential
        // patterns would take for secrets; a file outside the list never ships, so its secret label is only a report.
        if (rules == RuleSet.ReinforceNow && RnUploadSet.Uploads(name, rootFileExists))
        {
            return (true, Reasons.UploadSet);
        }

        if (SecretFiles.IsSecret(name))
        {
            return (false, Reasons.Secret);
        }

        var uploaded = rules == RuleSet.RunRl
            && (name.EndsWith(".jsonl", StringComparison.Ordinal) || name.EndsWith(".py", StringComparison.Ordinal) || name == "requirements.txt");
        return uploaded ? (true, Reasons.UploadSet) : (false, Reasons.NotInUploadSet);
    }

    /// <summary>
    /// The documented upload set (DESIGN.md), less whatever Flash's ignore rules leave out, plus the import closure
    /// Flash computes, so an imported helper package ships whole.
    /// </summary>
    private static (bool, string) DecideFreesolo(WalkEntry entry, Func<bool> holdsPyvenvCfg, ImportClosure closure)
    {
        if (entry.Kind is EntryKind.Directory or EntryKind.File && FreesoloNeverNames.TryGetValue(FreesoloNames.Lower(entry.Name), out var never))
        {
            return (false, never);
        }

        if (FreesoloIgnoreRules.IgnoreReason(entry, holdsPyvenvCfg) is { } ignored)
        {
            return (false, ignored);
        }

        var name = entry.Name;
        if (entry.Depth > 0)
        {
            // Only dataset/ (packed whole) and the folders of the import closure are ever entered.
            if (entry.Path.StartsWith(DatasetDirectoryName + "/", StringComparison.Ordinal))
            {
                return (true, Reasons.DatasetDirectory);
            }

            return closure.Contains(entry.Path) ? (true, Reasons.ImportClosure) : (false, Reasons.NotInUploadSet);
        }

        if (entry.Kind == EntryKind.Directory)
        {
            if (name == DatasetDirectoryName)
            {
                return (true, Reasons.DatasetDirectory);
            }

            return closure.Contains(name) ? (true, Reasons.ImportClosure) : (false, Reasons.NotInUploadSet);
        }

        if (FreesoloIgnoreRules.IsEntryPoint(entry))
        {
            return (true, Reasons.EntryPoint);
        }

        if (name.EndsWith(".py", StringComparison.Ordinal))
        {
            return (true, Reasons.PythonHelper);
        }

        if (DataExtensions.Contains(FreesoloNames.Lower(Path.GetExtension(name))))
        {
            return (true, Reasons.DataFile);
        }

        return closure.Contains(name) ? (true, Reasons.ImportClosure) : (false, Reasons.NotInUploadSet);
    }

    /// <summary>Exactly what <c>flash env push DIR</c> ships: everything Flash's ignore rules keep.</summary>
    private static (bool, string) DecideFlashTree(WalkEntry entry, Func<bool> holdsPyvenvCfg)
    {
        if (FreesoloIgnoreRules.IgnoreReason(entry, holdsPyvenvCfg) is { } ignored)
        {
            return (false, ignored);
        }

        return (true, FreesoloIgnoreRules.IsEntryPoint(entry) ? Reasons.EntryPoint : Reasons.Tree);
    }
}
