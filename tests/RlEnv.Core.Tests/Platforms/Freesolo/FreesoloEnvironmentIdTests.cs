using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.Freesolo;
using static RlEnv.Core.Tests.Support.FlashSpec;

namespace RlEnv.Core.Tests.Platforms.Freesolo;

/// <summary>
/// Flash's identity cases (flash/envs/identity.py; flash-config.md §3 and §5): T: lines are
/// tests/test_env_pull_loader_coverage.py (L), tests/test_spec_and_validation.py (S) and
/// tests/test_server_standalone.py (P).
/// </summary>
public class FreesoloEnvironmentIdTests
{
    // L:153-162
    [Theory]
    [InlineData(null, "environment.py")]
    [InlineData("", "environment.py")]
    [InlineData("   ", "environment.py")]
    [InlineData("sub\\env.py", "sub/env.py")]
    [InlineData("a//b/env.py", "a/b/env.py")]
    [InlineData("/abs/env.py", null)]
    [InlineData("a/../b", null)]
    [InlineData("x/./y", null)]
    public void Normalize_env_path_variants(string? path, string? normalized) => Assert.Equal(normalized, FreesoloEnvironmentId.NormalizePath(path));

    // L:165-180
    [Fact]
    public void Slug_and_github_predicates_and_conversion()
    {
        Assert.NotNull(FreesoloEnvironmentId.ParseSlug("david-freesolo-co/my-project/stuff"));
        Assert.Null(FreesoloEnvironmentId.ParseSlug("has:colon"));
        Assert.Null(FreesoloEnvironmentId.ParseSlug("only-one-part"));
        Assert.NotNull(FreesoloEnvironmentId.ParseSlug("too/many/parts"));
        Assert.Null(FreesoloEnvironmentId.ParseSlug("too/many/parts/extra"));
        Assert.NotNull(FreesoloEnvironmentId.ParseGitHub("github:owner/repo@main:env/environment.py"));
        Assert.True(FreesoloEnvironmentId.IsFreesoloEnvironmentId("david-freesolo-co/my-project/stuff"));
        Assert.False(FreesoloEnvironmentId.IsFreesoloEnvironmentId("nonsense value"));
        Assert.Equal("github:freesolo-co/environment-hub@main:david-freesolo-co/my-project/stuff/environment.py",
            FreesoloEnvironmentId.SlugToGitHubReference("david-freesolo-co/my-project/stuff"));
        Assert.Contains("not a Freesolo environment slug",
            Assert.Throws<ArgumentException>(() => FreesoloEnvironmentId.SlugToGitHubReference("github:owner/repo@main:environment.py")).Message, StringComparison.Ordinal);
    }

    // L:183-198
    [Fact]
    public void Parse_github_ref_from_https_urls()
    {
        Assert.Equal(new FreesoloGitHubReference("owner", "repo", "main", "environment.py"), FreesoloEnvironmentId.ParseGitHub("https://github.com/owner/repo.git"));
        Assert.Equal(new FreesoloGitHubReference("owner", "repo", "dev", "sub/environment.py"),
            FreesoloEnvironmentId.ParseGitHub("https://github.com/owner/repo/blob/dev/sub/environment.py"));
        Assert.Equal(new FreesoloGitHubReference("owner", "repo", "main", "mydir/environment.py"), FreesoloEnvironmentId.ParseGitHub("https://github.com/owner/repo/tree/main/mydir"));
        Assert.Null(FreesoloEnvironmentId.ParseGitHub("https://example.com/owner/repo"));
        Assert.Null(FreesoloEnvironmentId.ParseGitHub("https://github.com/owner"));
        Assert.Null(FreesoloEnvironmentId.ParseGitHub("https://www.github.com/owner/repo"));
        Assert.Equal("github:o/r@main:a:b", FreesoloEnvironmentId.ParseGitHub("github:o/r:a:b")!.Canonical);
        Assert.Equal("github:o/r@main:environment.py", FreesoloEnvironmentId.ParseGitHub("github:o/r")!.Canonical);
        Assert.Null(FreesoloEnvironmentId.ParseGitHub("GITHUB:o/r"));
    }

    // S:593-621: every one of these is refused with "Freesolo environment id".
    [Theory]
    [InlineData("gsm8k")]
    [InlineData("owner/name")]
    [InlineData("owner/project/")]
    [InlineData("/project/name")]
    [InlineData("a/b/c/d")]
    [InlineData("owner/project/..")]
    [InlineData("owner/project/.")]
    [InlineData("owner/project/na me")]
    [InlineData("owner/project/name:tag")]
    [InlineData("https://freesolo.co/owner/name")]
    [InlineData("github:owner/repo/extra@main:x/environment.py")]
    [InlineData("github:owner/repo@:x/environment.py")]
    [InlineData("github:owner/repo@main:../x.py")]
    [InlineData("github:owner/repo@main:/etc/passwd")]
    [InlineData("github:owner /repo@main:x/environment.py")]
    [InlineData("github:owner/repo@bad/ref:x/environment.py")]
    [InlineData("https://github.com/owner/repo/blob/main/../x.py")]
    [InlineData("https://github.com/owner/repo/blob/main:/etc/passwd")]
    [InlineData("https://github.com/owner/repo/blob/bad ref/x.py")]
    [InlineData("https://github.com/owner/repo/issues/1")]
    public void Bare_environment_id_is_rejected(string id)
    {
        var error = Refused(BaseRaw().With("environment.id", id), "Freesolo environment id");
        Assert.Equal(DiagnosticCatalog.EnvironmentIdInvalid.Code, error.Code);
    }

