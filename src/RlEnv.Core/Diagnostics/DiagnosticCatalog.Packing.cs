namespace RlEnv.Core.Diagnostics;

// Packing: content the hub refuses, its caps, reading what the walk saw, and the name, version and options of a pack.
public static partial class DiagnosticCatalog
{
    /// <param name="file">The packed file.</param>
    /// <param name="prefix">The token's prefix without its '_', such as hf; the rest of the token is never printed.</param>
    /// <param name="tokenLength">The whole token's length in characters.</param>
    /// <param name="line">Where the token starts.</param>
    /// <param name="column">Where the token starts.</param>
    public static Diagnostic AccessTokenInPackedFile(string file, string prefix, int tokenLength, int line, int column) =>
        AccessToken.At(file, $"This file holds an access token ({prefix}_***, {tokenLength} characters); the hub refuses a package holding one anywhere. Remove it and revoke the token.", line, column);

    /// <param name="file">The packed file.</param>
    /// <param name="found">How many tokens the file holds.</param>
    /// <param name="listed">How many of them were reported one by one.</param>
    public static Diagnostic AccessTokensPastReportCap(string file, int found, int listed) =>
        AccessToken.At(file, $"{found} access tokens in all are in this file; only the first {listed} are listed.");

    /// <param name="uncompressedBytes">The sum of the sizes of the files to pack.</param>
    /// <param name="cap">The uncompressed cap.</param>
    /// <param name="largest">The largest files with their sizes, comma-separated.</param>
    public static Diagnostic UncompressedSizeOverCap(long uncompressedBytes, long cap, string largest) =>
        UncompressedCapExceeded.At(null, $"The files to pack add up to {uncompressedBytes:N0} bytes, over the uncompressed cap of {cap:N0} bytes. Largest: {largest}. Keep large corpora in an external store and pass their URL through [environment.params].");

    public static Diagnostic MemberCountOverCap(int members, int cap) =>
        MemberCapExceeded.At(null, $"The archive would hold {members:N0} files, over the hub's cap of {cap:N0} members. Merge small files, e.g. into one JSONL per split.");

    /// <param name="tarBytes">The decompressed tar stream's size, headers included.</param>
    /// <param name="bound">The hub's bound on it.</param>
    public static Diagnostic TarStreamOverBound(long tarBytes, long bound) =>
        TarStreamCapExceeded.At(null, $"The decompressed tar stream, headers included, would be {tarBytes:N0} bytes, over the hub's bound of {bound:N0} bytes.");

    /// <param name="cap">The compressed cap.</param>
    /// <param name="written">How many compressed bytes were written when the pack stopped.</param>
    /// <param name="contributors">The members that compressed to the most bytes, with their share, comma-separated.</param>
    public static Diagnostic CompressedSizeOverCap(long cap, long written, string contributors) =>
        CompressedCapExceeded.At(null, $"The compressed archive passed the cap of {cap:N0} bytes (stopped at {written:N0} bytes); nothing was written. Largest contributors by compressed bytes: {contributors}.");

    /// <param name="file">The member being read.</param>
    /// <param name="expectedBytes">The size the walk saw.</param>
    public static Diagnostic FileShrankWhilePacking(string file, long expectedBytes) =>
        FileChangedWhilePacking.At(file, $"The file shrank while it was being read (expected {expectedBytes:N0} bytes); nothing was written. Try again once nothing writes to it.");

    /// <param name="file">The member being read.</param>
    /// <param name="expectedBytes">The size the walk saw.</param>
    public static Diagnostic FileGrewWhilePacking(string file, long expectedBytes) =>
        FileChangedWhilePacking.At(file, $"The file grew while it was being read (past {expectedBytes:N0} bytes); nothing was written. Try again once nothing writes to it.");

    /// <param name="file">The file, relative to the environment.</param>
    /// <param name="detail">The I/O error's message.</param>
    public static Diagnostic EnvironmentFileUnreadable(string file, string detail) =>
        FileUnreadable.At(file, $"The file cannot be read: {detail}");

