using RlEnv.Core.Rules;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>
/// What <c>flash env push</c> never ships, path by path: Flash's <c>_ignore_env_push_path</c>
/// (flash/cli/commands/env/push.py), with the hub's own refusals (flash/server/domain/envs.py, <c>_safe_extract</c>)
/// that no project include may override. Both Freesolo modes apply it before anything else.
/// </summary>
public static class FreesoloIgnoreRules
{
    public const string EntryPointName = "environment.py";

    /// <summary>push.py <c>_ENV_PUSH_IGNORED_NAMES</c>: at any depth, file or folder, compared lowered.</summary>
    public static readonly IReadOnlySet<string> IgnoredNames = new HashSet<string>(StringComparer.Ordinal)
    {
        ".prime", ".git", ".github", "__pycache__", ".venv", ".mypy_cache", ".pytest_cache", ".ruff_cache",
        ".idea", ".vscode", ".ds_store", ".git-worktrees", ".env", ".netrc", ".aws", ".ssh", "venv",
        "node_modules", "credentials", "secrets",
    };

    /// <summary>push.py <c>_ENV_PUSH_ROOT_IGNORED_NAMES</c>: at the root only, compared lowered.</summary>
    public static readonly IReadOnlySet<string> RootIgnoredNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "pyproject.toml", "source",
    };

    /// <summary>
    /// envs.py <c>_BLOCKED_TOP_LEVEL_PATHS</c>: a first path segment the hub refuses outright. Compared exactly, as the
    /// hub does; Flash's client drops the lowered forms anyway.
    /// </summary>
    public static readonly IReadOnlySet<string> HubRefusedTopLevelNames = new HashSet<string>(StringComparer.Ordinal)
    {
        ".git", ".github", "source",
    };

    /// <summary>
    /// Why Flash leaves this walked path out, or null when it ships it. The order follows Flash's except that a
    /// credential file is named a secret before a dot-name or listed name, so <c>.env</c> reads as what it is.
    /// </summary>
    /// <param name="entry">The path, described without following a link.</param>
    /// <param name="isVirtualenv">For a folder: whether it holds a <c>pyvenv.cfg</c> that is a regular file or a link to one.</param>
    public static string? IgnoreReason(WalkEntry entry, Func<bool> isVirtualenv)
    {
        switch (entry.Kind)
        {
            case EntryKind.Symlink:
                return Reasons.Symlink;
            case EntryKind.Special:
                return Reasons.SpecialFile;
            case EntryKind.Directory when isVirtualenv():
                return Reasons.Virtualenv;
        }

        var lowered = FreesoloNames.Lower(entry.Name);
        if (entry.Depth == 0 && lowered == EntryPointName && !IsEntryPoint(entry))
        {
            return Reasons.EntryPointVariant;
        }

        if (entry.Kind == EntryKind.File && FreesoloSecretPatterns.IsSecretFileName(entry.Name))
        {
            return Reasons.Secret;
        }

        if (IgnoredNames.Contains(lowered))
        {
            return Reasons.ExcludedName;
        }

        if (lowered.StartsWith('.'))
        {
            return Reasons.DotName;
        }

        return entry.Depth == 0 && RootIgnoredNames.Contains(lowered) ? Reasons.RootExcluded : null;
    }

    /// <summary>The canonical entry point: exactly <c>environment.py</c>, a regular file, at the root.</summary>
    public static bool IsEntryPoint(WalkEntry entry) =>
        entry.Depth == 0 && entry.Kind == EntryKind.File && string.Equals(entry.Name, EntryPointName, StringComparison.Ordinal);

    /// <summary>
    /// Whether a project include (<c>RlEnvInclude</c>) must not put this path back: links and special files, which
    /// the hub refuses; credential files and Flash's listed names (<c>.env</c>, <c>secrets</c>, <c>.git</c>...), which
    /// Flash never ships; and a top-level <c>source</c>, <c>.git</c> or <c>.github</c>, which the hub refuses.
    /// </summary>
    /// <param name="entry">The path.</param>
    /// <param name="reason">Why the rules left it out.</param>
    public static bool RefusesInclude(WalkEntry entry, string reason) =>
        reason is Reasons.Symlink or Reasons.SpecialFile or Reasons.Secret
        || IgnoredNames.Contains(FreesoloNames.Lower(entry.Name))
        || (entry.Kind == EntryKind.File && FreesoloSecretPatterns.IsSecretFileName(entry.Name))
        || (entry.Depth == 0 && HubRefusedTopLevelNames.Contains(entry.Name));
}
