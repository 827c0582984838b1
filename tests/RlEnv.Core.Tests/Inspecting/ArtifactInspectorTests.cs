using System.Formats.Tar;
using System.IO.Abstractions;
using System.IO.Compression;
using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Inspecting;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Inspecting;

public class ArtifactInspectorTests
{
    private static InspectResult Inspect(string path) => new ArtifactInspector(new FileSystem()).Inspect(path);

    private static string PackSample(RealEnvironment env)
    {
        env.Write("dataset/train.jsonl", "{\"input\":\"a\"}\n");
        var result = env.Pack();
        Assert.True(result.Succeeded);
        return result.ArtifactPath!;
    }

    private static string WriteCraftedArchive(string path, Action<TarWriter> write)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        write(tar);
        return path;
    }

    [Fact]
    public void Packed_artifact_lists_its_members_and_verifies_against_its_manifest()
    {
        using var env = new RealEnvironment();
        var artifact = PackSample(env);

        var result = Inspect(artifact);

        Assert.Empty(result.Diagnostics);
        Assert.True(result.VerifiedAgainstManifest);
        Assert.Equal(["README.md", "dataset/train.jsonl", "environment.py"], result.Members.Select(m => m.Path));
        Assert.All(result.Members, m => Assert.Equal("file", m.Type));
        Assert.All(result.Members, m => Assert.Equal((0, 0), (m.Uid, m.Gid)));
    }

    [Fact]
    public void Artifact_without_a_manifest_is_listed_but_not_verified()
    {
        using var env = new RealEnvironment();
        var artifact = PackSample(env);
        File.Delete(Path.ChangeExtension(Path.ChangeExtension(artifact, null), null) + ".manifest.json");

        var result = Inspect(artifact);

        Assert.Null(result.VerifiedAgainstManifest);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Artifact_changed_after_packing_fails_verification()
    {
        using var env = new RealEnvironment();
        var artifact = PackSample(env);
        var manifest = artifact[..^".tar.gz".Length] + ".manifest.json";
        var changed = File.ReadAllText(manifest).Replace("\"dataset/train.jsonl\"", "\"dataset/other.jsonl\"", StringComparison.Ordinal);
        File.WriteAllText(manifest, changed);

        var result = Inspect(artifact);

        Assert.False(result.VerifiedAgainstManifest);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCatalog.ArtifactManifestMismatch.Code);
    }

    [Fact]
    public void Repacked_artifact_with_other_content_fails_verification_by_hash()
    {
        using var env = new RealEnvironment();
        var artifact = PackSample(env);
        var manifest = File.ReadAllBytes(artifact[..^".tar.gz".Length] + ".manifest.json");
        env.Write("dataset/train.jsonl", "{\"input\":\"changed\"}\n");
        env.Pack();
        File.WriteAllBytes(artifact[..^".tar.gz".Length] + ".manifest.json", manifest);

        var result = Inspect(artifact);

        Assert.False(result.VerifiedAgainstManifest);
        Assert.Equal(2, result.Diagnostics.Count(d => d.Code == DiagnosticCatalog.ArtifactManifestMismatch.Code));
    }

    [Fact]
    public void Links_devices_and_escaping_paths_are_refused_and_case_twins_warned()
    {
        using var temp = new TempDirectory();
        var path = WriteCraftedArchive(temp.Combine("bad.tar.gz"), tar =>
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = "/etc/passwd" });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "hard") { LinkName = "environment.py" });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Fifo, "pipe"));
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../escape.py") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("x")) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "/abs.py") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("x")) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "A.py") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("x")) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "a.py") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("x")) });
        });

        var result = Inspect(path);

        Assert.Equal(5, result.Diagnostics.Count(d => d.Code == DiagnosticCatalog.ArtifactUnsafeMember.Code));
        Assert.Equal(Severity.Warning, Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.PathCollision.Code).Severity);
        Assert.Equal(["A.py", "a.py"], result.Members.Select(m => m.Path));
    }

    [Fact]
    public void Corrupt_gzip_is_an_error_not_a_crash()
    {
        using var env = new RealEnvironment();
        var artifact = PackSample(env);
        var bytes = File.ReadAllBytes(artifact);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(artifact, bytes);

        var result = Inspect(artifact);

        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCatalog.ArtifactUnreadable.Code || d.Code == DiagnosticCatalog.ArtifactManifestMismatch.Code);
        Assert.False(result.VerifiedAgainstManifest);
    }
}
