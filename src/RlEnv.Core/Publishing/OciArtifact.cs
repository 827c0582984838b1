namespace RlEnv.Core.Publishing;

/// <summary>The media types and annotations RlEnv artifacts use in a registry (OCI image spec 1.1 artifact guidance).</summary>
public static class OciArtifact
{
    /// <summary>The manifest's artifactType: what tools such as `oras discover` show.</summary>
    public const string ArtifactType = "application/vnd.rlenv.environment.v1+tar+gzip";
    public const string LayerMediaType = "application/vnd.rlenv.environment.layer.v1.tar+gzip";
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    public const string EmptyMediaType = "application/vnd.oci.empty.v1+json";
    public const string EmptyDigest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    public static readonly byte[] EmptyConfig = "{}"u8.ToArray();

    public const string VersionAnnotation = "org.opencontainers.image.version";
    public const string CreatedAnnotation = "org.opencontainers.image.created";
    public const string TitleAnnotation = "org.opencontainers.image.title";
    public const string ContentDigestAnnotation = "io.rlenv.content-digest";
    public const string NameAnnotation = "io.rlenv.name";

    /// <summary>Whether <paramref name="digest"/> is a sha256 digest in the one form RlEnv writes ("sha256:" and 64 lowercase hex), safe to put in a path or URL.</summary>
    /// <param name="digest">The digest, from a manifest or a registry.</param>
    public static bool IsSha256Digest(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length == 71 && digest[7..].All(char.IsAsciiHexDigitLower);
}
