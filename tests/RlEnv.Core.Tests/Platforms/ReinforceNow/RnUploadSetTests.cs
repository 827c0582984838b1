using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.ReinforceNow;

/// <summary>
/// Issue 12, uploads: what `rnow run` uploads (rnow/cli/commands.py 2360-2399, ReinforceNow/reinforcenow-cli 0.4.37)
/// and what it sends beside the files. Each test failed before the upload set moved to Platforms/ReinforceNow.
/// </summary>
public class RnUploadSetTests
{
    private static EnvironmentPlan Plan(ProjectFiles project, DiagnosticBag? diagnostics = null) =>
        new EnvironmentAnalyzer(project.FileSystem).Analyze(
            new PackRequest { EnvironmentDirectory = ProjectFiles.Root, OutputDirectory = "/o", Profile = Profile.ReinforceNow }, diagnostics ?? new DiagnosticBag())!;

    private static ProjectFiles Project() =>
        new ProjectFiles().File("rewards.py", RnProject.Rewards).Lines("train.jsonl", RnProject.RlRow);

    [Fact]
    public void Config_json_is_uploaded_when_there_is_no_config_yml()
    {
        // C:2373-2377: `elif config_json.exists()` uploads config.json.
        var plan = Plan(Project().File("config.json", "{\"dataset_type\": \"rl\"}"));

        Assert.Equal((true, Reasons.UploadSet), (plan.DecisionFor("config.json").Included, plan.DecisionFor("config.json").Reason));
    }

    [Fact]
    public void Config_json_stays_out_beside_a_config_yml()
    {
        // C:2368-2372: config.yml wins; config.json is then neither read nor uploaded.
        var plan = Plan(Project().File("config.json", "{}").File("config.yml", RnProject.Config("rl")));

        Assert.Equal((false, Reasons.NotInUploadSet), (plan.DecisionFor("config.json").Included, plan.DecisionFor("config.json").Reason));
        Assert.True(plan.DecisionFor("config.yml").Included);
    }

    [Theory]
    [InlineData("Dockerfile.env")]
    [InlineData("Dockerfile.key")]
    [InlineData("Dockerfile.pem")]
    public void Dockerfiles_named_like_credentials_are_uploaded(string name)
    {
        // C:2398-2399: every dir.glob("Dockerfile.*") is uploaded; the credential patterns must not drop them.
        var diagnostics = new DiagnosticBag();
        var plan = Plan(Project().File(name, "FROM python:3.11-slim\n"), diagnostics);

        Assert.Equal((true, Reasons.UploadSet), (plan.DecisionFor(name).Included, plan.DecisionFor(name).Reason));
        Assert.DoesNotContain(diagnostics.ToSortedList(), d => d.Code == DiagnosticCatalog.SecretFileExcluded.Code);
    }

    [Fact]
    public void Env_file_is_not_uploaded_and_an_info_line_says_rnow_sends_its_values_as_run_secrets()
    {
        // C:2024-2068 reads .env into secrets, sent as the form field "secrets" (C:2446-2447); the upload list has no .env.
        var project = Project().File(".env", "OPENAI_API_KEY=sk-test\n");

        var result = project.Check();

        Assert.Equal((false, Reasons.Secret), (Plan(project).DecisionFor(".env").Included, Plan(project).DecisionFor(".env").Reason));
        var info = result.Single("RLENV2348");
        Assert.Equal((Severity.Info, ".env"), (info.Severity, info.File));
        Assert.Contains("secrets", info.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_credential_files_stay_out_and_get_no_secrets_line()
    {
        var result = Project().File("example.env", "KEY=x\n").File("id_rsa", "k").Check();

        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "RLENV2348");
    }

    [Fact]
    public void Upload_set_is_rnows_list_and_nothing_else()
    {
        // C:2360-2399: the config, train.jsonl, rewards.py, tools.py, requirements.txt, Dockerfile.*; no folders.
        var project = Project().File("config.yml", RnProject.Config("rl")).File("tools.py", RnProject.Tools).File("requirements.txt", "numpy\n")
            .File("Dockerfile.kernel", "FROM x\n").File("README.md", "x").File("setup_pool.sh", "x").File("convert_dataset.py", "x").File("data/raw.jsonl", "{}");

        Assert.Equal(["Dockerfile.kernel", "config.yml", "requirements.txt", "rewards.py", "tools.py", "train.jsonl"], Plan(project).Members.Select(m => m.Path));
    }
}
