using System.Formats.Tar;
using System.Text.Json;
using System.Text.Json.Nodes;
using RlEnv.Cli.Tests.Support;
using RlEnv.Core.Publishing.Freesolo;
using Member = RlEnv.Cli.Tests.Support.CraftedArtifact.Member;

namespace RlEnv.Cli.Tests;

/// <summary>`rlenv publish ARTIFACT freesolo://...` against the stand-in control plane: a real HTTP server on loopback.</summary>
public sealed class FreesoloPublishTests : IDisposable
{
    private const string Destination = "freesolo://" + FlashHubStandIn.Project;
    private readonly TempEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    private string Pack(string version = "1.2.0", params string[] extra)
    {
        var run = CliRun.Of(["pack", _env.Root, "-o", _env.Output, "--version", version, "--json", .. extra]);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        return run.Json().GetProperty("artifact").GetString()!;
    }

    private static CliRun Publish(FlashHubStandIn hub, string artifact, string destination = Destination, string? key = FlashHubStandIn.Key, params string[] extra) =>
        CliRun.WithEnvironment(hub.Environment(key), ["publish", artifact, destination, "--json", .. extra]);

    private static List<string> Codes(CliRun run) => [.. run.Json().GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()!)];

    private static void Outcome(CliRun run, int exit, string code)
    {
        Assert.True(run.ExitCode == exit, run.Stdout + run.Stderr);
        Assert.Equal([code], Codes(run));
    }

    private static int Posts(FlashHubStandIn hub) => hub.State().GetProperty("requests").EnumerateArray().Count(r => r.GetProperty("method").GetString() == "POST");

    [Fact]
    public void Publish_sends_the_artifact_under_name_dash_version_and_prints_the_hub_id_and_the_config_snippet()
    {
        using var hub = new FlashHubStandIn();
        var artifact = Pack();

        var json = Publish(hub, artifact);
        var human = CliRun.WithEnvironment(hub.Environment(), "publish", artifact, Destination);

        Assert.Equal(0, json.ExitCode);
        var result = json.Json();
        Assert.Equal("acme/math-project/my-env-1.2.0", result.GetProperty("id").GetString());
        Assert.Equal("my-env-1.2.0", result.GetProperty("name").GetString());
        Assert.Equal(FlashHubStandIn.Project, result.GetProperty("project").GetString());
        Assert.True(result.GetProperty("pushed").GetBoolean());
        Assert.Equal("FREESOLO_API_KEY", result.GetProperty("keySource").GetString());
        Assert.Equal("[environment]\nid = \"acme/math-project/my-env-1.2.0\"", result.GetProperty("config").GetString());
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("published acme/math-project/my-env-1.2.0", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("  [environment]\n  id = \"acme/math-project/my-env-1.2.0\"", human.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        // What the hub holds is the artifact's content, environment.py at its root.
        var files = hub.State().GetProperty("files").GetProperty("acme/math-project/my-env-1.2.0").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Equal(["README.md", "dataset/train.jsonl", "environment.py"], files);
    }

    [Fact]
    public void An_identical_republish_succeeds_and_makes_no_new_commit_while_new_content_under_the_same_version_overwrites()
    {
        using var hub = new FlashHubStandIn();
        var artifact = Pack();

        var first = Publish(hub, artifact);
        var again = Publish(hub, artifact);
        _env.Write("dataset/train.jsonl", "{\"input\":\"What is 3 + 3?\",\"output\":\"6\"}\n");
        var changed = Publish(hub, Pack());

        Assert.Equal((0, 0, 0), (first.ExitCode, again.ExitCode, changed.ExitCode));
        Assert.Equal(first.Json().GetProperty("id").GetString(), again.Json().GetProperty("id").GetString());
        var state = hub.State();
        Assert.Equal(3, state.GetProperty("publishes").GetInt32());
        Assert.Equal(2, hub.Commits("acme/math-project/my-env-1.2.0"));
    }

    [Fact]
    public void Bare_name_publishes_without_the_version_and_says_it_overwrites()
    {
        using var hub = new FlashHubStandIn();

        var run = Publish(hub, Pack(), Destination + "/math", FlashHubStandIn.Key, "--bare-name");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("acme/math-project/math", run.Json().GetProperty("id").GetString());
        var info = Assert.Single(run.Json().GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(("RLENV2635", "info"), (info.GetProperty("code").GetString(), info.GetProperty("severity").GetString()));
        Assert.Contains("overwrites", info.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_key_fails_before_the_upload_naming_where_the_key_came_from_and_never_the_key()
    {
        using var hub = new FlashHubStandIn();
        const string Wrong = "wrong-key-0123456789";

        var run = Publish(hub, Pack(), Destination, Wrong);
        var human = CliRun.WithEnvironment(hub.Environment(Wrong), "publish", Pack(), Destination);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["RLENV2629"], Codes(run));
        Assert.Contains("FREESOLO_API_KEY", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(hub.Url, run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, run.Stdout + run.Stderr + human.Stdout + human.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, Posts(hub));
    }

    [Fact]
    public void A_key_saved_by_flash_login_is_used_and_named_by_its_file_when_refused()
    {
        using var hub = new FlashHubStandIn();
        var environment = hub.Environment(key: null);
        var config = Path.Combine(environment["FLASH_DATA_DIR"]!, "config.json");
        File.WriteAllText(config, $$"""{"api_key": "{{FlashHubStandIn.Key}}", "api_url": "http://unused.example"}""");

        var saved = CliRun.WithEnvironment(environment, "publish", Pack(), Destination, "--json");
        File.WriteAllText(config, """{"api_key": "stale-saved-key"}""");
        var stale = CliRun.WithEnvironment(environment, "publish", Pack(), Destination, "--json");

        Assert.Equal(0, saved.ExitCode);
        Assert.Equal(config, saved.Json().GetProperty("keySource").GetString());
        Assert.Equal(2, stale.ExitCode);
        Assert.Contains(config, stale.Json().GetProperty("diagnostics")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("stale-saved-key", stale.Stdout + stale.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_of_another_organization_is_refused_naming_the_project_the_key_source_and_the_keys_organization()
    {
        using var hub = new FlashHubStandIn();

        var run = Publish(hub, Pack(), "freesolo://" + FlashHubStandIn.OtherProject);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["RLENV2630"], Codes(run));
        var message = run.Json().GetProperty("diagnostics")[0].GetProperty("message").GetString()!;
        Assert.Contains(FlashHubStandIn.OtherProject, message, StringComparison.Ordinal);
        Assert.Contains("FREESOLO_API_KEY", message, StringComparison.Ordinal);
        Assert.Contains("organization 'acme'", message, StringComparison.Ordinal);
        Assert.Contains("does not belong to the authenticated organization", message, StringComparison.Ordinal);
        Assert.DoesNotContain(FlashHubStandIn.Key, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, hub.Commits("globex/other/my-env-1.2.0"));
    }

    [Fact]
    public void A_server_that_drops_the_connection_mid_upload_is_a_clean_failure_and_nothing_is_published()
    {
        using var hub = new FlashHubStandIn(behaviour: new JsonObject { ["drop_after"] = 256 * 1024 });
        File.WriteAllBytes(Path.Combine(_env.Root, "dataset", "blob.bin"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(4 * 1024 * 1024));
        var artifact = Pack();

        var run = Publish(hub, artifact);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["RLENV2628"], Codes(run));
        Assert.Contains("nothing was published", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, hub.State().GetProperty("publishes").GetInt32());
    }

    [Fact]
    public void A_502_association_failure_is_retried_as_the_hub_asks_and_then_succeeds()
    {
        using var hub = new FlashHubStandIn(behaviour: new JsonObject { ["association_failures"] = 1 });

        var run = Publish(hub, Pack());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Json().GetProperty("attempts").GetInt32());
        var retry = Assert.Single(run.Json().GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(("RLENV2633", "info"), (retry.GetProperty("code").GetString(), retry.GetProperty("severity").GetString()));
        Assert.Equal(2, hub.State().GetProperty("publishes").GetInt32());
        Assert.Equal(1, hub.Commits("acme/math-project/my-env-1.2.0"));
    }

    [Fact]
    public async Task An_association_that_is_never_recorded_fails_after_three_attempts()
    {
        using var hub = new FlashHubStandIn(behaviour: new JsonObject { ["association_failures"] = 5 });
        var artifact = Pack();
        var request = new FreesoloPublishRequest
        {
            ArtifactPath = artifact,
            Destination = FreesoloDestination.Parse(Destination, out _)!,
            Environment = hub.Environment().GetValueOrDefault,
            Home = Path.GetTempPath(),
            Options = new FreesoloHubOptions { AssociationRetryDelays = [TimeSpan.Zero, TimeSpan.Zero] },
        };

        var result = await new FreesoloHubPublisher(new System.IO.Abstractions.FileSystem()).PublishAsync(request, CancellationToken.None);

        Assert.Null(result.Id);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(["RLENV2633", "RLENV2633", "RLENV2633"], result.Diagnostics.Select(d => d.Code));
        Assert.Equal(Core.Diagnostics.Severity.Error, result.Diagnostics[0].Severity);
        Assert.Equal(3, hub.State().GetProperty("publishes").GetInt32());
    }

    [Fact]
    public void A_redirect_is_not_followed_so_neither_the_key_nor_the_package_reaches_the_other_origin()
    {
        using var elsewhere = new FlashHubStandIn("127.0.0.2");
        using var hub = new FlashHubStandIn(behaviour: new JsonObject { ["redirect_to"] = elsewhere.Url });

        var run = Publish(hub, Pack());

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["RLENV2634"], Codes(run));
        Assert.Contains("127.0.0.2", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(elsewhere.State().GetProperty("requests").EnumerateArray());
    }

    [Fact]
    public void A_server_error_detail_is_quoted_without_the_key_or_control_characters()
    {
        using var hub = new FlashHubStandIn(behaviour: new JsonObject
        {
            ["answer"] = new JsonObject { ["status"] = 500, ["body"] = $"{{\"detail\": \"boom \\u001b[31m for {FlashHubStandIn.Key}\"}}" },
        });

        var run = Publish(hub, Pack());

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["RLENV2632"], Codes(run));
        var message = run.Json().GetProperty("diagnostics")[0].GetProperty("message").GetString()!;
        Assert.Contains("boom", message, StringComparison.Ordinal);
        Assert.Contains("<redacted>", message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", message, StringComparison.Ordinal);
        Assert.DoesNotContain(FlashHubStandIn.Key, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_success_without_a_usable_id_is_not_printed_as_one()
    {
        using var hub = new FlashHubStandIn(behaviour: new JsonObject { ["answer"] = new JsonObject { ["status"] = 200, ["body"] = "{\"id\": \"../../etc\"}" } });

        var run = Publish(hub, Pack());

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["RLENV2634"], Codes(run));
        Assert.Equal(JsonValueKind.Null, run.Json().GetProperty("config").ValueKind);
    }

    [Theory]
    [InlineData("freesolo://not-a-uuid", "RLENV2620")]
    [InlineData("freesolo://", "RLENV2620")]
    [InlineData(Destination + "/Math", "RLENV2620")]
    public void A_bad_destination_is_a_usage_error_with_one_json_object(string destination, string code)
    {
        using var hub = new FlashHubStandIn();

        var run = Publish(hub, Pack(), destination);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([code], Codes(run));
        Assert.Empty(hub.State().GetProperty("requests").EnumerateArray());
    }

    [Fact]
    public void No_key_plain_http_elsewhere_a_key_with_a_newline_and_oci_only_options_are_usage_errors_that_send_nothing()
    {
        using var hub = new FlashHubStandIn();
        var artifact = Pack();
        var noKey = hub.Environment(key: null);
        var remote = hub.Environment();
        remote["FLASH_API_URL"] = "http://plane.example";

        var missing = CliRun.WithEnvironment(noKey, "publish", artifact, Destination, "--json");
        var insecure = CliRun.WithEnvironment(remote, "publish", artifact, Destination, "--json");
        var newline = Publish(hub, artifact, Destination, "key-with-newline\n");
        var plain = Publish(hub, artifact, Destination, FlashHubStandIn.Key, "--plain-http");
        var bareOci = CliRun.WithEnvironment(hub.Environment(), "publish", artifact, "oci://127.0.0.1:1/x", "--bare-name", "--json");

        Outcome(missing, 2, "RLENV2621");
        Outcome(insecure, 2, "RLENV2622");
        Outcome(newline, 2, "RLENV2623");
        Assert.DoesNotContain("key-with-newline", newline.Stdout, StringComparison.Ordinal);
        Outcome(plain, 2, "RLENV2620");
        Outcome(bareOci, 2, "RLENV2620");
        Assert.Empty(hub.State().GetProperty("requests").EnumerateArray());
    }

    [Fact]
    public void A_reinforcenow_artifact_and_an_artifact_that_differs_from_its_manifest_are_refused_before_anything_is_sent()
    {
        using var hub = new FlashHubStandIn();
        var folder = Path.Combine(_env.Output, "crafted");
        var rnow = CraftedArtifact.Write(folder, [Member.File("environment.py", CraftedArtifact.EntryPoint)], name: "rn", rules: "reinforcenow");
        var artifact = Pack();
        using (var stream = File.OpenWrite(artifact))
        {
            stream.Seek(-1, SeekOrigin.End);
            stream.WriteByte(0x42);
        }

        var other = Publish(hub, rnow);
        var tampered = Publish(hub, artifact);

        Outcome(other, 1, "RLENV2624");
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("RLENV1802", Codes(tampered));
        Assert.Empty(hub.State().GetProperty("requests").EnumerateArray());
    }

    public static TheoryData<string> Refusals() => [.. RefusalCases.Keys];

    /// <summary>
    /// Each archive the hub refuses: publish refuses it first (exit 1, the code, nothing sent), and the stand-in, sent
    /// the same archive raw, refuses it with the status and detail Flash's code gives.
    /// </summary>
    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_refusal_of_the_hub_is_found_before_upload_and_the_stand_in_gives_flashs_answer(string refusal)
    {
        using var hub = new FlashHubStandIn();
        var (members, code, status, detail) = RefusalCases[refusal];
        var artifact = CraftedArtifact.Write(Path.Combine(_env.Output, refusal), members(), level: refusal == "compressed-over-64-mib" ? System.IO.Compression.CompressionLevel.NoCompression : System.IO.Compression.CompressionLevel.Fastest);

        var run = Publish(hub, artifact);
        var sent = hub.State().GetProperty("requests").GetArrayLength();
        var (rawStatus, rawDetail) = await PostRaw(hub, File.ReadAllBytes(artifact));

        Assert.True(run.ExitCode == 1, run.Stdout);
        Assert.Contains(code, Codes(run));
        Assert.Equal(0, sent);
        Assert.Equal(status, rawStatus);
        Assert.Contains(detail, rawDetail, StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, (Func<List<Member>> Members, string Code, int Status, string Detail)> RefusalCases = new()
    {
        ["parent-path"] = (() => [Entry(), Member.File("../evil.py", "x")], "RLENV1803", 400, "unsafe path in env package: '../evil.py'"),
        ["symlink"] = (() => [Entry(), new Member("link.py", TarEntryType.SymbolicLink, LinkTarget: "environment.py")], "RLENV1803", 400, "links are not allowed in env packages: 'link.py'"),
        ["hardlink"] = (() => [Entry(), new Member("hard.py", TarEntryType.HardLink, LinkTarget: "environment.py")], "RLENV1803", 400, "links are not allowed in env packages: 'hard.py'"),
        ["fifo"] = (() => [Entry(), new Member("pipe", TarEntryType.Fifo)], "RLENV1803", 400, "only regular files and directories are allowed in env packages, but 'pipe' is a special file"),
        ["top-level-git"] = (() => [Entry(), Member.File(".git/config", "[core]\n")], "RLENV2625", 400, "env packages must not contain repo-control or source top-level paths"),
        ["top-level-github"] = (() => [Entry(), Member.File(".github/workflows/ci.yml", "on: push\n")], "RLENV2625", 400, "env packages must not contain repo-control or source top-level paths"),
        ["top-level-source"] = (() => [Entry(), Member.File("source/index.py", "x = 1\n")], "RLENV2625", 400, "env packages must not contain repo-control or source top-level paths"),
        ["no-entry-point-at-root"] = (() => [Member.File("sub/environment.py", CraftedArtifact.EntryPoint)], "RLENV2626", 400, "env package must contain environment.py"),
        ["access-token"] = (() => [Entry(), Member.File("dataset/train.jsonl", "{\"input\": \"hf_aB3dE5fG7hJ9kL2mN4pQ6rS8tUvW0xY1zC\"}\n")], "RLENV1501", 400, "env package contains a direct access token; remove it before publishing"),
        ["over-5000-members"] = (() => [Entry(), .. Enumerable.Range(0, 5000).Select(i => Member.File($"d/{i}.txt", "x"))], "RLENV1805", 400, "env package has too many members (limit 5000)"),
        ["over-256-mib-uncompressed"] = (() => [Entry(), new Member("dataset/zeros.bin", ZeroBytes: 256L * 1024 * 1024 + 1)], "RLENV1805", 400, "env package is too large uncompressed (limit 256 MB)"),
        ["past-the-tar-stream-bound"] = (() =>
            [Entry(), .. Enumerable.Range(0, 3000).Select(i => new Member($"m/{i}.txt", Data: [1], PaxComment: new string('c', 7000))), new Member("dataset/zeros.bin", ZeroBytes: 250L * 1024 * 1024)],
            "RLENV1805", 400, "env package is too large uncompressed (limit 256 MB)"),
        ["compressed-over-64-mib"] = (() => [Entry(), new Member("dataset/noise.bin", Data: System.Security.Cryptography.RandomNumberGenerator.GetBytes(65 * 1024 * 1024))], "RLENV1805", 413, "env package upload is too large (limit 64 MB compressed)"),
        ["file-over-100-mib"] = (() => [Entry(), new Member("dataset/big.bin", ZeroBytes: 100L * 1024 * 1024 + 1)], "RLENV1609", 502, "exceeds GitHub's file size limit of 100.00 MB"),
    };

    [Fact]
    public async Task A_package_the_hub_takes_but_cannot_serve_back_is_refused_before_upload()
    {
        using var hub = new FlashHubStandIn();
        var artifact = CraftedArtifact.Write(Path.Combine(_env.Output, "wide"), [Entry(), .. Enumerable.Range(0, 2500).Select(i => Member.File($"d{i}/f.txt", "x"))]);

        var run = Publish(hub, artifact);
        var (rawStatus, _) = await PostRaw(hub, File.ReadAllBytes(artifact));

        Outcome(run, 1, "RLENV2627");
        Assert.Equal(200, rawStatus);
    }

    [Theory]
    [InlineData("{\"name\": \"m\", \"package_b64\": \"H4sI\\nAAAA\", \"project_id\": \"" + FlashHubStandIn.Project + "\"}", 400, "env package is not valid base64")]
    [InlineData("{\"name\": 5, \"package_b64\": \"AAAA\", \"project_id\": \"" + FlashHubStandIn.Project + "\"}", 400, "env name must be a string")]
    [InlineData("{\"name\": \"m\", \"package_b64\": \"\", \"project_id\": \"" + FlashHubStandIn.Project + "\"}", 400, "empty env package")]
    [InlineData("{\"name\": \"\", \"package_b64\": \"AAAA\", \"project_id\": \"" + FlashHubStandIn.Project + "\"}", 400, "missing env name")]
    [InlineData("{\"name\": \"m\", \"package_b64\": \"AAAA\"}", 400, "project_id is required and must be a string")]
    [InlineData("{\"name\": \"m\", \"package_b64\": \"AAAA\", \"project_id\": \"nope\"}", 400, "project must be a valid UUID")]
    [InlineData("{\"name\": \"m\", \"package_b64\": \"AAAA\", \"project_id\": \"" + FlashHubStandIn.Project + "\"}", 400, "env package could not be extracted")]
    [InlineData("[1, 2]", 422, "Input should be a valid dictionary")]
    [InlineData("{not json", 422, "JSON decode error")]
    public async Task The_stand_in_checks_the_body_as_flashs_route_does(string body, int status, string detail)
    {
        using var hub = new FlashHubStandIn();

        var (rawStatus, rawDetail) = await PostRaw(hub, System.Text.Encoding.UTF8.GetBytes(body), raw: true);

        Assert.Equal(status, rawStatus);
        Assert.Contains(detail, rawDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stand_in_refuses_a_missing_or_unknown_key_with_flashs_401()
    {
        using var hub = new FlashHubStandIn();
        var artifact = Pack();

        var (unknown, detail) = await PostRaw(hub, File.ReadAllBytes(artifact), key: "nobody");
        var (missing, _) = await PostRaw(hub, File.ReadAllBytes(artifact), key: null);

        Assert.Equal((401, 401), (unknown, missing));
        Assert.Equal("invalid or missing API key; log in with `flash login` using your freesolo API key", detail);
    }

    [Fact]
    public void The_artifact_extracted_as_publish_package_does_has_environment_py_at_its_root_with_the_bootstrap()
    {
        foreach (var rules in new[] { "freesolo", "flash-tree" })
        {
            var artifact = Pack("1.2.0", "--rules", rules);
            var target = Path.Combine(_env.Output, "extracted-" + rules);

            var (exit, result) = FlashHubStandIn.Extract(artifact, target);

            Assert.True(exit == 0, result.ToString());
            Assert.Contains("environment.py", result.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
            Assert.StartsWith("import os as _flash_os, sys as _flash_sys\n", File.ReadAllText(Path.Combine(target, "environment.py")), StringComparison.Ordinal);
        }

        var example = CliRun.Of("pack", Path.Combine(Processes.RepositoryRoot(), "tests", "examples", "math"), "-o", Path.Combine(_env.Output, "example"), "--json");
        var (exampleExit, exampleResult) = FlashHubStandIn.Extract(example.Json().GetProperty("artifact").GetString()!, Path.Combine(_env.Output, "example-extracted"));
        Assert.True(exampleExit == 0, exampleResult.ToString());
        Assert.Contains("environment.py", exampleResult.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
    }

    private static Member Entry() => Member.File("environment.py", CraftedArtifact.EntryPoint);

    /// <summary>The body publish_env would send for these bytes, posted as is (or <paramref name="raw"/> as given).</summary>
    private static async Task<(int Status, string Detail)> PostRaw(FlashHubStandIn hub, byte[] package, string? key = FlashHubStandIn.Key, bool raw = false)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var body = raw ? package : System.Text.Encoding.UTF8.GetBytes($"{{\"name\": \"crafted\", \"package_b64\": \"{Convert.ToBase64String(package)}\", \"project_id\": \"{FlashHubStandIn.Project}\"}}");
        using var request = new HttpRequestMessage(HttpMethod.Post, hub.Url + "/v1/envs") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        var detail = document.RootElement.TryGetProperty("detail", out var d) ? d.ValueKind == JsonValueKind.String ? d.GetString()! : d.GetRawText() : text;
        return ((int)response.StatusCode, detail);
    }
}
