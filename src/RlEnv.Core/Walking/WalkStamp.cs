using System.IO.Abstractions;
using RlEnv.Core.Rules;

namespace RlEnv.Core.Walking;

/// <summary>
/// What a walk's decisions were made from, as the file system describes it: the size and modification time of every
/// file the walk saw, the modification time of every folder it listed (a file added, removed or renamed there changes
/// it), and the kind of everything else. A cached walk is reused only while its stamp is still current.
/// </summary>
public sealed class WalkStamp
{
    /// <summary>
    /// A path changed this close to the walk's start may have changed during it without its time showing it: the kernel
    /// stamps files from a clock that lags by a tick (a few milliseconds). Such a walk is not stamped at all, as git
    /// treats a "racily clean" index entry.
    /// </summary>
    public static readonly TimeSpan RacyWindow = TimeSpan.FromMilliseconds(50);

    /// <summary>The window for a time in whole seconds: the file system may keep no more (FAT keeps two).</summary>
    public static readonly TimeSpan CoarseRacyWindow = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyList<(string FullPath, EntryKind Kind, Fingerprint Seen)> _entries;

    private WalkStamp(IReadOnlyList<(string, EntryKind, Fingerprint)> entries) => _entries = entries;

    /// <summary>The stamp of a walk of <paramref name="root"/> begun at <paramref name="startedUtc"/>; null when a path changed too recently to trust.</summary>
    /// <param name="fileSystem">The file system walked.</param>
    /// <param name="root">The environment root, a full path.</param>
    /// <param name="decisions">Every path the walk decided.</param>
    /// <param name="startedUtc">When the walk (platform detection included) began.</param>
    public static WalkStamp? Take(IFileSystem fileSystem, string root, IReadOnlyList<Decision> decisions, DateTime startedUtc)
    {
        // A folder counts as listed when the walk entered it: it is included, or something below it was decided.
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decision in decisions)
        {
            var slash = decision.Entry.Path.LastIndexOf('/');
            if (slash > 0)
            {
                listed.Add(decision.Entry.Path[..slash]);
            }
        }

        var entries = new List<(string, EntryKind, Fingerprint)> { (root, EntryKind.Directory, Fingerprint.Of(fileSystem, root, EntryKind.Directory, withTime: true)) };
        foreach (var decision in decisions)
        {
            var entry = decision.Entry;
            if (entry.Path.Contains('\uFFFD', StringComparison.Ordinal))
            {
                // Never stat'ed by the walk either; its folder's time covers it.
                continue;
            }

            var withTime = entry.Kind == EntryKind.File || (entry.Kind == EntryKind.Directory && (decision.Included || listed.Contains(entry.Path)));
            entries.Add((entry.FullPath, entry.Kind, Fingerprint.Of(fileSystem, entry.FullPath, entry.Kind, withTime)));
        }

        return entries.Any(e => IsRacy(e.Item3.Ticks, startedUtc.Ticks)) ? null : new WalkStamp(entries);
    }

    private static bool IsRacy(long ticks, long started) =>
        ticks != Fingerprint.NoTime && ticks > started - (ticks % TimeSpan.TicksPerSecond == 0 ? CoarseRacyWindow : RacyWindow).Ticks;

    /// <summary>Whether every path still looks as it did when the stamp was taken.</summary>
    /// <param name="fileSystem">The file system walked.</param>
    public bool IsCurrent(IFileSystem fileSystem) =>
        _entries.All(e => Fingerprint.Of(fileSystem, e.FullPath, e.Kind, withTime: e.Seen.Ticks != Fingerprint.NoTime) == e.Seen);

    private readonly record struct Fingerprint(bool Exists, bool Directory, bool Link, long Size, long Ticks)
    {
        public const long NoTime = long.MinValue;

        public static Fingerprint Of(IFileSystem fileSystem, string fullPath, EntryKind kind, bool withTime)
        {
            try
            {
                IFileSystemInfo info = kind == EntryKind.Directory ? fileSystem.DirectoryInfo.New(fullPath) : fileSystem.FileInfo.New(fullPath);
                if (!info.Exists)
                {
                    // A folder that became a file (or the reverse) reads as missing through the other kind's info.
                    return new Fingerprint(false, false, false, 0, withTime ? 0 : NoTime);
                }

                var link = info.LinkTarget is not null;
                var size = info is IFileInfo file && kind == EntryKind.File ? file.Length : 0;
                return new Fingerprint(true, info is IDirectoryInfo, link, size, withTime ? info.LastWriteTimeUtc.Ticks : NoTime);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new Fingerprint(false, false, false, -1, withTime ? 0 : NoTime);
            }
        }
    }
}
