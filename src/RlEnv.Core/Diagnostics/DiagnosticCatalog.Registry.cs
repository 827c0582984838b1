using System.Formats.Tar;
using System.Net;
using RlEnv.Core.Publishing;

namespace RlEnv.Core.Diagnostics;

// Publish and pull: references, registries, and what comes back from them.
public static partial class DiagnosticCatalog
{
    /// <param name="problem">Why <c>RegistryReference.Parse</c> or <c>RegistryOptions.Check</c> refused the reference.</param>
    public static Diagnostic RegistryReferenceRefused(string problem) => RegistryReferenceInvalid.At(null, problem);

    /// <param name="version">The artifact's own version, from its manifest.</param>
    public static Diagnostic PublishReferenceNamesVersion(string version) =>
        RegistryReferenceInvalid.At(null, $"Publish tags the artifact with its own version ({version}); name the repository without a version, range or latest.");

    public static Diagnostic VersionAlreadyHoldsArtifact(string repository, string tag) =>
        VersionExists.At(Severity.Info, null, $"{repository}:{tag} already holds this artifact; nothing to publish.");

    public static Diagnostic VersionExistsWithOtherContent(string repository, string tag) =>
        VersionExists.At(Severity.Error, null, $"{repository}:{tag} already exists with other content; versions are immutable. Bump the version (there is no --force).");

    /// <param name="output">The -o folder as given.</param>
    public static Diagnostic PullOutputNotEmpty(string output) =>
        PullTargetNotEmpty.At(null, $"'{output}' exists and is not an empty folder; pull writes only into a new or empty folder.");

    /// <param name="repository">The repository.</param>
    /// <param name="wanted">The version, "latest" or the normalized range that was asked for.</param>
    public static Diagnostic NoVersionMatches(string repository, string wanted) =>
        VersionNotFound.At(null, $"No version of {repository} matches {wanted}.");

    public static Diagnostic PulledManifestNotAnArtifact(string repository, string tag) =>
        RegistryDocumentInvalid.At(null, $"{repository}:{tag} is not an RlEnv artifact (an OCI manifest with one tar.gz layer).");

    /// <param name="repository">The repository.</param>
    /// <param name="tag">The version pulled.</param>
    /// <param name="size">The layer size the manifest declares.</param>
    /// <param name="cap">The compressed-size cap.</param>
    public static Diagnostic PulledLayerOverCap(string repository, string tag, long size, long cap) =>
        PulledArtifactUnsafe.At(null, $"{repository}:{tag} declares a {size:N0}-byte layer, over the cap of {cap:N0} bytes; nothing was downloaded.");

    /// <param name="received">How many bytes came, counted up to one past <paramref name="size"/>.</param>
    /// <param name="size">The size the manifest declares.</param>
    /// <param name="actualDigest">The digest of what came.</param>
    /// <param name="digest">The digest the manifest declares.</param>
    public static Diagnostic PulledLayerMismatch(long received, long size, string actualDigest, string digest) =>
        PulledBlobMismatch.At(null,
            $"The layer the registry served does not match its manifest ({(received > size ? $"more than {size:N0} bytes" : received != size ? $"{received:N0} bytes, not {size:N0}" : $"digest {actualDigest}, not {digest}")}); nothing was extracted.");

    /// <param name="member">The member's path for display, when the guard got that far.</param>
    /// <param name="detail">The guard's complete sentence about the problem.</param>
    public static Diagnostic PulledArtifactRefusedByGuard(string? member, string detail) =>
        PulledArtifactUnsafe.At(member, $"{detail} Nothing was extracted.");

    /// <param name="detail">What the gzip or tar reader said.</param>
    public static Diagnostic PulledArtifactNotTarGz(string detail) =>
        PulledArtifactUnsafe.At(null, $"The artifact cannot be read as a gzip-compressed tar: {detail} Nothing was extracted.");

