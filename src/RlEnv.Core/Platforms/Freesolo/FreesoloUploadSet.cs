// Mirrors what Flash ships (freesolo-co/flash): the documented upload set (DESIGN.md) less what
// flash/cli/commands/env/push.py _ignore_env_push_path drops, plus the import closure of
// flash/cli/commands/env/imports.py; and, in flash-tree mode, exactly what `flash env push DIR` ships.
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>Freesolo's two upload modes: <see cref="RuleSet.Freesolo"/> (the documented set) and <see cref="RuleSet.FlashTree"/>.</summary>
public sealed class FreesoloUploadSet : IUploadSet
{
    public const string DatasetDirectoryName = "dataset";

    // RlEnv's own labels for what the documented mode never packs; Flash's ignore rules exclude every one of them too.
    private static readonly Dictionary<string, string> NeverNames = new(StringComparer.Ordinal)
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

    private readonly bool _tree;
    private readonly ImportClosure _closure;

    /// <param name="mode"><see cref="RuleSet.FlashTree"/> for the tree mode; anything else is the documented set.</param>
    /// <param name="closure">For the documented set: what environment.py and evaluations.py import.</param>
    public FreesoloUploadSet(RuleSet mode, ImportClosure closure)
    {
        _tree = mode == RuleSet.FlashTree;
        _closure = closure;
    }

    public (bool Included, string Reason) Decide(WalkEntry entry, Func<bool> holdsPyvenvCfg, Func<string, bool> rootFileExists) =>
        _tree ? DecideTree(entry, holdsPyvenvCfg) : DecideDocumented(entry, holdsPyvenvCfg);

    /// <summary>See <see cref="FreesoloIgnoreRules.RefusesInclude"/>.</summary>
    public bool RefusesInclude(WalkEntry entry, string reason) => FreesoloIgnoreRules.RefusesInclude(entry, reason);

    /// <summary>
    /// The documented upload set (DESIGN.md), less whatever Flash's ignore rules leave out, plus the import closure
    /// Flash computes, so an imported helper package ships whole.
    /// </summary>
    private (bool, string) DecideDocumented(WalkEntry entry, Func<bool> holdsPyvenvCfg)
    {
        if (entry.Kind is EntryKind.Directory or EntryKind.File && NeverNames.TryGetValue(FreesoloNames.Lower(entry.Name), out var never))
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

            return _closure.Contains(entry.Path) ? (true, Reasons.ImportClosure) : (false, Reasons.NotInUploadSet);
        }

        if (entry.Kind == EntryKind.Directory)
        {
            if (name == DatasetDirectoryName)
            {
                return (true, Reasons.DatasetDirectory);
            }

            return _closure.Contains(name) ? (true, Reasons.ImportClosure) : (false, Reasons.NotInUploadSet);
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

        return _closure.Contains(name) ? (true, Reasons.ImportClosure) : (false, Reasons.NotInUploadSet);
    }

    /// <summary>Exactly what <c>flash env push DIR</c> ships: everything Flash's ignore rules keep.</summary>
    private static (bool, string) DecideTree(WalkEntry entry, Func<bool> holdsPyvenvCfg)
    {
        if (FreesoloIgnoreRules.IgnoreReason(entry, holdsPyvenvCfg) is { } ignored)
        {
            return (false, ignored);
        }

        return (true, FreesoloIgnoreRules.IsEntryPoint(entry) ? Reasons.EntryPoint : Reasons.Tree);
    }
}
