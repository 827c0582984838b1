namespace RlEnv.Core.Diagnostics;

// Publishing to the Freesolo hub: the destination, Flash's URL and key, the hub's package rules before upload, and
// what the control plane answers. No message ever holds the API key: it names where the key came from.
public static partial class DiagnosticCatalog
{
    /// <param name="problem">Why FreesoloDestination.Parse, or the options given with it, refused the destination.</param>
    public static Diagnostic HubDestinationRefused(string problem) => HubDestinationInvalid.At(null, problem);

    /// <param name="option">The option that applies to one kind of destination only.</param>
    /// <param name="applies">Where it applies, e.g. "freesolo:// destinations".</param>
    public static Diagnostic PublishOptionDoesNotApply(string option, string applies) =>
        HubDestinationInvalid.At(null, $"{option} applies to {applies} only.");

    /// <param name="url">The base URL.</param>
    /// <param name="source">Where it came from: FLASH_API_URL or the config file.</param>
    /// <param name="problem">Why it is refused.</param>
    public static Diagnostic HubApiUrlNotUsable(string url, string source, string problem) =>
        HubApiUrlRefused.At(null, $"The Freesolo API URL '{url}' (from {source}) cannot be used: {problem}.");

    /// <param name="configPath">The config file `flash login` writes.</param>
    public static Diagnostic HubNoKey(string configPath) =>
        HubKeyMissing.At(null, $"No Freesolo API key: set FREESOLO_API_KEY (in CI, from a secret), or run `flash login`, which saves it in {configPath}.");

    /// <param name="source">FREESOLO_API_KEY or the config file's path.</param>
    public static Diagnostic HubKeyNotAHeader(string source) =>
        HubKeyUnusable.At(null, $"The API key from {source} holds a space, a line break, a control or a non-ASCII character, so no HTTP header can carry it (a trailing newline from a secret file?). The key is not shown.");

    /// <param name="artifact">The artifact's file name.</param>
    /// <param name="rules">The rules its manifest records.</param>
    public static Diagnostic HubArtifactOfAnotherPlatform(string artifact, string rules) =>
        HubArtifactNotFreesolo.At(artifact, $"The artifact was packed with the '{rules}' rules; the Freesolo hub takes an environment packed with 'freesolo' or 'flash-tree' (environment.py at its root).");

    /// <param name="artifact">The artifact's file name.</param>
    /// <param name="member">The first member under the refused folder, for display.</param>
    /// <param name="top">The top-level name.</param>
    public static Diagnostic HubRefusesTopLevelPath(string artifact, string member, string top) =>
        HubBlockedTopLevelPath.At(artifact, $"Member '{member}' is under a top-level '{top}', which the hub refuses (\"env packages must not contain repo-control or source top-level paths\"). Move it into a subfolder or leave it out.");

    /// <param name="member">The file's path in the archive, for display.</param>
    /// <param name="size">Its size.</param>
    /// <param name="cap">The largest file the hub's repository takes.</param>
    public static Diagnostic HubFileOverRepositoryLimit(string member, long size, long cap) =>
        FileOverHubFileCap.At(member, $"This file is {size:N0} bytes, over the limit of {cap:N0} bytes on one file: the hub commits the package to a GitHub repository, which refuses it, so the publish would fail after the upload. Nothing was sent.");

    /// <param name="artifact">The artifact's file name.</param>
    public static Diagnostic HubNoEntryPointAtRoot(string artifact) =>
        HubEntryPointNotAtRoot.At(artifact, "The archive holds no regular file 'environment.py' at its root, which the hub requires (\"env package must contain environment.py\"). Nothing was sent.");

    /// <param name="artifact">The artifact's file name.</param>
    /// <param name="count">Files plus the folders that hold them.</param>
    /// <param name="cap">The hub's member cap.</param>
    public static Diagnostic HubCheckoutOverMemberCap(string artifact, int count, int cap) =>
        HubCheckoutTooLarge.At(artifact, $"The package holds {count:N0} files and folders; the hub would accept it but could never serve it back (\"env package has too many members (limit {cap:N0})\"), so no training run could load it. Nothing was sent.");

    /// <param name="name">The bare name.</param>
    /// <param name="version">The artifact's version, which the name does not carry.</param>
    public static Diagnostic HubBareNameWillOverwrite(string name, string version) =>
        HubBareNameOverwrites.At(null, $"Publishing as '{name}' without its version ({version}): this overwrites whatever '{name}' held on the hub, and every config that names it trains on this content from now on.");

    /// <param name="origin">The control plane's origin.</param>
    /// <param name="idle">How long nothing came.</param>
    public static Diagnostic HubSentNothing(string origin, TimeSpan idle) =>
        HubUnreachable.At(null, $"The Freesolo control plane at {origin} sent nothing for {idle.TotalSeconds:0} s; giving up.");

    /// <param name="origin">The control plane's origin.</param>
    /// <param name="reason">What the connection said.</param>
    public static Diagnostic HubCannotBeReached(string origin, string reason) =>
        HubUnreachable.At(null, $"The Freesolo control plane at {origin} cannot be reached: {reason}. Check the network and FLASH_API_URL.");

    /// <param name="origin">The control plane's origin.</param>
    /// <param name="sent">Bytes of the body sent.</param>
    /// <param name="total">The body's size.</param>
    /// <param name="idle">How long nothing moved.</param>
    public static Diagnostic HubUploadStalled(string origin, long sent, long total, TimeSpan idle) =>
        HubUnreachable.At(null, $"The upload to {origin} moved no byte for {idle.TotalSeconds:0} s after {sent:N0} of {total:N0} bytes; the hub never got a complete package, so nothing was published. Publishing again is safe (--idle-timeout waits longer).");

