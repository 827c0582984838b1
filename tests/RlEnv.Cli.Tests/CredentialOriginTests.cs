using System.IO.Abstractions;
using System.Net;
using RlEnv.Cli.Tests.Support;
using RlEnv.Core.Publishing;

namespace RlEnv.Cli.Tests;

/// <summary>
/// The HTTPS cases a loopback test server cannot play: the handler's rules are checked against a
/// transport that records what would have gone over the network.
/// </summary>
public sealed class CredentialOriginTests
{
    private static readonly RegistryOrigin Https = new("https", "registry.example", 443);

    [Theory]
    [InlineData("https://auth.example/token", "https", "registry.example", true)]
    [InlineData("http://auth.example/token", "https", "registry.example", false)]
    [InlineData("http://127.0.0.1:9000/token", "http", "127.0.0.1", true)]
    [InlineData("http://127.0.0.2:9000/token", "http", "127.0.0.1", false)]
    [InlineData("http://localhost:9000/token", "http", "registry.example", false)]
    [InlineData("http://10.0.0.1/token", "http", "10.0.0.1", false)]
    public void Realm_gets_credentials_only_over_https_or_on_the_registrys_own_loopback_host(string realm, string scheme, string host, bool expected) =>
        Assert.Equal(expected, RegistryAuthHandler.MayReceiveCredentials(new Uri(realm), new RegistryOrigin(scheme, host, 443)));

    [Fact]
    public async Task Https_registry_naming_a_plain_http_realm_gets_nothing_sent_to_the_realm()
    {
        var transport = new RecordingTransport(request => request.RequestUri!.Host == "registry.example"
            ? Challenge("Bearer realm=\"http://auth.example/token\"")
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"token\":\"t\"}") });
        using var client = new OciRegistryClient("registry.example", RegistryOptions.Default, () => new RegistryCredentials("u", "p"), transport);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.ListTagsAsync("envs/math", CancellationToken.None));

        Assert.Equal("RLENV2610", error.Diagnostic.Code);
        Assert.DoesNotContain(transport.Sent, r => r.Host == "auth.example");
    }

    [Fact]
    public async Task Redirect_from_https_to_http_is_refused()
    {
        var transport = new RecordingTransport(request => request.RequestUri!.Scheme == "https"
            ? new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("http://storage.example/blob") } }
            : new HttpResponseMessage(HttpStatusCode.OK));
        using var client = new OciRegistryClient("registry.example", RegistryOptions.Default, () => null, transport);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.OpenBlobAsync("envs/math", "sha256:" + new string('a', 64), CancellationToken.None));

        Assert.Equal("RLENV2603", error.Diagnostic.Code);
        Assert.DoesNotContain(transport.Sent, r => r.Scheme == "http");
    }

    [Fact]
    public async Task Token_is_reused_until_it_expires_and_sent_only_to_the_registry()
    {
        var transport = new RecordingTransport(request => request.RequestUri!.Host == "auth.example"
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"token\":\"t1\",\"expires_in\":300}") }
            : request.Headers.Authorization?.ToString() == "Bearer t1"
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"tags\":[]}") }
                : Challenge("Bearer realm=\"https://auth.example/token\",service=\"registry\""));
        using var client = new OciRegistryClient("registry.example", RegistryOptions.Default, () => new RegistryCredentials("u", "p"), transport);

        await client.ListTagsAsync("envs/a", CancellationToken.None);
        await client.ListTagsAsync("envs/b", CancellationToken.None);

        Assert.Equal(1, transport.Sent.Count(r => r.Host == "auth.example"));
        Assert.Equal(1, client.Auth.CredentialedTokenRequests);
    }

    [Fact]
    public async Task Publish_with_a_source_date_epoch_past_year_9999_is_an_rlenv_error_not_a_crash()
    {
        using var env = new TempEnvironment();
        var artifact = CliRun.Of("pack", env.Root, "-o", env.Output, "--json").Json().GetProperty("artifact").GetString()!;
        using var store = new FolderRegistry(new FileSystem(), Path.Combine(env.Output, "registry"));

        var published = await new Publisher(store, new FileSystem()).PublishAsync(artifact, RegistryReference.Parse("file:///tmp/x/envs", out _)!, "253402300800", CancellationToken.None);

        Assert.Equal("RLENV1703", Assert.Single(published.Diagnostics).Code);
    }

    [Fact]
    public async Task Malformed_folder_registry_index_is_an_rlenv_error_and_is_left_as_it_was()
    {
        using var env = new TempEnvironment();
        var artifact = CliRun.Of("pack", env.Root, "-o", env.Output, "--json").Json().GetProperty("artifact").GetString()!;
        var root = Path.Combine(env.Output, "registry");
        Directory.CreateDirectory(Path.Combine(root, "envs"));
        File.WriteAllText(Path.Combine(root, "envs", "index.json"), "{\"manifests\": 7}");
        using var store = new FolderRegistry(new FileSystem(), root);

        var published = await new Publisher(store, new FileSystem()).PublishAsync(artifact, RegistryReference.Parse($"file://{root}/envs", out _)!, null, CancellationToken.None);

        Assert.Equal("RLENV2609", Assert.Single(published.Diagnostics).Code);
        Assert.Equal("{\"manifests\": 7}", File.ReadAllText(Path.Combine(root, "envs", "index.json")));
    }

    private static HttpResponseMessage Challenge(string header)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", header);
        return response;
    }

    private sealed class RecordingTransport(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<Uri> Sent { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent.Add(request.RequestUri!);
            var response = answer(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
