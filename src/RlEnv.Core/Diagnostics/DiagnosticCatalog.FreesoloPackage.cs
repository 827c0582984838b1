namespace RlEnv.Core.Diagnostics;

// Freesolo's package: the shape flash env push gives it, and the limits as the client and the hub count them.
public static partial class DiagnosticCatalog
{
    /// <param name="file">environment.py.</param>
    public static Diagnostic EntryPointBomBreaksFlashPush(string file) =>
        EntryPointByteOrderMark.At(file, "This file starts with a UTF-8 byte-order mark. RlEnv puts Flash's sys.path bootstrap after it, but `flash env push` puts it before, and the module it publishes then fails to import on the worker (invalid non-printable character U+FEFF). Save the file as UTF-8 without a BOM.", 1, 1);

    /// <param name="file">The packed file.</param>
    /// <param name="size">Its size as packed.</param>
    /// <param name="cap">The largest file the hub publishes.</param>
    public static Diagnostic FileOverHubFileLimit(string file, long size, long cap) =>
        FileOverHubFileCap.At(file, $"This file is {size:N0} bytes, over the limit of {cap:N0} bytes on one file: the hub commits the package to a GitHub repository, which refuses files over 100 MiB, so the publish would fail after the upload. Split it (e.g. into several JSONL files) or keep it in an external store and pass its URL through [environment.params].");

    /// <param name="totalBytes">What flash env push counts: the files, the bootstrap and the stub README.</param>
    /// <param name="cap">Its byte cap.</param>
    /// <param name="largest">The largest files with their sizes, comma-separated.</param>
    public static Diagnostic FlashPushTotalOverCap(long totalBytes, long cap, string largest) =>
        UncompressedCapExceeded.At(null, $"`flash env push` would refuse this environment: it counts {totalBytes:N0} bytes (the files it ships, the 102-byte sys.path bootstrap it adds to environment.py and the README.md it writes when there is none), over its cap of {cap:N0} bytes. Largest: {largest}. Keep large corpora in an external store and pass their URL through [environment.params].");

    /// <param name="members">What flash env push counts: files plus the folders that hold them.</param>
    /// <param name="files">The files, with environment.py and README.md.</param>
    /// <param name="folders">The folders that hold a shipped file.</param>
    /// <param name="cap">Its member cap.</param>
    public static Diagnostic FlashPushMembersOverCap(int members, int files, int folders, int cap) =>
        MemberCapExceeded.At(null, $"`flash env push` would refuse this environment: it counts {members:N0} files and directories ({files:N0} files, environment.py and README.md included, and the {folders:N0} folders that hold them), over its cap of {cap:N0}. Merge small files, e.g. into one JSONL per split.");

    /// <param name="members">The checkout's files and folders.</param>
    /// <param name="files">The archive's files.</param>
    /// <param name="folders">The folders that hold them.</param>
    /// <param name="cap">The hub's member cap.</param>
    public static Diagnostic HubCheckoutMembersOverCap(int members, int files, int folders, int cap) =>
        MemberCapExceeded.At(null, $"The hub would accept the {files:N0} files, but it counts files and folders alike when it serves the package back, and here that is {members:N0} (with the {folders:N0} folders that hold them), over its cap of {cap:N0}: every download of the environment would fail. Merge small files or flatten folders.");
}
