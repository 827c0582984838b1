using System.Text;
using RlEnv.Core.Archive;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>
/// Freesolo's size and count limits, and how each side counts against them. The client (<c>flash env push</c>,
/// push.py <c>_check_env_push_limits</c>) counts the tree it is about to stage; the hub counts the tar it receives
/// (flash/server/domain/envs.py <c>_safe_extract</c>) and, when serving a download, the files and folders of its git
/// checkout (<c>_package_checkout_directory</c>). Every comparison is a strict "over": exactly at a limit passes.
/// </summary>
public static class FreesoloLimits
{
    public const long MiB = 1024L * 1024;

    /// <summary>flash/envs/package/limits.py <c>ARCHIVE_MEMBER_LIMIT</c>: the client's and the hub's member cap.</summary>
    public const int ArchiveMembers = 5000;

    /// <summary>limits.py <c>ARCHIVE_SCAN_MEMBER_LIMIT</c>: tar headers of any kind the hub reads before giving up.</summary>
    public const int ArchiveScanMembers = 200_000;

    /// <summary>push.py <c>_ENV_PUSH_MAX_TOTAL_BYTES</c>: the client's cap on the bytes it stages.</summary>
    public const long ClientTotalBytes = 256 * MiB;

    /// <summary>envs.py <c>_MAX_UPLOAD_BYTES</c>: the compressed package the hub accepts.</summary>
    public const long UploadCompressedBytes = 64 * MiB;

    /// <summary>envs.py <c>_MAX_UNCOMPRESSED_BYTES</c>: the sum of the members' sizes the hub accepts.</summary>
    public const long UncompressedBytes = 256 * MiB;

    /// <summary>limits.py <c>archive_stream_limit</c>: 1 KiB of header allowance per member ...</summary>
    public const long HeaderAllowancePerMember = 1024;

    /// <summary>... plus 1 MiB of slack.</summary>
    public const long TarStreamSlack = 1 * MiB;

    /// <summary>
    /// The largest file the hub can publish: it commits the package to a GitHub repository with <c>git push</c>
    /// (envs.py <c>_push_environment_commit</c>), and GitHub refuses a push holding a file larger than 100 MiB
    /// (its error prints "exceeds GitHub's file size limit of 100.00 MB", binary megabytes). Flash does not check
    /// this itself: the publish fails after upload.
    /// </summary>
    public const long GitHubFileBytes = 100 * MiB;

    /// <summary>limits.py <c>archive_stream_limit</c>: the bound on the decompressed tar stream, headers included.</summary>
    /// <param name="contentBytes">The cap on the members' sizes.</param>
    /// <param name="members">The cap on members.</param>
    public static long TarStreamBound(long contentBytes, long members) =>
        SaturatingAdd(SaturatingAdd(Math.Max(0, contentBytes), Math.Max(0, members) * HeaderAllowancePerMember), TarStreamSlack);

    /// <summary>
    /// What <c>flash env push DIR</c> counts before it copies anything: environment.py as 1 file of its size plus the
    /// 102-byte bootstrap; each shipped file; README.md's stub when no shipped file is exactly <c>README.md</c>; and, as
    /// members, every folder that holds a shipped file (the hub counts them when it serves the checkout).
    /// </summary>
    /// <param name="entryPointBytes">environment.py's size on disk (Flash counts it before rewriting its line ends).</param>
    /// <param name="shipped">Every other file it ships, by '/'-separated path relative to the root.</param>
    /// <param name="name">The environment's name, which the stub README holds.</param>
    public static FlashPushCount CountAsFlashPush(long entryPointBytes, IEnumerable<(string Path, long Size)> shipped, string name)
    {
        var files = 1;
        var bytes = entryPointBytes + FreesoloPackageShape.SysPathBootstrapBytes;
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var hasReadme = false;
        foreach (var (path, size) in shipped)
        {
            files++;
            bytes += size;
            hasReadme |= path == FreesoloPackageShape.ReadmeName;
            AddParents(path, folders);
        }

        if (!hasReadme)
        {
            files++;
            bytes += Encoding.UTF8.GetByteCount(FreesoloPackageShape.ReadmeStub(name));
        }

        return new FlashPushCount(files, folders.Count, bytes);
    }

    /// <summary>
    /// What the hub counts of an archive written with file entries only: each file is a member, its size counts,
    /// and the tar stream is what <see cref="TarLayout"/> computes; a download of the published package then counts
    /// the files and every folder that holds one, since git keeps no empty folder.
    /// </summary>
    /// <param name="files">The archive's files, by '/'-separated path, with their packed sizes.</param>
    public static HubCount CountAsHub(IEnumerable<(string Path, long Size)> files)
    {
        var members = 0;
        long bytes = 0;
        long tar = TarLayout.EndOfArchiveBytes;
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, size) in files)
        {
            members++;
            bytes += size;
            tar += TarLayout.EntryBytes(path, size);
            AddParents(path, folders);
        }

        return new HubCount(members, bytes, tar, members + folders.Count);
    }

    private static void AddParents(string path, HashSet<string> folders)
    {
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            if (!folders.Add(path[..slash]))
            {
                return;
            }
        }
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}

/// <summary>What <c>flash env push</c>'s client check counts.</summary>
public readonly record struct FlashPushCount(int Files, int Folders, long Bytes)
{
    /// <summary>push.py: <c>members = files + len(directories)</c>.</summary>
    public int Members => Files + Folders;
}

/// <summary>What the hub counts of the archive it receives, and of the checkout it later serves.</summary>
public readonly record struct HubCount(int Members, long Bytes, long TarStreamBytes, int CheckoutMembers);
