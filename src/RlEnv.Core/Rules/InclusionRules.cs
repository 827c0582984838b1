using RlEnv.Core.Walking;

namespace RlEnv.Core.Rules;

/// <summary>The Freesolo inclusion rules from DESIGN.md, in both modes. Pure: decides from names alone.</summary>
public static class InclusionRules
{
    public const string EntryPointName = "environment.py";
    public const string DatasetDirectoryName = "dataset";

    private static readonly Dictionary<string, string> FreesoloNeverNames = new(StringComparer.OrdinalIgnoreCase)
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

    private static readonly HashSet<string> FlashTreeExcludedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ".prime", ".git", ".github", "__pycache__", ".venv", ".mypy_cache", ".pytest_cache", ".ruff_cache",
        ".idea", ".vscode", ".ds_store", ".git-worktrees", ".env", ".netrc", ".aws", ".ssh", "venv",
        "node_modules", "credentials", "secrets",
    };

    private static readonly HashSet<string> FlashTreeRootExcludedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "pyproject.toml", "source",
    };

    private static readonly HashSet<string> DataExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jsonl", ".json", ".csv", ".txt", ".md", ".parquet", ".tsv", ".yaml", ".yml",
    };

    // holdsPyvenvCfg is asked only for directories: whether the folder is a virtualenv.
    public static (bool Included, string Reason) Decide(RuleSet rules, WalkEntry entry, Func<bool> holdsPyvenvCfg)
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

        return rules switch
        {
            RuleSet.FlashTree => DecideFlashTree(entry),
            RuleSet.ReinforceNow or RuleSet.RunRl => DecideUploadList(rules, entry),
            _ => DecideFreesolo(entry),
        };
    }

    private static readonly HashSet<string> ReinforceNowUploads = new(StringComparer.Ordinal)
    {
        "config.yml", "train.jsonl", "rewards.py", "tools.py", "requirements.txt",
    };

    /// <summary>A fixed list of root files (ReinforceNow's, or RunRL's prompts and reward code); nothing in folders.</summary>
    private static (bool, string) DecideUploadList(RuleSet rules, WalkEntry entry)
    {
        var name = entry.Name;
        if (entry.Depth > 0 || entry.Kind == EntryKind.Directory)
        {
            return (false, Reasons.NotInUploadSet);
        }

        if (SecretFiles.IsSecret(name))
        {
            return (false, Reasons.Secret);
        }

        var uploaded = rules == RuleSet.ReinforceNow
            ? ReinforceNowUploads.Contains(name) || name.StartsWith("Dockerfile.", StringComparison.Ordinal)
            : name.EndsWith(".jsonl", StringComparison.Ordinal) || name.EndsWith(".py", StringComparison.Ordinal) || name == "requirements.txt";
        return uploaded ? (true, Reasons.UploadSet) : (false, Reasons.NotInUploadSet);
    }

    private static (bool, string) DecideFreesolo(WalkEntry entry)
    {
        var name = entry.Name;
        if (FreesoloNeverNames.TryGetValue(name, out var never))
        {
            return (false, never);
        }

        if (entry.Kind == EntryKind.File && SecretFiles.IsSecret(name))
        {
            return (false, Reasons.Secret);
        }

        if (entry.Depth > 0)
        {
            // Only dataset/ is ever descended into, and it is packed whole.
            return (true, Reasons.DatasetDirectory);
        }

        if (entry.Kind == EntryKind.Directory)
        {
            return name == DatasetDirectoryName ? (true, Reasons.DatasetDirectory) : (false, Reasons.NotInUploadSet);
        }

        if (name == EntryPointName)
        {
            return (true, Reasons.EntryPoint);
        }

        if (name.EndsWith(".py", StringComparison.Ordinal))
        {
            return (true, Reasons.PythonHelper);
        }

        return DataExtensions.Contains(Path.GetExtension(name)) ? (true, Reasons.DataFile) : (false, Reasons.NotInUploadSet);
    }

    private static (bool, string) DecideFlashTree(WalkEntry entry)
    {
        var name = entry.Name;
        if (FlashTreeExcludedNames.Contains(name))
        {
            return (false, Reasons.ExcludedName);
        }

        if (name.StartsWith('.'))
        {
            return (false, Reasons.DotName);
        }

        if (entry.Depth == 0 && FlashTreeRootExcludedNames.Contains(name))
        {
            return (false, Reasons.RootExcluded);
        }

        if (entry.Kind == EntryKind.File && SecretFiles.IsSecret(name))
        {
            return (false, Reasons.Secret);
        }

        return (true, name == EntryPointName && entry.Depth == 0 ? Reasons.EntryPoint : Reasons.Tree);
    }
}
