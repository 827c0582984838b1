using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms;
using RlEnv.Core.Rules;

namespace RlEnv.Core.Walking;

/// <summary>
/// Walks an environment in a fixed order (names sorted ordinally, a directory before its contents),
/// deciding each path as it goes so that excluded folders are never entered. Never follows a link.
/// </summary>
public sealed class EnvironmentWalker(IFileSystem fileSystem, IFileTypeProbe probe)
{
    /// <summary>Every path the platform's upload set decides, in walk order.</summary>
    /// <param name="root">The environment root, a full path.</param>
    /// <param name="uploadSet">What the platform uploads (<see cref="Platform.UploadSet"/>).</param>
    /// <param name="diagnostics">Where links, special files, credentials and unreadable folders are reported.</param>
    /// <param name="overrides">What the project adds or removes.</param>
    public IReadOnlyList<Decision> Walk(string root, IUploadSet uploadSet, DiagnosticBag diagnostics, InclusionOverrides? overrides = null)
    {
        var decisions = new List<Decision>();
        WalkDirectory(root, prefix: string.Empty, uploadSet, overrides ?? InclusionOverrides.None, forcedOnly: false, decisions, diagnostics);
        return decisions;
    }

    /// <summary>
    /// Python's <c>Path.is_file()</c>: a regular file, or a link whose final target is one. A FIFO, socket, device,
    /// folder or dangling link is not; nothing is opened to tell.
    /// </summary>
    /// <param name="fullPath">The path to test.</param>
    public bool IsRegularFile(string fullPath)
    {
        try
        {
            IFileSystemInfo info = fileSystem.FileInfo.New(fullPath);
            if (info.LinkTarget is not null)
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
            }

            info.Refresh();
            return info is IFileInfo && info.Exists && (info.Attributes & FileAttributes.Directory) == 0 && !probe.IsSpecial(info.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Flash's virtualenv test (push.py, <c>_ignore_env_push_path</c>): the folder's pyvenv.cfg is a regular file or a link to one.</summary>
    /// <param name="directoryFullPath">The folder.</param>
    public bool IsVirtualenv(string directoryFullPath) => IsRegularFile(fileSystem.Path.Combine(directoryFullPath, "pyvenv.cfg"));

    /// <summary>Whether the path itself (its last component) is a symbolic link.</summary>
    /// <param name="fullPath">The path; a trailing separator is ignored.</param>
    public bool IsLink(string fullPath)
    {
        try
        {
            return fileSystem.DirectoryInfo.New(fileSystem.Path.TrimEndingDirectorySeparator(fullPath)).LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The direct children of a folder, described as the walk describes them (links and special files are
    /// never <see cref="EntryKind.File"/>), sorted; for files read outside the upload set, such as configs/.
    /// </summary>
    public IReadOnlyList<WalkEntry> DescribeChildren(string directory, string prefix, DiagnosticBag diagnostics)
    {
        try
        {
            IFileSystemInfo[] children = [.. fileSystem.DirectoryInfo.New(directory).EnumerateFileSystemInfos()];
            Array.Sort(children, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            return [.. children.Select(child => TryDescribe(child, prefix + child.Name, diagnostics))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.EnvironmentFolderUnreadable(prefix.Length == 0 ? "." : prefix.TrimEnd('/'), e.Message));
            return [];
        }
    }

    // forcedOnly: the folder was entered only because the project includes something below it.
    /// <returns>Whether anything below was included, and whether the project excluded anything below.</returns>
    private (bool AnyIncluded, bool AnyExcludedByProject) WalkDirectory(string directory, string prefix, IUploadSet uploadSet, InclusionOverrides overrides, bool forcedOnly, List<Decision> decisions, DiagnosticBag diagnostics)
    {
        IFileSystemInfo[] children;
        try
        {
            children = [.. fileSystem.DirectoryInfo.New(directory).EnumerateFileSystemInfos()];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.EnvironmentFolderUnreadable(prefix.Length == 0 ? "." : prefix.TrimEnd('/'), e.Message));
            return (false, false);
        }

        var anyIncluded = false;
        var anyExcludedByProject = false;

        Array.Sort(children, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var child in children)
        {
            var entry = TryDescribe(child, prefix + child.Name, diagnostics);
            var (included, reason) = uploadSet.Decide(entry, () => IsVirtualenv(entry.FullPath), name => IsRegularFile(fileSystem.Path.Combine(directory, name)));
            var refusesInclude = !included && uploadSet.RefusesInclude(entry, reason);
            if (forcedOnly && !refusesInclude)
            {
                (included, reason) = (false, Reasons.NotInUploadSet);
            }

            var forced = false;
            if (overrides.Exclude.Contains(entry.Path))
            {
                (included, reason) = (false, Reasons.ExcludedByProject);
            }
            else if (refusesInclude && (overrides.Include.Contains(entry.Path) || (entry.Kind == EntryKind.Directory && overrides.HasIncludesBelow(entry.Path))))
            {
                diagnostics.Add(DiagnosticCatalog.IncludeCannotReadmit(PathPortability.Display(entry.Path), reason));
            }
            else if (!refusesInclude && !included)
            {
                if (overrides.Include.Contains(entry.Path))
                {
                    (included, reason) = (true, Reasons.IncludedByProject);
                }
                else if (entry.Kind == EntryKind.Directory && overrides.HasIncludesBelow(entry.Path))
                {
                    (included, reason, forced) = (true, Reasons.IncludedByProject, true);
                }
            }

            decisions.Add(new Decision(entry, included, reason));
            Report(entry, reason, diagnostics);
            if (included && entry.Kind == EntryKind.Directory && !HasUndecodableName(entry.Path))
            {
                var index = decisions.Count - 1;
                var below = WalkDirectory(entry.FullPath, entry.Path + "/", uploadSet, overrides, forced || (forcedOnly && !overrides.Include.Contains(entry.Path)), decisions, diagnostics);

                // `RlEnvExclude Include="dataset/raw/**"` expands to files: the folder it emptied goes too.
                if (!below.AnyIncluded && below.AnyExcludedByProject)
                {
                    decisions[index] = new Decision(entry, false, Reasons.ExcludedByProject);
                    included = false;
                }

                anyExcludedByProject |= below.AnyExcludedByProject;
            }

            anyIncluded |= included;
            anyExcludedByProject |= reason == Reasons.ExcludedByProject;
        }

        return (anyIncluded, anyExcludedByProject);
    }

    /// <summary>
    /// .NET decodes file-name bytes that are not UTF-8 to U+FFFD, and that string no longer names the file:
    /// such an entry is never stat'ed or opened; the path check reports it if it would be packed.
    /// </summary>
    private static bool HasUndecodableName(string path) => path.Contains('\uFFFD', StringComparison.Ordinal);

    private WalkEntry TryDescribe(IFileSystemInfo info, string path, DiagnosticBag diagnostics)
    {
        if (HasUndecodableName(path))
        {
            return new WalkEntry(path, info.FullName, info is IDirectoryInfo ? EntryKind.Directory : EntryKind.File, 0, Executable: false);
        }

        try
        {
            return Describe(info, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.EnvironmentFileUnreadable(PathPortability.Display(path), e.Message));
            return new WalkEntry(path, info.FullName, EntryKind.File, 0, Executable: false);
        }
    }

    private WalkEntry Describe(IFileSystemInfo info, string path)
    {
        if (info.LinkTarget is not null)
        {
            return new WalkEntry(path, info.FullName, EntryKind.Symlink, 0, Executable: false);
        }

        if (info is IDirectoryInfo)
        {
            return new WalkEntry(path, info.FullName, EntryKind.Directory, 0, Executable: true);
        }

        if (probe.IsSpecial(info.FullName))
        {
            return new WalkEntry(path, info.FullName, EntryKind.Special, 0, Executable: false);
        }

        var file = (IFileInfo)info;
        return new WalkEntry(path, info.FullName, EntryKind.File, file.Length, IsExecutable(info.FullName));
    }

    private bool IsExecutable(string fullPath)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return (fileSystem.File.GetUnixFileMode(fullPath) & UnixFileMode.UserExecute) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException or NotSupportedException)
        {
            return false;
        }
    }

    private static void Report(WalkEntry entry, string reason, DiagnosticBag diagnostics)
    {
        var path = PathPortability.Display(entry.Path);
        switch (reason)
        {
            case Reasons.Symlink:
                diagnostics.Add(DiagnosticCatalog.SymlinkLeftOut(path));
                break;
            case Reasons.SpecialFile:
                diagnostics.Add(DiagnosticCatalog.SpecialFileLeftOut(path));
                break;
            case Reasons.Secret:
                diagnostics.Add(DiagnosticCatalog.CredentialFileLeftOut(path));
                break;
        }
    }
}