    /// <param name="member">The member's path, for display.</param>
    public static Diagnostic PulledMemberUnsafePath(string member) =>
        PulledArtifactUnsafe.At(member, "The artifact holds an absolute, '..' or otherwise unsafe path; nothing was extracted.");

    /// <param name="member">The member's path, for display.</param>
    /// <param name="type">The member's tar entry type.</param>
    public static Diagnostic PulledMemberNotFileOrFolder(string member, TarEntryType type) =>
        PulledArtifactUnsafe.At(member, $"The artifact holds a {type}, not a regular file or folder; nothing was extracted.");

    /// <param name="member">The member's path, for display.</param>
    /// <param name="conflict">Why it cannot coexist with an earlier member, as <c>MemberPaths.Add</c> says.</param>
    public static Diagnostic PulledMemberConflict(string member, string conflict) =>
        PulledArtifactUnsafe.At(member, $"The artifact holds a member that {conflict}; nothing was extracted.");

    /// <param name="member">The member being written when the cap was passed, for display.</param>
    /// <param name="cap">The uncompressed-size cap.</param>
    public static Diagnostic PulledArtifactInflatesPastCap(string member, long cap) =>
        PulledArtifactUnsafe.At(member, $"The artifact inflates past the cap of {cap:N0} bytes; extraction stopped and nothing was kept.");

    /// <param name="root">The registry folder.</param>
    /// <param name="digest">The digest the blob should have.</param>
    public static Diagnostic FolderRegistryBlobWrittenWrong(string root, string digest) =>
        RegistryDigestMismatch.At(null, $"The blob written to {root} does not match {digest}.");

    /// <param name="digest">The manifest's digest, from the index.</param>
    /// <param name="reference">The tag asked for.</param>
    /// <param name="folder">The repository's folder.</param>
    public static Diagnostic FolderRegistryManifestMissing(string digest, string reference, string folder) =>
        RegistryDocumentInvalid.At(null, $"The manifest {digest} of {reference} is missing from {folder}, or is not a regular file of at most 4 MiB.");

    /// <param name="digest">The blob's digest.</param>
    /// <param name="folder">The repository's folder.</param>
    public static Diagnostic FolderRegistryBlobMissing(string digest, string folder) =>
        RegistryRefused.At(null, $"Blob {digest} is missing from {folder}.");

    public static Diagnostic RegistryDigestMalformed(string digest) =>
        RegistryDocumentInvalid.At(null, $"'{ShortenRegistryText(digest)}' is not a sha256 digest.");

    /// <param name="path">The index.json path.</param>
    public static Diagnostic FolderRegistryIndexNotAFile(string path) =>
        RegistryDocumentInvalid.At(null, $"{path} is not a regular file of at most 4 MiB.");

    /// <param name="path">The index.json path.</param>
    public static Diagnostic FolderRegistryIndexMalformed(string path) =>
        RegistryDocumentInvalid.At(null, $"{path} is not an OCI image index; it was left as it is.");

    /// <param name="what">The document, e.g. "tag list" or "manifest for 1.0.0".</param>
    /// <param name="limit">The bound in bytes.</param>
    public static Diagnostic RegistryDocumentTooLarge(string what, int limit) =>
        RegistryDocumentInvalid.At(null, $"The registry's {what} is larger than {limit / (1024 * 1024)} MiB; RlEnv reads no more of it.");

    /// <param name="what">The document, e.g. "tag list".</param>
    public static Diagnostic RegistryDocumentNotJson(string what) =>
        RegistryDocumentInvalid.At(null, $"The registry's {what} is not the JSON document the distribution spec describes.");

    public static Diagnostic RegistryTagListNullTag() =>
        RegistryDocumentInvalid.At(null, "The registry's tag list holds a null tag.");

    /// <param name="repository">The repository.</param>
    /// <param name="max">The most tags RlEnv reads.</param>
    public static Diagnostic RegistryTooManyTags(string repository, int max) =>
        RegistryDocumentInvalid.At(null, $"{repository} has more than {max:N0} tags; RlEnv reads no more.");

