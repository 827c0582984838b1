using System.Text.Json;
using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

/// <summary>file:///FOLDER/REPO: an OCI image-layout folder with the same rules as a registry.</summary>
public sealed class FolderRegistryTests : IDisposable
{
    private readonly TempEnvironment _env = new();

    private string Registry => Path.Combine(_env.Output, "registry");

    private string Pack(string version)
    {
        _env.Write("notes.md", version);
        var run = CliRun.Of("pack", _env.Root, "-o", _env.Output, "--version", version, "--json");
        Assert.Equal(0, run.ExitCode);
        return run.Json().GetProperty("artifact").GetString()!;
    }

    [Fact]
    public void Folder_registry_publishes_immutably_and_pulls_by_range_with_the_same_rules()
    {
        var first = CliRun.Of("publish", Pack("1.0.0"), $"file://{Registry}/math", "--json");
        var again = CliRun.Of("publish", Path.Combine(_env.Output, "my-env-1.0.0.tar.gz"), $"file://{Registry}/math", "--json");
        CliRun.Of("publish", Pack("1.1.0"), $"file://{Registry}/math");
        _env.Write("dataset/train.jsonl", "{\"input\":\"other\"}\n");
        var overwrite = CliRun.Of("publish", Pack("1.0.0"), $"file://{Registry}/math", "--json");
        var pulled = CliRun.Of("pull", $"file://{Registry}/math@^1.0", "-o", Path.Combine(_env.Output, "pulled"), "--json");

        Assert.Equal((0, true), (first.ExitCode, first.Json().GetProperty("pushed").GetBoolean()));
        Assert.Equal((0, false), (again.ExitCode, again.Json().GetProperty("pushed").GetBoolean()));
        Assert.Equal(1, overwrite.ExitCode);
        Assert.Equal(("1.1.0", "1.1.0"), (pulled.Json().GetProperty("version").GetString(), File.ReadAllText(Path.Combine(_env.Output, "pulled", "notes.md"))));

        var skopeo = Processes.Run("skopeo", ["inspect", "--raw", $"oci:{Path.Combine(Registry, "math")}:1.0.0"], _env.Output);
        Assert.True(skopeo.ExitCode == 0, skopeo.Stderr);
        using var manifest = JsonDocument.Parse(skopeo.Stdout);
        Assert.Equal(first.Json().GetProperty("digest").GetString(), manifest.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString());
    }

    [Fact]
    public void Tampered_blob_in_the_folder_is_refused_and_nothing_is_extracted()
    {
        var published = CliRun.Of("publish", Pack("1.0.0"), $"file://{Registry}/math", "--json");
        var blob = Path.Combine(Registry, "math", "blobs", "sha256", published.Json().GetProperty("digest").GetString()!["sha256:".Length..]);
        var bytes = File.ReadAllBytes(blob);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(blob, bytes);

        var pull = CliRun.Of("pull", $"file://{Registry}/math:1.0.0", "-o", Path.Combine(_env.Output, "pulled"), "--json");

        Assert.Equal(1, pull.ExitCode);
        Assert.Contains(pull.Json().GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "RLENV2606");
        Assert.False(Directory.Exists(Path.Combine(_env.Output, "pulled")));
    }

    public void Dispose() => _env.Dispose();
}
