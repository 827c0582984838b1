using System.Text.Json;
using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

/// <summary>publish and pull against a real docker-registry on loopback.</summary>
[Collection(nameof(RegistryTests))]
public sealed class RegistryTests : IDisposable
{
    private readonly TempEnvironment _env = new();

    private string Pack(string version)
    {
        var run = CliRun.Of("pack", _env.Root, "-o", _env.Output, "--version", version, "--json");
        Assert.Equal(0, run.ExitCode);
        return run.Json().GetProperty("artifact").GetString()!;
    }

    private static CliRun Publish(string artifact, RegistryServer registry, string repo = "envs/math") =>
        CliRun.Of("publish", artifact, $"oci://{registry.Host}/{repo}", "--plain-http", "--json");

    private CliRun Pull(string reference, string folder) => CliRun.Of("pull", reference, "-o", Path.Combine(_env.Output, folder), "--plain-http", "--json");

    [Fact]
    public void Publish_is_idempotent_and_an_existing_version_with_other_content_is_refused_with_the_tag_unmoved()
    {
        using var registry = new RegistryServer();
        var artifact = Pack("1.0.0");

        var first = Publish(artifact, registry);
        var again = Publish(artifact, registry);
        _env.Write("dataset/train.jsonl", "{\"input\":\"changed\",\"output\":\"x\"}\n");
        var changed = Pack("1.0.0");
        var overwrite = Publish(changed, registry);

        Assert.Equal(0, first.ExitCode);
        Assert.True(first.Json().GetProperty("pushed").GetBoolean());
        Assert.Equal(0, again.ExitCode);
        Assert.False(again.Json().GetProperty("pushed").GetBoolean());
        Assert.Equal(1, overwrite.ExitCode);
        Assert.Contains(overwrite.Json().GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "RLENV2604" && d.GetProperty("severity").GetString() == "error");

        var skopeo = Processes.Run("skopeo", ["inspect", "--raw", "--tls-verify=false", $"docker://{registry.Host}/envs/math:1.0.0"], _env.Output);
        Assert.Equal(0, skopeo.ExitCode);
        using var manifest = JsonDocument.Parse(skopeo.Stdout);
        Assert.Equal(first.Json().GetProperty("digest").GetString(), manifest.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString());
        Assert.Equal("application/vnd.rlenv.environment.v1+tar+gzip", manifest.RootElement.GetProperty("artifactType").GetString());
        Assert.Equal("1.0.0", manifest.RootElement.GetProperty("annotations").GetProperty("org.opencontainers.image.version").GetString());
    }

    [Fact]
    public void Pull_by_version_range_and_latest_picks_the_right_semver()
    {
        using var registry = new RegistryServer();
        foreach (var version in new[] { "1.0.0", "1.2.0", "1.10.0", "2.0.0-rc.1" })
        {
            _env.Write("notes.md", version);
            Assert.Equal(0, Publish(Pack(version), registry).ExitCode);
        }

        var exact = Pull($"oci://{registry.Host}/envs/math:1.2.0", "exact");
        var range = Pull($"oci://{registry.Host}/envs/math@[1.0,1.5)", "range");
        var caret = Pull($"oci://{registry.Host}/envs/math@^1.0", "caret");
        var latest = Pull($"oci://{registry.Host}/envs/math:latest", "latest");
        var none = Pull($"oci://{registry.Host}/envs/math@[3.0,4.0)", "none");

        Assert.Equal(("1.2.0", "1.2.0"), (exact.Json().GetProperty("version").GetString(), File.ReadAllText(Path.Combine(_env.Output, "exact", "notes.md"))));
        Assert.Equal("1.2.0", range.Json().GetProperty("version").GetString());
        Assert.Equal("1.10.0", caret.Json().GetProperty("version").GetString());
        Assert.Equal("2.0.0-rc.1", latest.Json().GetProperty("version").GetString());
        Assert.Equal(1, none.ExitCode);
        Assert.True(File.Exists(Path.Combine(_env.Output, "latest", "dataset", "train.jsonl")));
    }

