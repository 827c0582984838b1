using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Inspecting;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Inspecting;

/// <summary>Opening a FIFO blocks and reading a device never ends: inspect checks the type before it opens anything.</summary>
public class SpecialFileTests
{
    private static InspectResult Inspect(string path) => new ArtifactInspector(new FileSystem()).Inspect(path);

    private static string PackSample(TempDirectory temp)
    {
        var artifact = temp.Combine("env-1.0.0.tar.gz");
        File.WriteAllBytes(artifact, new RawTar().File("environment.py", [1]).End().Gzip());
        return artifact;
    }

    [Fact]
    public void Dev_zero_as_the_artifact_is_not_a_file()
    {
        var result = Inspect("/dev/zero");

        Assert.Contains("FIFO, socket or device", Hostile.Single(result, DiagnosticCatalog.ArtifactNotAFile.Code).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fifo_as_the_artifact_is_not_a_file()
    {
        using var temp = new TempDirectory();
        TempDirectory.Shell($"mkfifo '{temp.Combine("a.tar.gz")}'");

        var result = Inspect(temp.Combine("a.tar.gz"));

        Hostile.Single(result, DiagnosticCatalog.ArtifactNotAFile.Code);
    }

    [Fact]
    public void Symlink_to_a_device_is_not_followed()
    {
        using var temp = new TempDirectory();
        File.CreateSymbolicLink(temp.Combine("a.tar.gz"), "/dev/zero");

        var result = Inspect(temp.Combine("a.tar.gz"));

        Hostile.Single(result, DiagnosticCatalog.ArtifactNotAFile.Code);
    }

    [Fact]
    public void Fifo_manifest_is_reported_without_opening_it()
    {
        using var temp = new TempDirectory();
        var artifact = PackSample(temp);
        TempDirectory.Shell($"mkfifo '{temp.Combine("env-1.0.0.manifest.json")}'");

        var result = Inspect(artifact);

        Assert.False(result.VerifiedAgainstManifest);
        Assert.Contains("FIFO", Hostile.Single(result, DiagnosticCatalog.ArtifactManifestMismatch.Code).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_over_16_MiB_is_refused_without_parsing_it()
    {
        using var temp = new TempDirectory();
        var artifact = PackSample(temp);
        temp.Sparse("env-1.0.0.manifest.json", ArtifactInspector.MaxManifestBytes + 1);

        var result = Inspect(artifact);

        Assert.False(result.VerifiedAgainstManifest);
        Assert.Contains("over 16,777,216 bytes", Hostile.Single(result, DiagnosticCatalog.ArtifactManifestMismatch.Code).Message, StringComparison.Ordinal);
    }
}
