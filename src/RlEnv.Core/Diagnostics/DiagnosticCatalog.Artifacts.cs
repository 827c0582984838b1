using System.Formats.Tar;
using RlEnv.Core.Archive;

namespace RlEnv.Core.Diagnostics;

// Artifacts read back: what inspect finds, what publish checks before it sends anything, and pull's output folder.
public static partial class DiagnosticCatalog
{
    /// <param name="file">The artifact's file name.</param>
    /// <param name="artifactPath">The path as given, for display.</param>
    /// <param name="problem">Why it is not a regular file to read, e.g. "does not exist" or "is a folder, not a file".</param>
    public static Diagnostic InspectedArtifactNotAFile(string file, string artifactPath, string problem) =>
        ArtifactNotAFile.At(file, $"The artifact '{artifactPath}' {problem}.");

    public static Diagnostic InspectedArtifactOverCompressedCap(string file, long bytes, long cap) =>
        ArtifactOverCap.At(file, $"The artifact is {bytes:N0} bytes, over the cap of {cap:N0} bytes compressed; it was not read.");

    /// <summary>What a reader of an artifact reports when <see cref="TarGuardStream"/> stops it: the code follows the problem.</summary>
    /// <param name="problem">The kind of problem the guard found.</param>
    /// <param name="file">The artifact's file name.</param>
    /// <param name="detail">The guard's complete sentence about it.</param>
    public static Diagnostic ArtifactProblem(TarGuardProblem problem, string? file, string detail) => (problem switch
    {
        TarGuardProblem.Unsafe => ArtifactUnsafeMember,
        TarGuardProblem.OverCap => ArtifactOverCap,
        TarGuardProblem.NameTooLong => ArtifactExtendedHeaderTooLarge,
        _ => ArtifactUnreadable,
    }).At(file, detail);

    /// <param name="file">The artifact's file name.</param>
    /// <param name="detail">What the gzip or tar reader said.</param>
    public static Diagnostic InspectedArtifactNotTarGz(string file, string detail) =>
        ArtifactUnreadable.At(file, $"The artifact cannot be read as a gzip-compressed tar: {detail}");

    /// <param name="file">The artifact's file name.</param>
    /// <param name="member">The member's path, for display.</param>
    public static Diagnostic InspectedMemberUnsafePath(string file, string member) =>
        ArtifactUnsafeMember.At(file, $"Member '{member}' has an unsafe path (absolute, '..', '.' or a backslash).");

    /// <param name="file">The artifact's file name.</param>
    /// <param name="member">The member's path, for display.</param>
    /// <param name="type">The member's tar entry type.</param>
    public static Diagnostic InspectedMemberNotFileOrFolder(string file, string member, TarEntryType type) =>
        ArtifactUnsafeMember.At(file, $"Member '{member}' is a {type}; the hub accepts only regular files and folders.");

    /// <param name="file">The artifact's file name.</param>
    /// <param name="member">The member's path, for display.</param>
    /// <param name="conflict">Why it cannot coexist with an earlier member, as <c>MemberPaths.Add</c> says.</param>
    public static Diagnostic InspectedMemberConflict(string file, string member, string conflict) =>
        ArtifactUnsafeMember.At(file, $"Member '{member}' {conflict}; extracting it would overwrite or fail.");

    /// <param name="manifestFile">The manifest's file name.</param>
    /// <param name="problem">Why it is not a regular file to read, e.g. "is a folder, not a file".</param>
    public static Diagnostic InspectedManifestNotAFile(string manifestFile, string problem) =>
        ArtifactManifestMismatch.At(manifestFile, $"The manifest {problem}; it was not read.");

    /// <param name="manifestFile">The manifest's file name.</param>
    /// <param name="detail">What reading or parsing it said.</param>
    public static Diagnostic InspectedManifestUnreadable(string manifestFile, string detail) =>
        ArtifactManifestMismatch.At(manifestFile, $"The manifest cannot be read: {detail}");

    /// <param name="manifestFile">The manifest's file name.</param>
    /// <param name="sha256">The artifact's sha256 as read.</param>
    /// <param name="bytes">The artifact's size as read.</param>
    /// <param name="manifestSha256">The sha256 the manifest records.</param>
    /// <param name="manifestBytes">The size the manifest records.</param>
    public static Diagnostic InspectedArchiveDiffersFromManifest(string manifestFile, string? sha256, long bytes, string manifestSha256, long manifestBytes) =>
        ArtifactManifestMismatch.At(manifestFile, $"The artifact's sha256 {sha256} ({bytes:N0} bytes) differs from the manifest's {manifestSha256} ({manifestBytes:N0} bytes).");

    /// <param name="manifestFile">The manifest's file name.</param>
    /// <param name="path">The file's path as the manifest lists it.</param>
    public static Diagnostic ManifestFileMissingFromArtifact(string manifestFile, string path) =>
        ArtifactManifestMismatch.At(manifestFile, $"'{path}' is in the manifest but not in the artifact.");

    /// <param name="manifestFile">The manifest's file name.</param>
    /// <param name="path">The file's path.</param>
    /// <param name="size">Its size in the artifact.</param>
    /// <param name="manifestSize">Its size in the manifest.</param>
    /// <param name="mode">Its mode in the artifact.</param>
    /// <param name="manifestMode">Its mode in the manifest.</param>
    /// <param name="sha256">Its sha256 in the artifact.</param>
    /// <param name="manifestSha256">Its sha256 in the manifest.</param>
    public static Diagnostic ArtifactFileDiffersFromManifest(string manifestFile, string path, long size, long manifestSize, string mode, string manifestMode, string? sha256, string manifestSha256) =>
        ArtifactManifestMismatch.At(manifestFile,
            $"'{path}' differs from the manifest (size {size} vs {manifestSize}, mode {mode} vs {manifestMode}, sha256 {sha256} vs {manifestSha256}).");

    /// <param name="manifestFile">The manifest's file name.</param>
    /// <param name="path">The file's path in the artifact.</param>
    public static Diagnostic ArtifactFileMissingFromManifest(string manifestFile, string path) =>
        ArtifactManifestMismatch.At(manifestFile, $"'{path}' is in the artifact but not in the manifest.");

    /// <param name="manifestFile">The file name of the manifest publish looked for beside the artifact.</param>
    public static Diagnostic PublishNeedsArtifactAndManifest(string manifestFile) =>
        ArtifactUnreadable.At(null, $"Publish needs the artifact and the manifest beside it ({manifestFile}) as regular files, as `rlenv pack` writes them.");

    public static Diagnostic ManifestNotWrittenByPack(string manifestFile) =>
        ArtifactManifestMismatch.At(manifestFile, "The manifest is not one `rlenv pack` wrote; pack the environment again.");

    public static Diagnostic ArtifactChangedAfterPacking(string artifactFile) =>
        ArtifactManifestMismatch.At(artifactFile, "The artifact does not match its manifest; it changed after packing. Pack it again.");

    public static Diagnostic PullOutputUnnamed() =>
        OutputNotWritable.At(null, "-o names no folder; give a new or empty folder to extract into.");
}