    [Fact]
    public void Artifact_changed_after_packing_is_refused_by_the_upload_pass_and_no_version_appears()
    {
        // Same length, one byte other: caught only by the hash taken while the blob goes up (the registry refuses the
        // digest it was told), reported as the artifact's fault with exit 1, and no tag is written.
        using var registry = new RegistryServer();
        var artifact = Pack("1.0.0");
        var bytes = File.ReadAllBytes(artifact);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(artifact, bytes);

        var publish = Publish(artifact, registry);
        var tags = Processes.Run("skopeo", ["list-tags", "--tls-verify=false", $"docker://{registry.Host}/envs/math"], _env.Output);

        Assert.Equal(1, publish.ExitCode);
        Assert.Equal(["RLENV1802"], publish.Json().GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()));
        Assert.DoesNotContain("1.0.0", tags.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_blob_in_the_registry_storage_is_refused_and_nothing_is_extracted()
    {
        using var registry = new RegistryServer();
        var published = Publish(Pack("1.0.0"), registry);
        var blob = registry.BlobPath(published.Json().GetProperty("digest").GetString()!);
        var bytes = File.ReadAllBytes(blob);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(blob, bytes);

        var pull = Pull($"oci://{registry.Host}/envs/math:1.0.0", "pulled");

        Assert.Equal(1, pull.ExitCode);
        Assert.Contains(pull.Json().GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "RLENV2606");
        Assert.False(Directory.Exists(Path.Combine(_env.Output, "pulled")));
        Assert.DoesNotContain(Directory.EnumerateDirectories(_env.Output), d => Path.GetFileName(d).StartsWith(".rlenv-pull", StringComparison.Ordinal));
    }

    [Fact]
    public void Pull_refuses_a_folder_that_is_not_empty()
    {
        using var registry = new RegistryServer();
        Publish(Pack("1.0.0"), registry);
        var target = Path.Combine(_env.Output, "busy");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "keep.txt"), "mine");

        var pull = Pull($"oci://{registry.Host}/envs/math:1.0.0", "busy");

        Assert.Equal(1, pull.ExitCode);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName));
    }

    [Fact]
    public void Registry_that_is_down_gives_a_clear_error_and_exit_2()
    {
        var port = RegistryServer.FreePort();

        var publish = CliRun.Of("publish", Pack("1.0.0"), $"oci://127.0.0.1:{port}/envs/math", "--plain-http");

        Assert.Equal(2, publish.ExitCode);
        Assert.Contains("error RLENV2602: The registry at http://127.0.0.1:" + port + " cannot be reached", publish.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", publish.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Basic_auth_registry_needs_credentials_from_the_environment_and_never_prints_them()
    {
        using var registry = new RegistryServer("ci-bot", "s3cret-pass");
        var artifact = Pack("1.0.0");

        var anonymous = Publish(artifact, registry);
        var (authenticated, pulled) = WithCredentials("ci-bot", "s3cret-pass", () => (Publish(artifact, registry), Pull($"oci://{registry.Host}/envs/math:1.0.0", "pulled")));

        Assert.Equal(2, anonymous.ExitCode);
        Assert.Contains("authentication required", anonymous.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, authenticated.ExitCode);
        Assert.Equal(0, pulled.ExitCode);
        Assert.DoesNotContain("s3cret", anonymous.Stdout + authenticated.Stdout + pulled.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Bearer_token_registry_is_reached_through_the_token_server_with_the_credentials()
    {
        using var registry = new RegistryServer("ci-bot", "t0ken-pass", tokenAuth: true);
        var artifact = Pack("1.0.0");

        var anonymous = Publish(artifact, registry);
        var (published, pulled) = WithCredentials("ci-bot", "t0ken-pass", () => (Publish(artifact, registry), Pull($"oci://{registry.Host}/envs/math:latest", "pulled")));

        Assert.Equal(2, anonymous.ExitCode);
        Assert.True(published.ExitCode == 0, published.Stdout);
        Assert.Equal(0, pulled.ExitCode);
        Assert.True(registry.Tokens!.TokensIssued >= 2);
        Assert.DoesNotContain("t0ken", anonymous.Stdout + published.Stdout + pulled.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="action"/> with the registry credentials set in this process's environment, as CI sets them.</summary>
    private static T WithCredentials<T>(string user, string password, Func<T> action)
    {
        Environment.SetEnvironmentVariable("RLENV_REGISTRY_USERNAME", user);
        Environment.SetEnvironmentVariable("RLENV_REGISTRY_PASSWORD", password);
        try
        {
            return action();
        }
        finally
        {
            Environment.SetEnvironmentVariable("RLENV_REGISTRY_USERNAME", null);
            Environment.SetEnvironmentVariable("RLENV_REGISTRY_PASSWORD", null);
        }
    }

    public void Dispose() => _env.Dispose();
}

[CollectionDefinition(nameof(RegistryTests), DisableParallelization = true)]
public sealed class RegistryTestsRunAlone;