    /// <param name="folder">The folder, relative to the environment ('.' for its root).</param>
    /// <param name="detail">The I/O error's message.</param>
    public static Diagnostic EnvironmentFolderUnreadable(string folder, string detail) =>
        FileUnreadable.At(folder, $"The folder cannot be read: {detail}");

    /// <param name="file">The config or code file.</param>
    /// <param name="size">Its size, or how far it was read before passing the bound.</param>
    /// <param name="maxBytes">The bound on what is read of such a file.</param>
    /// <param name="pythonHelper">Whether the file is a Python module other than the entry point (a warning) rather than a config or the entry point (an error).</param>
    public static Diagnostic ConfigOrCodeFileTooLarge(string file, long size, long maxBytes, bool pythonHelper) =>
        FileTooLargeToRead.At(pythonHelper ? Severity.Warning : Severity.Error, file,
            $"The file is {size:N0} bytes or more, over the {maxBytes:N0} bytes RlEnv reads of a config or code file; it was not read. Keep configs and Python modules small and move data into dataset/.", 1, 1);

    public static Diagnostic PackCancelled() =>
        Cancelled.At(null, "Packing was cancelled; nothing was written, its temp files were removed and any earlier artifact is untouched.");

    /// <param name="artifact">The pair's name-version.</param>
    /// <param name="outputDirectory">The output folder.</param>
    /// <param name="holder">Who holds the lock, as its lock file says.</param>
    /// <param name="lockFile">The lock file's name in the output folder.</param>
    public static Diagnostic OutputLockedByAnotherPack(string artifact, string outputDirectory, string holder, string lockFile) =>
        OutputLocked.At(null, $"Another pack is writing {artifact} in {outputDirectory} ({holder}); nothing was written. Give each environment its own name, version or output folder. If no pack is running, delete {lockFile} in that folder.");

    /// <param name="artifact">The pair's name-version.</param>
    /// <param name="outputDirectory">The output folder.</param>
    /// <param name="project">The project being packed.</param>
    /// <param name="otherProject">The project that wrote the pair there before.</param>
    /// <param name="claimFile">The claim file's name in the output folder.</param>
    public static Diagnostic OutputWrittenByAnotherProject(string artifact, string outputDirectory, string project, string otherProject, string claimFile) =>
        OutputClaimedByAnotherProject.At(null, $"{artifact} in {outputDirectory} is written by another project, {otherProject}; packing {project} there would replace it. Give one of them another RlEnvName or RlEnvVersion, or another output folder. If {otherProject} no longer packs this name, delete {claimFile} in that folder.");

    /// <param name="detail">The I/O error's message.</param>
    public static Diagnostic PackArtifactWriteFailed(string detail) => OutputNotWritable.At(null, $"Writing the artifact failed: {detail}");

    public static Diagnostic VersionNotSemVer(string version) =>
        InvalidVersion.At(null, $"'{version}' is not a SemVer 2.0 version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], e.g. 1.2.0 or 2.0.0-rc.1).");

    public static Diagnostic NameEmptyAfterNormalizing(string? name) =>
        InvalidName.At(null, $"The name '{name}' has no character left after normalizing to [a-z0-9][a-z0-9._-]*; pass --name.");

    public static Diagnostic SourceDateEpochNotSeconds(string value) =>
        InvalidSourceDateEpoch.At(null, $"SOURCE_DATE_EPOCH='{value}' is not a whole number of seconds since 1970-01-01 (at most 8589934591).");

    /// <param name="problem">What <c>OptionRange.Problem</c> says about the request's value.</param>
    public static Diagnostic PackOptionOutOfRange(string problem) => InvalidOption.At(null, problem);

    public static Diagnostic EnvironmentFolderOptionEmpty() => InvalidOption.At(null, "The environment folder is empty; name a folder.");

    public static Diagnostic OutputFolderOptionEmpty() =>
        InvalidOption.At(null, "The output folder is empty; name a folder (-o .) to write the artifact into.");
}