    public static Diagnostic RegistryTagPageElsewhere() =>
        RegistryDocumentInvalid.At(null, "The registry's tag list points its next page somewhere else.");

    public static Diagnostic RegistryUploadWithoutLocation() =>
        RegistryRefused.At(null, "The registry started an upload without a Location.");

    /// <summary>A request the registry answered with an error status: 401 is an authentication failure, anything else a refusal.</summary>
    /// <param name="what">What was asked, e.g. "list tags" or "upload blob sha256:...".</param>
    /// <param name="status">The registry's answer.</param>
    public static Diagnostic RegistryRequestRefused(string what, HttpStatusCode status) => status == HttpStatusCode.Unauthorized
        ? RegistryAuthFailed.At(null, $"The registry refused to {what}: authentication required or refused (set RLENV_REGISTRY_USERNAME and RLENV_REGISTRY_PASSWORD, or docker login).")
        : RegistryRefused.At(null, $"The registry refused to {what}: HTTP {(int)status}.");

    public static Diagnostic RegistryTooManyRedirects() =>
        RegistryRefused.At(null, "The registry redirected too many times.");

    public static Diagnostic RegistryRedirectToHttp() =>
        RegistryRefused.At(null, "The registry redirected to a non-HTTPS address; RlEnv never downgrades from HTTPS.");

    /// <param name="stored">The digest the registry says it stored.</param>
    /// <param name="expected">The digest of what was sent.</param>
    public static Diagnostic RegistryStoredOtherDigest(string stored, string expected) =>
        RegistryDigestMismatch.At(null, $"The registry says it stored {ShortenRegistryText(stored)}, not the {expected} that was sent; nothing is trusted as published.");

    /// <param name="origin">The registry's scheme, host and port.</param>
    /// <param name="idleTimeout">How long nothing came.</param>
    public static Diagnostic RegistrySentNothing(string origin, TimeSpan idleTimeout) =>
        RegistryUnreachable.At(null, $"The registry at {origin} sent nothing for {idleTimeout.TotalSeconds:0} s; giving up.");

    /// <param name="origin">The registry's scheme, host and port.</param>
    /// <param name="detail">What the connection attempt said.</param>
    public static Diagnostic RegistryCannotBeReached(string origin, string detail) =>
        RegistryUnreachable.At(null, $"The registry at {origin} cannot be reached: {detail}");

    /// <param name="what">The document, e.g. "tag list".</param>
    public static Diagnostic RegistryStoppedSendingDocument(string what) =>
        RegistryUnreachable.At(null, $"The registry stopped sending its {what}.");

    public static Diagnostic RegistryStoppedSendingBlob() =>
        RegistryUnreachable.At(null, "The registry stopped sending the blob.");

    public static Diagnostic RegistryBearerWithoutRealm(RegistryOrigin registry) =>
        RegistryAuthFailed.At(null, $"The registry at {registry} asked for a Bearer token without a realm.");

    public static Diagnostic RegistryRealmNotHttp(RegistryOrigin registry) =>
        RegistryAuthFailed.At(null, $"The registry at {registry} named a token realm that is not an http(s) URL; nothing was sent to it.");

    public static Diagnostic RegistryRealmPlainHttp(RegistryOrigin registry, RegistryOrigin realm) =>
        RegistryAuthFailed.At(null, $"The registry at {registry} named a plain-HTTP token realm ({realm}); RlEnv never downgrades from HTTPS, so nothing was sent to it.");

    public static Diagnostic RegistryTokenUnusable(RegistryOrigin realm) =>
        RegistryAuthFailed.At(null, $"The token endpoint {realm} answered without a usable token.");

    private static string ShortenRegistryText(string text) => text.Length > 80 ? text[..80] + "..." : text;
}
