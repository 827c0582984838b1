using System.IO.Abstractions;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using RlEnv.Cli.Tests.Support;
using RlEnv.Core.Packing;
using RlEnv.Core.Publishing;

namespace RlEnv.Cli.Tests;

/// <summary>
/// A malicious registry on 127.0.0.1 that points at a second origin on 127.0.0.2 (realms, upload
/// Locations, redirects), serves crafted documents, floods and stalls. Credentials must reach only the
/// registry's own origin, memory stays bounded, and a refused pull leaves nothing behind.
/// </summary>
public sealed class HostileRegistryTests : IDisposable
{
    private const string User = "ci-bot";
    private const string Password = "s3cret-pass";
    private static readonly string BasicHeader = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));

    private readonly TempEnvironment _env = new();
    private readonly CraftedServer _registry = new("127.0.0.1");
    private readonly CraftedServer _elsewhere = new("127.0.0.2");

    private OciRegistryClient Client(TimeSpan? idle = null) =>
        new(_registry.Host, new RegistryOptions { PlainHttp = true, IdleTimeout = idle ?? TimeSpan.FromSeconds(10) }, () => new RegistryCredentials(User, Password));

    private string Artifact() => CliRun.Of("pack", _env.Root, "-o", _env.Output, "--json").Json().GetProperty("artifact").GetString()!;

    private static string Manifest(string digest, long size) =>
        $$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[{"mediaType":"application/vnd.rlenv.environment.layer.v1.tar+gzip","digest":"{{digest}}","size":{{size}}}]}""";

    private static bool Authorized(HttpListenerContext context) => context.Request.Headers["Authorization"] is { } auth && (auth == BasicHeader || auth.StartsWith("Bearer ", StringComparison.Ordinal));

    private async Task<RegistryResult> PullAsync(OciRegistryClient client, string reference, string output) =>
        await new Puller(client, new FileSystem()).PullAsync(RegistryReference.Parse($"oci://{_registry.Host}/{reference}", out _)!, output, PackLimits.Hub, CancellationToken.None);

    private static void AssertNoCredentialsAt(CraftedServer server)
    {
        Assert.NotEmpty(server.Requests);
        Assert.All(server.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task Plain_http_realm_on_another_loopback_host_gets_no_credentials_and_is_asked_anonymously()
    {
        _elsewhere.Handler = c => CraftedServer.Answer(c, 200, "{\"token\":\"anonymous-token\"}");
        _registry.Handler = c => Authorized(c)
            ? CraftedServer.Answer(c, 200, "{\"name\":\"envs/math\",\"tags\":[\"1.0.0\"]}")
            : CraftedServer.Answer(c, 401, "{}", headers: new Dictionary<string, string> { ["WWW-Authenticate"] = $"Bearer realm=\"{_elsewhere.Origin}/token\",service=\"evil\"" });
        using var client = Client();

        var tags = await client.ListTagsAsync("envs/math", CancellationToken.None);

        Assert.Equal(["1.0.0"], tags);
        AssertNoCredentialsAt(_elsewhere);
        Assert.Equal(0, client.Auth.CredentialedTokenRequests);
        Assert.Contains(_registry.Requests, r => r.Authorization == "Bearer anonymous-token");
    }

    [Fact]
    public async Task Plain_http_realm_on_the_registrys_own_loopback_host_gets_the_credentials()
    {
        using var tokens = new CraftedServer("127.0.0.1") { Handler = c => CraftedServer.Answer(c, 200, "{\"access_token\":\"issued\",\"expires_in\":300}") };
        _registry.Handler = c => Authorized(c)
            ? CraftedServer.Answer(c, 200, "{\"name\":\"envs/math\",\"tags\":[]}")
            : CraftedServer.Answer(c, 401, "{}", headers: new Dictionary<string, string> { ["WWW-Authenticate"] = $"Bearer realm=\"{tokens.Origin}/token\",service=\"s\",scope=\"repository:envs/math:pull\"" });
        using var client = Client();

        await client.ListTagsAsync("envs/math", CancellationToken.None);

        Assert.Contains(tokens.Requests, r => r.Authorization == BasicHeader && r.Path.Contains("scope=repository%3Aenvs%2Fmath%3Apull", StringComparison.Ordinal));
        Assert.Equal(1, client.Auth.CredentialedTokenRequests);
    }

    [Fact]
    public async Task Upload_location_on_another_origin_receives_no_authorization()
    {
        var artifact = Artifact();
        _elsewhere.Handler = c => CraftedServer.Answer(c, 201, string.Empty);
        _registry.Handler = c =>
        {
            var path = c.Request.Url!.AbsolutePath;
            if (!Authorized(c))
            {
                return CraftedServer.Answer(c, 401, "{}", headers: new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"r\"" });
            }

            return c.Request.HttpMethod switch
            {
                "POST" => CraftedServer.Answer(c, 202, string.Empty, headers: new Dictionary<string, string> { ["Location"] = $"{_elsewhere.Origin}/upload/{Guid.NewGuid():N}" }),
                "PUT" => CraftedServer.Answer(c, 201, string.Empty),
                _ => CraftedServer.Answer(c, 404, "{}"),
            };
        };
        using var client = Client();

        var published = await new Publisher(client, new FileSystem()).PublishAsync(artifact, RegistryReference.Parse($"oci://{_registry.Host}/envs/math", out _)!, null, CancellationToken.None);

        Assert.True(published.Pushed, string.Join('\n', published.Diagnostics));
        AssertNoCredentialsAt(_elsewhere);
        Assert.Contains(_registry.Requests, r => r.Authorization == BasicHeader);
    }

    [Fact]
    public async Task Blob_redirect_to_another_origin_is_followed_without_authorization()
    {
        var artifact = await File.ReadAllBytesAsync(Artifact());
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(artifact));
        _elsewhere.Handler = c => CraftedServer.Answer(c, 200, artifact);
        _registry.Handler = c =>
        {
            var path = c.Request.Url!.AbsolutePath;
            if (!Authorized(c))
            {
                return CraftedServer.Answer(c, 401, "{}", headers: new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"r\"" });
            }

            return path.Contains("/manifests/", StringComparison.Ordinal) ? CraftedServer.Answer(c, 200, Manifest(digest, artifact.Length), "application/vnd.oci.image.manifest.v1+json")
                : path.Contains("/blobs/", StringComparison.Ordinal) ? CraftedServer.Answer(c, 307, string.Empty, headers: new Dictionary<string, string> { ["Location"] = $"{_elsewhere.Origin}/storage/blob" })
                : CraftedServer.Answer(c, 404, "{}");
        };
        using var client = Client();

        var pulled = await PullAsync(client, "envs/math:1.0.0", Path.Combine(_env.Output, "pulled"));

        Assert.NotNull(pulled.Output);
        AssertNoCredentialsAt(_elsewhere);
    }

    [Fact]
    public async Task Manifest_flood_is_refused_after_4_MiB_without_buffering_the_rest()
    {
        _registry.Handler = c => c.Request.Url!.AbsolutePath.Contains("/manifests/", StringComparison.Ordinal)
            ? _registry.Flood(c, 1L << 30, (byte)' ')
            : CraftedServer.Answer(c, 404, "{}");
        using var client = Client();

        var pulled = await PullAsync(client, "envs/math:1.0.0", Path.Combine(_env.Output, "pulled"));

        Assert.Contains(pulled.Diagnostics, d => d.Code == "RLENV2609");
        Assert.True(_registry.BytesSent < 64L << 20, $"the server got {_registry.BytesSent:N0} bytes out");
    }

    [Fact]
    public async Task Tag_list_flood_is_refused_after_4_MiB_without_buffering_the_rest()
    {
        _registry.Handler = c => _registry.Flood(c, 1L << 30, (byte)' ');
        using var client = Client();

        var pulled = await PullAsync(client, "envs/math:latest", Path.Combine(_env.Output, "pulled"));

        Assert.Contains(pulled.Diagnostics, d => d.Code == "RLENV2609");
        Assert.True(_registry.BytesSent < 64L << 20, $"the server got {_registry.BytesSent:N0} bytes out");
    }

    [Fact]
    public async Task Tag_list_is_read_page_by_page_through_the_link_header()
    {
        _registry.Handler = c =>
        {
            var query = c.Request.Url!.Query;
            return query.Contains("last=1.5.0", StringComparison.Ordinal) ? CraftedServer.Answer(c, 200, "{\"name\":\"envs/math\",\"tags\":[\"3.0.0\",\"not-semver\"]}")
                : query.Contains("last=1.0.0", StringComparison.Ordinal) ? CraftedServer.Answer(c, 200, "{\"name\":\"envs/math\",\"tags\":[\"1.5.0\"]}", headers: new Dictionary<string, string> { ["Link"] = "</v2/envs/math/tags/list?n=1000&last=1.5.0>; rel=\"next\"" })
                : CraftedServer.Answer(c, 200, "{\"name\":\"envs/math\",\"tags\":[\"1.0.0\"]}", headers: new Dictionary<string, string> { ["Link"] = "</v2/envs/math/tags/list?n=1000&last=1.0.0>; rel=\"next\"" });
        };
        using var client = Client();

        var tags = await client.ListTagsAsync("envs/math", CancellationToken.None);

        Assert.Equal(["1.0.0", "1.5.0", "3.0.0", "not-semver"], tags);
        Assert.Contains(_registry.Requests, r => r.Path.Contains("n=1000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"name\":\"envs/math\",\"tags\":[1,2]}")]
    [InlineData("{\"name\":\"envs/math\",\"tags\":[null]}")]
    [InlineData("[]")]
    [InlineData("not json")]
    public async Task Malformed_tag_list_is_an_rlenv_error(string body)
    {
        _registry.Handler = c => CraftedServer.Answer(c, 200, body);
        using var client = Client();

        var pulled = await PullAsync(client, "envs/math:latest", Path.Combine(_env.Output, "pulled"));

        Assert.Equal("RLENV2609", Assert.Single(pulled.Diagnostics).Code);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"schemaVersion\":2,\"layers\":[{\"digest\":\"sha256:00\",\"size\":1e23}]}")]
    [InlineData("{\"schemaVersion\":2,\"layers\":[{\"digest\":\"sha256:00\",\"size\":\"12\"}]}")]
    [InlineData("{\"schemaVersion\":2,\"manifests\":[]}")]
    public async Task Malformed_manifest_is_an_rlenv_error(string manifest)
    {
        _registry.Handler = c => CraftedServer.Answer(c, 200, manifest, "application/vnd.oci.image.manifest.v1+json");
        using var client = Client();

        var pulled = await PullAsync(client, "envs/math:1.0.0", Path.Combine(_env.Output, "pulled"));

        Assert.Equal("RLENV2609", Assert.Single(pulled.Diagnostics).Code);
    }

    [Fact]
    public async Task Layer_declared_over_the_compressed_cap_is_refused_before_any_download()
    {
        _registry.Handler = c => c.Request.Url!.AbsolutePath.Contains("/manifests/", StringComparison.Ordinal)
            ? CraftedServer.Answer(c, 200, Manifest("sha256:" + new string('a', 64), 5_000_000_000), "application/vnd.oci.image.manifest.v1+json")
            : _registry.Flood(c, 5_000_000_000, 0);
        using var client = Client();

        var pulled = await PullAsync(client, "envs/math:1.0.0", Path.Combine(_env.Output, "pulled"));

        Assert.Contains(pulled.Diagnostics, d => d.Code == "RLENV2607" && d.Message.Contains("nothing was downloaded", StringComparison.Ordinal));
        Assert.DoesNotContain(_registry.Requests, r => r.Path.Contains("/blobs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stalled_blob_fails_on_the_idle_timeout_and_a_refused_pull_leaves_no_folder_it_created()
    {
        _registry.Handler = c => c.Request.Url!.AbsolutePath.Contains("/manifests/", StringComparison.Ordinal)
            ? CraftedServer.Answer(c, 200, Manifest("sha256:" + new string('b', 64), 1000), "application/vnd.oci.image.manifest.v1+json")
            : _registry.Stall(c, 1000);
        using var client = Client(idle: TimeSpan.FromSeconds(1));
        var target = Path.Combine(_env.Output, "new", "deeper", "pulled");
        Directory.CreateDirectory(_env.Output);

        var pulled = await PullAsync(client, "envs/math:1.0.0", target);

        Assert.Contains(pulled.Diagnostics, d => d.Code == "RLENV2602" && d.Message.Contains("stopped sending", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_env.Output, "new")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_env.Output));
    }

    [Fact]
    public async Task A_users_cancel_is_a_cancel_not_an_unreachable_registry()
    {
        _registry.Handler = c => _registry.Stall(c, 1000);
        using var client = Client(idle: TimeSpan.FromMinutes(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListTagsAsync("envs/math", cancel.Token));
    }

    [Fact]
    public async Task Registry_that_stores_other_bytes_than_were_sent_is_not_reported_as_published()
    {
        var artifact = Artifact();
        _registry.Handler = c => c.Request.HttpMethod switch
        {
            "POST" => CraftedServer.Answer(c, 202, string.Empty, headers: new Dictionary<string, string> { ["Location"] = "/v2/envs/math/blobs/uploads/1" }),
            "PUT" => CraftedServer.Answer(c, 201, string.Empty, headers: new Dictionary<string, string> { ["Docker-Content-Digest"] = "sha256:" + new string('0', 64) }),
            _ => CraftedServer.Answer(c, 404, "{}"),
        };
        using var client = Client();

        var published = await new Publisher(client, new FileSystem()).PublishAsync(artifact, RegistryReference.Parse($"oci://{_registry.Host}/envs/math", out _)!, null, CancellationToken.None);

        Assert.False(published.Pushed);
        Assert.Contains(published.Diagnostics, d => d.Code == "RLENV2611");
    }

    [Theory]
    [InlineData("{\"token\":\"\"}")]
    [InlineData("{\"token\":42}")]
    [InlineData("<html>")]
    public async Task Bad_token_answer_is_an_auth_error(string answer)
    {
        using var tokens = new CraftedServer("127.0.0.1") { Handler = c => CraftedServer.Answer(c, 200, answer) };
        _registry.Handler = c => CraftedServer.Answer(c, 401, "{}", headers: new Dictionary<string, string> { ["WWW-Authenticate"] = $"Bearer realm=\"{tokens.Origin}/token\"" });
        using var client = Client();

        var pulled = await PullAsync(client, "envs/math:latest", Path.Combine(_env.Output, "pulled"));

        Assert.Equal("RLENV2610", Assert.Single(pulled.Diagnostics).Code);
    }

    [Fact]
    public void Plain_http_to_a_host_that_is_not_loopback_is_refused_unless_opted_in()
    {
        var refused = CliRun.Of("pull", "oci://registry.example/envs/math:1.0.0", "--plain-http", "-o", Path.Combine(_env.Output, "p"), "--json");

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("RLENV2601", refused.Json().GetProperty("diagnostics")[0].GetProperty("code").GetString());
        Assert.Null(new RegistryOptions { PlainHttp = true, AllowInsecureHttp = true }.Check(RegistryReference.Parse("oci://registry.example/envs/math", out _)!));
        Assert.Null(new RegistryOptions { PlainHttp = true }.Check(RegistryReference.Parse("oci://localhost:5000/envs/math", out _)!));
    }

    [Fact]
    public void Credentials_in_a_reference_are_refused_and_never_printed()
    {
        var run = CliRun.Of("pull", $"oci://robot:hunter2pass@{_registry.Host}/envs/math:1.0.0", "--plain-http", "-o", Path.Combine(_env.Output, "p"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("RLENV2601", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2pass", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_registry.Requests);
    }

    [Theory]
    [InlineData("oci://127.0.0.1:99999/envs/math")]
    [InlineData("oci://127.0.0.1:0/envs/math")]
    [InlineData("oci://exa mple/envs/math")]
    public void Unusable_host_or_port_is_a_usage_error_with_one_json_object(string reference)
    {
        var run = CliRun.Of("pull", reference + ":1.0.0", "-o", Path.Combine(_env.Output, "p"), "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("RLENV2601", run.Json().GetProperty("diagnostics")[0].GetProperty("code").GetString());
    }

    public void Dispose()
    {
        _registry.Dispose();
        _elsewhere.Dispose();
        _env.Dispose();
    }
}
