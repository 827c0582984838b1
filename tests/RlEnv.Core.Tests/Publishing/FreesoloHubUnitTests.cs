using System.IO.Abstractions.TestingHelpers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Inspecting;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Publishing;
using RlEnv.Core.Publishing.Freesolo;

namespace RlEnv.Core.Tests.Publishing;

/// <summary>The pieces of a Freesolo hub publish that need no server: destination, names, Flash's config, the URL, the key's origin, the body, the package rules.</summary>
public class FreesoloHubUnitTests
{
    private const string Project = "11111111-1111-4111-8111-111111111111";

    [Theory]
    [InlineData("freesolo://11111111-1111-4111-8111-111111111111", null)]
    [InlineData("freesolo://11111111-1111-4111-8111-111111111111/", null)]
    [InlineData("FREESOLO://11111111111141118111111111111111/math", "math")]
    [InlineData("freesolo://{11111111-1111-4111-8111-111111111111}/math-env_2", "math-env_2")]
    [InlineData("freesolo://urn:uuid:11111111-1111-4111-8111-111111111111/m.v", "m.v")]
    public void A_destination_takes_every_project_spelling_flash_takes_and_sends_it_canonical(string text, string? name)
    {
        var destination = FreesoloDestination.Parse(text, out var error);

        Assert.Null(error);
        Assert.Equal((Project, name), (destination!.ProjectId, destination.Name));
    }