    /// <param name="origin">The control plane's origin.</param>
    /// <param name="timeout">How long the hub was given to answer.</param>
    public static Diagnostic HubNoAnswer(string origin, TimeSpan timeout) =>
        HubUnreachable.At(null, $"The package went up whole, but {origin} did not answer within {timeout.TotalMinutes:0} minutes; it may or may not be published. Publishing the same artifact again is safe: identical content makes no new commit.");

    /// <param name="origin">The control plane's origin.</param>
    /// <param name="sent">Bytes of the body sent.</param>
    /// <param name="total">The body's size.</param>
    /// <param name="reason">What the connection said.</param>
    public static Diagnostic HubUploadCut(string origin, long sent, long total, string reason) =>
        HubUnreachable.At(null, $"The connection to {origin} was cut after {sent:N0} of {total:N0} bytes of the upload ({reason}); the hub never got a complete package, so nothing was published. Publishing again is safe.");

    /// <param name="origin">The control plane's origin.</param>
    /// <param name="reason">What the connection said.</param>
    public static Diagnostic HubClosedBeforeAnswer(string origin, string reason) =>
        HubUnreachable.At(null, $"The package went up whole, but {origin} closed the connection before it answered ({reason}); it may or may not be published. Publishing the same artifact again is safe: identical content makes no new commit.");

    public static Diagnostic HubArtifactChangedDuringUpload() =>
        ArtifactManifestMismatch.At(null, "The artifact changed on disk while it was uploaded, so the upload was stopped before the package was complete and the hub published nothing. Pack it again, then publish.");

    /// <param name="status">The HTTP status.</param>
    /// <param name="id">The id the answer held, or null.</param>
    /// <param name="name">The name that was sent.</param>
    public static Diagnostic HubAnswerWithoutUsableId(int status, string? id, string name) =>
        HubAnswerUnexpected.At(null, id is null
            ? $"The control plane answered {status} but no environment id; Flash says \"the env was uploaded but the server returned no id\". Check that FLASH_API_URL is the Flash control plane."
            : $"The control plane answered {status} with the id '{id}', which is not an org/project/{name} id; it is not printed as one to paste. Check that FLASH_API_URL is the Flash control plane.");

    /// <param name="attempt">The attempt that was answered so (1-based).</param>
    /// <param name="delay">The wait before the next one.</param>
    public static Diagnostic HubAssociationRetrying(int attempt, TimeSpan delay) =>
        HubAssociationNotRecorded.At(Severity.Info, null, $"Attempt {attempt}: the hub stored the package but could not record its project association, and asks for the same publish again; retrying in {delay.TotalSeconds:0} s.");

    /// <param name="attempts">How many publishes were sent.</param>
    /// <param name="detail">The hub's last detail.</param>
    public static Diagnostic HubAssociationStillNotRecorded(int attempts, string detail) =>
        HubAssociationNotRecorded.At(Severity.Error, null, $"After {attempts} attempts the hub still says: \"{detail}\" (HTTP 502). Run the same publish again later; identical content makes no new commit.");

    /// <param name="status">The HTTP status.</param>
    /// <param name="detail">The hub's detail.</param>
    public static Diagnostic HubFailedWith(int status, string detail) =>
        HubFailed.At(null, $"The Freesolo control plane failed (HTTP {status}): {(detail.Length > 0 ? detail : "no detail")}.");

    /// <param name="status">The redirect's status.</param>
    /// <param name="target">The origin it pointed at, or null.</param>
    /// <param name="urlSource">Where the API URL came from.</param>
    public static Diagnostic HubRedirected(int status, string? target, string urlSource) =>
        HubAnswerUnexpected.At(null, $"The control plane answered {status}, a redirect{(target is null ? string.Empty : $" to {target}")}; RlEnv follows no redirect, so neither the API key nor the package went there. Set the control plane's own URL (from {urlSource}).");

    /// <param name="apiUrl">The control plane's base URL.</param>
    /// <param name="source">Where the key came from.</param>
    /// <param name="shadowedLogin">The config file whose saved key FREESOLO_API_KEY overrides, or null.</param>
    /// <param name="detail">The hub's detail.</param>
    public static Diagnostic HubRefusedKey(string apiUrl, string source, string? shadowedLogin, string detail) =>
        HubKeyRefused.At(null, $"The Freesolo control plane at {apiUrl} refused the API key from {source} (HTTP 401: {detail})."
            + (source == "FREESOLO_API_KEY"
                ? $" FREESOLO_API_KEY is set and overrides any key saved by `flash login`{(shadowedLogin is null ? string.Empty : $" in {shadowedLogin}")}: update it to a valid Freesolo API key, or unset it."
                : " Run `flash login` with a valid Freesolo API key, or set FREESOLO_API_KEY."));

    /// <param name="project">The project UUID.</param>
    /// <param name="source">Where the key came from.</param>
    /// <param name="organization">The key's organization as /v1/me named it, or null.</param>
    /// <param name="detail">The hub's detail.</param>
    public static Diagnostic HubRefusedProject(string project, string source, string? organization, string detail) =>
        HubProjectRefused.At(null, $"The hub refused to publish into project {project} with the API key from {source}{(organization is null ? string.Empty : $" (organization '{organization}')")} (HTTP 403: {detail}). The project must belong to the key's organization: check the project id (`flash projects list`) or use that organization's key.");

    /// <param name="status">The HTTP status.</param>
    /// <param name="detail">The hub's detail.</param>
    public static Diagnostic HubRefusedPackage(int status, string detail) =>
        HubPackageRefused.At(null, $"The hub refused the package (HTTP {status}): {(detail.Length > 0 ? detail : "no detail")}. RlEnv checks every rule it knows before sending; please report this one.");
}
