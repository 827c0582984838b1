using System.IO.Abstractions;
using RlEnv.Cli.Tests.Support;
using RlEnv.Core.Packing;
using RlEnv.Core.Publishing;

namespace RlEnv.Cli.Tests;

/// <summary>Chunked uploads, an upload cut off mid-blob, and interop with skopeo, against a real docker-registry.</summary>
[Collection(nameof(RegistryTests))]
public sealed class RegistryUploadTests : IDisposable
{
    private readonly TempEnvironment _env = new();

    private string PackWithNoise(int bytes)
    {
        var noise = new byte[bytes];
        new Random(42).NextBytes(noise);
        File.WriteAllBytes(Path.Combine(_env.Root, "dataset", "blob.bin"), noise);
        var run = CliRun.Of("pack", _env.Root, "-o", _env.Output, "--version", "1.0.0", "--json");
        Assert.Equal(0, run.ExitCode);
        return run.Json().GetProperty("artifact").GetString()!;
    }

    private static RegistryReference Reference(RegistryServer registry, string repository) =>
        RegistryReference.Parse($"oci://{registry.Host}/{repository}", out _)!;

    [Fact]
    public async Task Large_blob_goes_up_in_chunks_and_pulls_back_identical()
    {
        using var registry = new RegistryServer();
        var artifact = PackWithNoise(300_000);
        using var client = new OciRegistryClient(registry.Host, new RegistryOptions { PlainHttp = true }, () => null) { ChunkSize = 64 * 1024 };

        var published = await new Publisher(client, new FileSystem()).PublishAsync(artifact, Reference(registry, "envs/chunked"), null, CancellationToken.None);
        var pulled = await new Puller(client, new FileSystem()).PullAsync(Reference(registry, "envs/chunked") with { Version = "1.0.0" }, Path.Combine(_env.Output, "pulled"), PackLimits.Hub, CancellationToken.None);

        Assert.True(published.Pushed, string.Join('\n', published.Diagnostics));
        Assert.NotNull(pulled.Output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_env.Root, "dataset", "blob.bin")), File.ReadAllBytes(Path.Combine(pulled.Output!, "dataset", "blob.bin")));
    }

    [Fact]
    public async Task Upload_cut_off_mid_blob_publishes_nothing_and_the_next_publish_recovers()
    {
        using var registry = new RegistryServer();
        var artifact = PackWithNoise(300_000);
        var reference = Reference(registry, "envs/cut");
        using (var failing = new OciRegistryClient(registry.Host, new RegistryOptions { PlainHttp = true }, () => null, new CutOffAfterChunks(2)) { ChunkSize = 64 * 1024 })
        {
            var cut = await new Publisher(failing, new FileSystem()).PublishAsync(artifact, reference, null, CancellationToken.None);
            Assert.Contains(cut.Diagnostics, d => d.Code == "RLENV2602");
        }

        using var client = new OciRegistryClient(registry.Host, new RegistryOptions { PlainHttp = true }, () => null) { ChunkSize = 64 * 1024 };
        Assert.Empty(await client.ListTagsAsync("envs/cut", CancellationToken.None));
        var retried = await new Publisher(client, new FileSystem()).PublishAsync(artifact, reference, null, CancellationToken.None);

        Assert.True(retried.Pushed, string.Join('\n', retried.Diagnostics));
        Assert.Equal(["1.0.0"], await client.ListTagsAsync("envs/cut", CancellationToken.None));
    }

    [Fact]
    public void Skopeo_copies_what_rlenv_pushed_and_rlenv_pulls_what_skopeo_copied()
    {
        using var registry = new RegistryServer();
        var artifact = PackWithNoise(10_000);
        Assert.Equal(0, CliRun.Of("publish", artifact, $"oci://{registry.Host}/envs/source", "--plain-http").ExitCode);

        var copy = Processes.Run("skopeo", ["copy", "--preserve-digests", "--src-tls-verify=false", "--dest-tls-verify=false",
            $"docker://{registry.Host}/envs/source:1.0.0", $"docker://{registry.Host}/envs/copied:1.0.0"], _env.Output);
        var pull = CliRun.Of("pull", $"oci://{registry.Host}/envs/copied:latest", "-o", Path.Combine(_env.Output, "from-skopeo"), "--plain-http");

        Assert.True(copy.ExitCode == 0, copy.Stderr);
        Assert.Equal(0, pull.ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_env.Root, "dataset", "blob.bin")), File.ReadAllBytes(Path.Combine(_env.Output, "from-skopeo", "dataset", "blob.bin")));
    }

    public void Dispose() => _env.Dispose();

    /// <summary>Lets the first PATCH requests through, then drops the connection, as a network cut mid-upload would.</summary>
    private sealed class CutOffAfterChunks(int allowed) : DelegatingHandler(new HttpClientHandler())
    {
        private int _patches;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Patch && Interlocked.Increment(ref _patches) > allowed
                ? throw new HttpRequestException("connection reset mid-blob (injected)")
                : base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Retries and credentials, against the real registry.</summary>
[Collection(nameof(RegistryTests))]
public sealed class RegistryResilienceTests : IDisposable
{
    private readonly TempEnvironment _env = new();

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_and_the_publish_succeeds()
    {
        using var registry = new RegistryServer();
        var artifact = CliRun.Of("pack", _env.Root, "-o", _env.Output, "--json").Json().GetProperty("artifact").GetString()!;
        var flaky = new FailFirst(2);
        using var client = new OciRegistryClient(registry.Host, new RegistryOptions { PlainHttp = true }, () => null, flaky);

        var published = await new Publisher(client, new FileSystem()).PublishAsync(artifact, RegistryReference.Parse($"oci://{registry.Host}/envs/flaky", out _)!, null, CancellationToken.None);

        Assert.True(published.Pushed, string.Join('\n', published.Diagnostics));
        Assert.Equal(2, flaky.Failed);
    }

    [Fact]
    public void Credentials_come_from_the_environment_first_then_a_docker_config_json()
    {
        var folder = Path.Combine(_env.Output, "docker");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), "{\"auths\":{\"https://registry.example:5000\":{\"auth\":\"" + Convert.ToBase64String("robot:from-config"u8.ToArray()) + "\"}}}");
        var variables = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = folder };

        var fromConfig = RegistryCredentials.Find("registry.example:5000", k => variables.GetValueOrDefault(k), new FileSystem());
        variables["RLENV_REGISTRY_USERNAME"] = "ci";
        variables["RLENV_REGISTRY_PASSWORD"] = "from-env";
        var fromEnvironment = RegistryCredentials.Find("registry.example:5000", k => variables.GetValueOrDefault(k), new FileSystem());

        Assert.Equal(new RegistryCredentials("robot", "from-config"), fromConfig);
        Assert.Equal(new RegistryCredentials("ci", "from-env"), fromEnvironment);
        Assert.DoesNotContain("from-env", fromEnvironment!.ToString(), StringComparison.Ordinal);
        Assert.Null(RegistryCredentials.Find("other.example", k => k == "DOCKER_CONFIG" ? folder : null, new FileSystem()));
    }

    public void Dispose() => _env.Dispose();

    /// <summary>Answers the first requests with 503, as an overloaded registry or proxy does.</summary>
    private sealed class FailFirst(int count) : DelegatingHandler(new HttpClientHandler())
    {
        public int Failed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Failed < count)
            {
                Failed++;
                return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