    // S:624-658: the schema and the worker's acceptor agree on these (Flash's own expectation per value).
    [Theory]
    [InlineData("ns/name", false)]
    [InlineData("github:owner/repo", true)]
    [InlineData("github:owner/repo@ref", true)]
    [InlineData("https://github.com/owner/repo/blob/dev/envs/e/environment.py", true)]
    [InlineData("  github:owner/repo@dev:envs/e/environment.py  ", true)]
    [InlineData("  ns/name  ", false)]
    [InlineData("https://github.com/owner/repo/blob/main/envs%2Fe/environment.py", true)]
    [InlineData("github:owner/repo@main:../../etc/passwd", false)]
    [InlineData("https://github.com/owner/repo/blob/main/../x.py", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("", false)]
    public void Env_ref_validator_matches_adapter_acceptor(string id, bool accepted) => Assert.Equal(accepted, FreesoloEnvironmentId.IsFreesoloEnvironmentId(id));

    // P:884-895 (managed accepts owner/project/env) and the lower-case rule of the managed submit (envs.py _validate_slug).
    [Theory]
    [InlineData("owner/project/env", FreesoloEnvironmentIdForm.Slug)]
    [InlineData("acme/checkout-bot/math", FreesoloEnvironmentIdForm.Slug)]
    [InlineData(".a/b/c", FreesoloEnvironmentIdForm.Slug)]
    [InlineData("Org/Proj/Env", FreesoloEnvironmentIdForm.SlugRefusedBySubmit)]
    [InlineData("  a/b/c", FreesoloEnvironmentIdForm.SlugRefusedBySubmit)]
    [InlineData(".git/b/c", FreesoloEnvironmentIdForm.SlugRefusedBySubmit)]
    [InlineData("github:owner/repo@main:env/environment.py", FreesoloEnvironmentIdForm.GitHub)]
    [InlineData("https://github.com/owner/repo/tree/main/env", FreesoloEnvironmentIdForm.GitHub)]
    [InlineData("github:freesolo-co/environment-hub@main:a/b/c/environment.py", FreesoloEnvironmentIdForm.HubReference)]
    [InlineData("github:Freesolo-Co/Environment-Hub@main:a/b/c/environment.py", FreesoloEnvironmentIdForm.HubReference)]
    [InlineData("https://github.com/freesolo-co/environment-hub/tree/main/a/b/c", FreesoloEnvironmentIdForm.HubReference)]
    [InlineData("github:freesolo-co/environment-hub@main:too-few-segments/environment.py", FreesoloEnvironmentIdForm.HubReference)]
    [InlineData("owner/name", FreesoloEnvironmentIdForm.Invalid)]
    public void Ids_as_the_parser_the_submit_and_the_planes_read_them(string id, FreesoloEnvironmentIdForm form) =>
        Assert.Equal(form, FreesoloEnvironmentId.Classify(id).Form);

    // P:835-881: the managed plane refuses GitHub forms, a self-hosted one takes them. RlEnv cannot tell which plane
    // trains, so a GitHub reference is a warning that says so.
    [Theory]
    [InlineData("github:owner/repo@main:env/environment.py")]
    [InlineData("https://github.com/owner/repo/tree/main/env")]
    public void A_github_id_is_valid_only_on_a_self_hosted_plane(string id)
    {
        var warning = Assert.Single(Check(BaseRaw().With("environment.id", id)));

        Assert.Equal((DiagnosticCatalog.EnvironmentIdSelfHostedOnly.Code, Severity.Warning), (warning.Code, warning.Severity));
        Assert.Contains("self-hosted", warning.Message, StringComparison.Ordinal);
    }

    // P:898-951: the hub's own GitHub spellings run on neither plane; the managed one wants the slug.
    [Fact]
    public void A_github_spelling_of_the_hub_is_refused_with_its_slug()
    {
        var error = Refused(BaseRaw().With("environment.id", "github:freesolo-co/environment-hub@main:acme/math/gsm8k/environment.py"), "environment-hub");
        Assert.Contains("id = \"acme/math/gsm8k\"", error.Message, StringComparison.Ordinal);
        Refused(BaseRaw().With("environment.id", "github:freesolo-co/environment-hub@main:too-few-segments/environment.py"), "github:freesolo-co/environment-hub@main:<namespace>");
    }

    [Theory]
    [InlineData("Org/Proj/Env", "invalid env id segment: 'Org'")]
    [InlineData("  a/b/c  ", "invalid env id segment: '  a'")]
    [InlineData(".github/b/c", "invalid env id segment: '.github'")]
    public void A_slug_the_managed_submit_refuses_is_an_error(string id, string submitSays) =>
        Assert.Contains(submitSays, Refused(BaseRaw().With("environment.id", id), "refuses it at submit").Message, StringComparison.Ordinal);

    // P:954-990 and setup.py:472 (the scaffold's id = ""): a missing or empty id.
    [Theory]
    [InlineData("")]
    [InlineData(false)]
    [InlineData(0)]
    public void A_missing_id_says_to_push_the_environment(object id) =>
        Refused(BaseRaw().With("environment.id", id), @"config must set \[environment\] id \(upload an environment with `flash env push");

    [Fact]
    public void A_non_string_id_is_stringified_and_refused() => Refused(BaseRaw().With("environment.id", 5), "Freesolo environment id");

    // Inline and dotted forms of [environment] read like the table (the scaffold's TRAINING.md shows params inline).
    [Theory]
    [InlineData("environment = { id = \"a/b/c\", params = { split = \"eval\" } }\n")]
    [InlineData("environment.id = \"a/b/c\"\n")]
    [InlineData("[environment]\nid = \"a/b/c\"\nparams = { split = \"eval\" }\n")]
    public void Inline_and_dotted_environment_forms_are_read(string environment) =>
        Assert.Empty(Check($"model = \"Qwen/Qwen3.5-4B\"\nproject = \"{Project}\"\n" + environment));
}