    [Theory]
    [InlineData("freesolo://", "names no project")]
    [InlineData("freesolo://not-a-uuid/math", "not a project UUID")]
    [InlineData("freesolo://11111111-1111-4111-8111-111111111111/Math", "as 'math'")]
    [InlineData("freesolo://11111111-1111-4111-8111-111111111111/acme/proj/math", "not one name")]
    [InlineData("freesolo://11111111-1111-4111-8111-111111111111/---", "no letter or digit")]
    [InlineData("freesolo://key@11111111-1111-4111-8111-111111111111", "'@' has no place")]
    [InlineData("freesolo://11111111-1111-4111-8111-111111111111/math?x=1", "'?' has no place")]
    [InlineData("oci://r.example/math", "not a freesolo://")]
    public void A_destination_the_hub_would_read_otherwise_is_refused_with_the_reason(string text, string reason)
    {
        Assert.Null(FreesoloDestination.Parse(text, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("math", "1.2.0", "math-1.2.0")]
    [InlineData("math", "2.0.0-RC.1", "math-2.0.0-rc.1")]
    [InlineData("math", "1.0.0+build.5", "math-1.0.0-build.5")]
    [InlineData("my_env", "0.1.0-alpha+sha.ABC", "my_env-0.1.0-alpha-sha.abc")]
    public void The_versioned_name_is_name_dash_version_as_the_hub_normalizes_it(string name, string version, string expected) =>
        Assert.Equal(expected, FreesoloHubName.Versioned(name, version));

    [Fact]
    public void Hub_name_normalization_agrees_with_flash_normalize_env_name_segment_run_by_python()
    {
        string[] inputs = ["Math Env", "--a--", "..", ".", "a..b", "ÄBC", "\u212Aelvin", "\u0130stanbul", "x\u00a0y", "🙂emoji", "UPPER_case-1.0", "___", "a/b", "  spaced  ", "日本"];
        const string Mirror = """
            import json, re, sys
            def norm(v):
                s = re.sub(r"[^a-z0-9._-]+", "-", str(v or "").lower()).strip("-")
                return None if s in {"", ".", ".."} or not re.search(r"[a-z0-9]", s) else s
            print(json.dumps([norm(v) for v in json.loads(sys.stdin.read())]))
            """;
        var expected = System.Text.Json.JsonSerializer.Deserialize<string?[]>(PythonJson(Mirror, System.Text.Json.JsonSerializer.Serialize(inputs)));

        Assert.Equal(expected, inputs.Select(FreesoloHubName.Normalize).ToArray());
    }

    [Fact]
    public void Flash_config_resolution_prefers_the_variables_then_config_json_then_the_public_plane()
    {
        var fs = new MockFileSystem();
        fs.AddFile("/home/u/.flash/config.json", new MockFileData("""{"api_url": "https://plane.example/", "api_key": "saved"}"""));
        Dictionary<string, string?> env = [];

        var saved = FreesoloClientConfig.Resolve(env.GetValueOrDefault, fs, "/home/u");
        env["FREESOLO_API_KEY"] = "from-env";
        env["FLASH_API_URL"] = "http://127.0.0.1:9/";
        var overridden = FreesoloClientConfig.Resolve(env.GetValueOrDefault, fs, "/home/u");
        env["FREESOLO_API_KEY"] = string.Empty;
        var emptyVariable = FreesoloClientConfig.Resolve(env.GetValueOrDefault, fs, "/home/u");
        var nothing = FreesoloClientConfig.Resolve(new Dictionary<string, string?>().GetValueOrDefault, new MockFileSystem(), "/home/u");

        Assert.Equal(("https://plane.example", "saved", "/home/u/.flash/config.json"), (saved.ApiUrl, saved.ApiKey, saved.KeySource));
        Assert.Equal(("http://127.0.0.1:9", "from-env", "FREESOLO_API_KEY", true), (overridden.ApiUrl, overridden.ApiKey, overridden.KeySource, overridden.ConfigHoldsKey));
        Assert.Equal(("saved", "/home/u/.flash/config.json"), (emptyVariable.ApiKey, emptyVariable.KeySource));
        Assert.Equal(("https://flash.freesolo.co", null, null), (nothing.ApiUrl, nothing.ApiKey, nothing.KeySource));
    }

    [Theory]
    [InlineData("[\"api_key\", \"k\"]")]
    [InlineData("{\"api_key\": 42}")]
    [InlineData("{\"api_key\": \"\"}")]
    [InlineData("not json")]
    [InlineData("\uFEFF{\"api_key\": \"k\"}")]
    public void A_config_json_flash_reads_as_empty_gives_no_key(string content)
    {
        var fs = new MockFileSystem();
        fs.AddFile("/d/config.json", new MockFileData(Encoding.UTF8.GetBytes(content)));

        var credentials = FreesoloClientConfig.Resolve(new Dictionary<string, string?> { ["FLASH_DATA_DIR"] = "/d" }.GetValueOrDefault, fs, "/home/u");

        Assert.Null(credentials.ApiKey);
    }

    [Theory]
    [InlineData("  /data/flash  ", "/data/flash/config.json")]
    [InlineData("~/alt", "/home/u/alt/config.json")]
    [InlineData("~", "/home/u/config.json")]
    [InlineData("", "/home/u/.flash/config.json")]
    public void FLASH_DATA_DIR_is_stripped_and_expanded_as_flash_data_dir_does(string value, string expected) =>
        Assert.Equal(expected, FreesoloClientConfig.ConfigPath(new Dictionary<string, string?> { ["FLASH_DATA_DIR"] = value }.GetValueOrDefault, new MockFileSystem(), "/home/u"));

    [Theory]
    [InlineData("https://flash.freesolo.co", false, "https://flash.freesolo.co/v1/envs")]
    [InlineData("https://proxy.example/flash", false, "https://proxy.example/flash/v1/envs")]
    [InlineData("http://127.0.0.1:8123", false, "http://127.0.0.1:8123/v1/envs")]
    [InlineData("http://localhost:8123", false, "http://localhost:8123/v1/envs")]
    [InlineData("http://plane.internal", true, "http://plane.internal/v1/envs")]
    public void The_publish_route_is_the_base_url_plus_v1_envs(string url, bool insecure, string expected)
    {
        var endpoint = FreesoloHubEndpoint.Parse(url, insecure, out var error);

        Assert.Null(error);
        Assert.Equal(expected, endpoint!.Publish.ToString());
    }

    [Theory]
    [InlineData("http://plane.internal", "plain HTTP")]
    [InlineData("https://user:pw@plane.example", "user name or password")]
    [InlineData("https://plane.example/?a=1", "query")]
    [InlineData("ftp://plane.example", "not an http")]
    [InlineData("plane.example", "not an http")]
    public void A_base_url_that_would_expose_the_key_or_cannot_take_the_route_is_refused(string url, string reason)
    {
        Assert.Null(FreesoloHubEndpoint.Parse(url, allowInsecureHttp: false, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_goes_to_the_control_planes_origin_only_whatever_the_caller_set()
    {
        var recorder = new RecordingHandler();
        using var auth = new FreesoloHubAuthHandler(RegistryOrigin.Of(new Uri("https://plane.example")), "the-key", recorder);
        using var http = new HttpClient(auth);

        await http.GetAsync("https://plane.example/v1/me");
        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, "https://plane.example:8443/v1/me");
        elsewhere.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "the-key");
        await http.SendAsync(elsewhere);
        await http.GetAsync("http://plane.example/v1/me");
        await http.GetAsync("https://evil.example/v1/me");

        Assert.Equal(["Bearer the-key", null, null, null], recorder.Authorizations);
        Assert.Equal(1, auth.KeyedRequests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(3 * 256 * 1024)]
    [InlineData(3 * 256 * 1024 + 1)]
    [InlineData(2 * 3 * 256 * 1024 + 2)]
    public async Task The_body_is_byte_for_byte_what_flash_json_dumps_sends(int size)
    {
        var package = RandomNumberGenerator.GetBytes(size);
        using var body = NewBody(package, Convert.ToHexStringLower(SHA256.HashData(package)));
        using var sent = new MemoryStream();

        await body.CopyToAsync(sent);

        const string FlashBody = """
            import base64, json, sys
            data = sys.stdin.buffer.read()
            sys.stdout.write(json.dumps({"name": "math-1.2.0", "package_b64": base64.b64encode(data).decode(), "project_id": "11111111-1111-4111-8111-111111111111"}))
            """;
        Assert.Equal(Python(FlashBody, package), sent.ToArray());
        Assert.Equal(sent.Length, body.Headers.ContentLength);
    }

    [Fact]
    public async Task An_artifact_that_changed_after_the_check_never_goes_up_as_a_complete_body()
    {
        var package = RandomNumberGenerator.GetBytes(10_000);
        using var body = NewBody(package, new string('0', 64));
        using var sent = new MemoryStream();

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => body.CopyToAsync(sent));

        Assert.IsType<FreesoloPublishBody.ArtifactChangedException>(thrown.InnerException);
        Assert.True(sent.Length < body.Headers.ContentLength);
        Assert.DoesNotContain("project_id", Encoding.UTF8.GetString(sent.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_package_rules_refuse_what_publish_package_and_its_download_refuse()
    {
        var bag = new DiagnosticBag();
        List<InspectedMember> members =
        [
            File("README.md", 10), File(".github/workflows/ci.yml", 5), File(".github/x", 5), File("source/a.py", 1), File(".git/config", 1),
            File("Source/ok.py", 1), File("dataset/big.bin", 100 * 1024 * 1024 + 1), File("sub/environment.py", 3),
        ];

        FreesoloHubPackageRules.Check("a.tar.gz", members, 100 * 1024 * 1024, 5000, bag);
        var codes = bag.ToSortedList().Select(d => d.Code).ToList();

        Assert.Equal(3, codes.Count(c => c == "RLENV2625"));
        Assert.Single(codes, "RLENV2626");
        Assert.Single(codes, "RLENV1609");
        Assert.Equal(5, codes.Count);
    }

    [Fact]
    public void Files_in_their_own_folders_over_the_member_cap_cannot_be_served_back_so_they_are_refused()
    {
        var bag = new DiagnosticBag();
        var members = Enumerable.Range(0, 2500).Select(i => File($"d{i}/f.txt", 1)).Append(File("environment.py", 1)).ToList();

        FreesoloHubPackageRules.Check("a.tar.gz", members, long.MaxValue, 5000, bag);

        Assert.Equal("RLENV2627", Assert.Single(bag.ToSortedList()).Code);
        Assert.Contains("5,001", bag.ToSortedList()[0].Message, StringComparison.Ordinal);
    }

    private static InspectedMember File(string path, long size) => new(path, "file", size, "0644", 0, 0, DateTimeOffset.UnixEpoch, new string('0', 64));

    private static FreesoloPublishBody NewBody(byte[] package, string sha256) => new("math-1.2.0", Project, () => new MemoryStream(package), package.Length, sha256);

    private static byte[] Python(string script, byte[] input)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3", ["-c", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        reading.GetAwaiter().GetResult();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.ToArray();
    }

    private static string PythonJson(string script, string input) => Encoding.UTF8.GetString(Python(script, Encoding.UTF8.GetBytes(input))).Trim();

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<string?> Authorizations { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorizations.Add(request.Headers.Authorization?.ToString());
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
