using System.Text.Json;
using RlEnv.Cli;

namespace RlEnv.Sdk.Tests;

[Collection(nameof(SdkFeed))]
public sealed class SdkEndToEndTests(SdkFeed feed)
{
    private static void Succeeded((int ExitCode, string Output) run) => Assert.True(run.ExitCode == 0, run.Output);

    [Fact]
    public void Build_validates_and_pack_writes_the_artifact_and_manifest()
    {
        using var project = new EnvironmentProject(feed);

        var build = project.Dotnet("build", "-v:n");
        Succeeded(build);
        Assert.Contains("split train: 1 rows, 1 with output", build.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(project.ArtifactPath));
        project.Write("dataset/train.jsonl", "{\"output\":\"4\"}\n");
        var broken = project.Dotnet("build");
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("error RLENV2010", broken.Output, StringComparison.Ordinal);
        project.Write("dataset/train.jsonl", EnvironmentProject.Record);
        Succeeded(project.Dotnet("pack"));

        Assert.True(File.Exists(project.ArtifactPath));
        Assert.True(File.Exists(Path.ChangeExtension(Path.ChangeExtension(project.ArtifactPath, null), null) + ".manifest.json"));
    }

    [Fact]
    public void Pack_is_byte_identical_to_rlenv_pack_and_honours_output()
    {
        using var project = new EnvironmentProject(feed, properties: "<PropertyGroup><Version>2.1</Version><RlEnvName>Math Env</RlEnvName></PropertyGroup>");
        var output = Path.Combine(project.Base, "artifacts");

        Succeeded(project.Dotnet("pack", "-o", output));
        var cli = Path.Combine(project.Base, "cli");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, RlEnvCli.Run(["pack", project.Dir, "-o", cli, "--name", "Math Env", "--version", "2.1"], new System.IO.Abstractions.FileSystem(), stdout, stderr));

        Assert.Equal(File.ReadAllBytes(Path.Combine(cli, "math-env-2.1.0.tar.gz")), File.ReadAllBytes(Path.Combine(output, "math-env-2.1.0.tar.gz")));
    }

    [Fact]
    public void Unchanged_pack_is_skipped_and_a_changed_dataset_file_repacks()
    {
        using var project = new EnvironmentProject(feed);
        Succeeded(project.Dotnet("pack"));
        var firstWrite = File.GetLastWriteTimeUtc(project.ArtifactPath);
        var firstBytes = File.ReadAllBytes(project.ArtifactPath);

        var again = project.Dotnet("pack", "-v:n");
        Succeeded(again);
        Assert.Contains("Skipping target \"_RlEnvPackCore\" because all output files are up-to-date", again.Output, StringComparison.Ordinal);
        Assert.Equal(firstWrite, File.GetLastWriteTimeUtc(project.ArtifactPath));

        Thread.Sleep(1100);
        project.Write("dataset/train.jsonl", EnvironmentProject.Record + "{\"input\":\"What is 3 + 3?\",\"output\":\"6\"}\n");
        Succeeded(project.Dotnet("pack"));
        Assert.NotEqual(firstBytes, File.ReadAllBytes(project.ArtifactPath));

        Thread.Sleep(1100);
        project.Write("dataset/eval.jsonl", "{\"input\":\"What is 9 + 9?\"}\n");
        Succeeded(project.Dotnet("pack"));
        var withEval = File.ReadAllBytes(project.ArtifactPath);
        Thread.Sleep(1100);
        File.Delete(Path.Combine(project.Dir, "dataset", "eval.jsonl"));
        Succeeded(project.Dotnet("pack"));
        Assert.NotEqual(withEval, File.ReadAllBytes(project.ArtifactPath));
    }

    [Fact]
    public void Broken_dataset_fails_in_canonical_form_with_no_artifact()
    {
        using var project = new EnvironmentProject(feed);
        project.Write("dataset/train.jsonl", EnvironmentProject.Record + "{\"input\":\"a\",\"score\":NaN}\n");

        var run = project.Dotnet("pack");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Matches(@"dataset/train\.jsonl\(2,22\): error RLENV2002: ", run.Output);
        Assert.False(File.Exists(project.ArtifactPath));
    }

    [Fact]
    public void NoWarn_silences_and_WarningsAsErrors_promotes_an_RLENV_warning()
    {
        using var project = new EnvironmentProject(feed);
        project.Write("dataset/train.jsonl", "{\"input\":\"a\",\"board\":[1]}\n");

        var plain = project.Dotnet("build");
        project.WriteProject(project.Name, "<PropertyGroup><NoWarn>RLENV2020</NoWarn></PropertyGroup>");
        var silenced = project.Dotnet("build", "--no-incremental");
        project.WriteProject(project.Name, "<PropertyGroup><WarningsAsErrors>RLENV2020</WarningsAsErrors></PropertyGroup>");
        var promoted = project.Dotnet("build");

        Succeeded(plain);
        Assert.Contains("warning RLENV2020", plain.Output, StringComparison.Ordinal);
        Succeeded(silenced);
        Assert.DoesNotContain("warning RLENV2020", silenced.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, promoted.ExitCode);
        Assert.Contains("error RLENV2020", promoted.Output, StringComparison.Ordinal);
    }

    // The task asks MSBuild (IBuildEngine8.ShouldTreatWarningAsError) before the engine writes: a warning promoted by
    // WarningsAsErrors or TreatWarningsAsErrors leaves no artifact behind, so the next pack is not "up to date".
    [Fact]
    public void WarningsAsErrors_and_TreatWarningsAsErrors_promote_a_warning_before_pack_writes()
    {
        using var project = new EnvironmentProject(feed);
        project.Write("CON.txt", "a Windows device name");

        project.WriteProject(project.Name, "<PropertyGroup><WarningsAsErrors>RLENV1104</WarningsAsErrors></PropertyGroup>");
        var listed = project.Dotnet("pack");
        var listedWrote = File.Exists(project.ArtifactPath);
        project.WriteProject(project.Name, "<PropertyGroup><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup>");
        var all = project.Dotnet("pack");
        var allWrote = File.Exists(project.ArtifactPath);
        project.WriteProject(project.Name, string.Empty);
        var plain = project.Dotnet("pack");

        Assert.NotEqual(0, listed.ExitCode);
        Assert.Contains("error RLENV1104", listed.Output, StringComparison.Ordinal);
        Assert.False(listedWrote);
        Assert.NotEqual(0, all.ExitCode);
        Assert.Contains("error RLENV1104", all.Output, StringComparison.Ordinal);
        Assert.False(allWrote);
        Succeeded(plain);
        Assert.Contains("warning RLENV1104", plain.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(project.ArtifactPath));
    }

    [Fact]
    public void Cap_override_property_reaches_the_engine()
    {
        using var project = new EnvironmentProject(feed, properties: "<PropertyGroup><RlEnvMaxMembers>2</RlEnvMaxMembers></PropertyGroup>");

        var run = project.Dotnet("pack");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error RLENV1602", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RlEnvMaxMembers", "5000000000")]
    [InlineData("RlEnvMaxUncompressedBytes", "9223372036854775807")]
    [InlineData("RlEnvMaxLineBytes", "0")]
    public void Out_of_range_cap_property_is_an_RLENV0003_error_and_nothing_is_written(string property, string value)
    {
        using var project = new EnvironmentProject(feed);

        var run = project.Dotnet("pack", $"-p:{property}={value}");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"error RLENV0003: {property} must be between", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(project.ArtifactPath));
    }

    [Fact]
    public void Flash_tree_rules_with_another_profile_are_an_RLENV0012_error_and_nothing_is_written()
    {
        using var project = new EnvironmentProject(feed, properties: "<PropertyGroup><RlEnvRules>flash-tree</RlEnvRules><RlEnvProfile>reinforcenow</RlEnvProfile></PropertyGroup>");

        var run = project.Dotnet("pack");

        // Before, RlEnvProfile silently replaced flash-tree by rnow's upload list.
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error RLENV0012: The rules 'flash-tree' (--rules, RlEnvRules) are Freesolo's upload mode, but the profile is 'reinforcenow'", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(project.ArtifactPath));
    }

    [Fact]
    public void Invalid_version_is_an_RLENV_error_not_a_crash()
    {
        using var project = new EnvironmentProject(feed);

        var run = project.Dotnet("pack", "-p:Version=banana");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error RLENV1701", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB4018", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_added_to_RlEnvPackDependsOn_in_the_project_runs_before_the_pack()
    {
        // The generated file is packed, so the step ran before the walk; the artifact proves the SDK's steps still ran.
        using var project = new EnvironmentProject(feed, properties: """
            <PropertyGroup><RlEnvPackDependsOn>GenerateEval;$(RlEnvPackDependsOn)</RlEnvPackDependsOn></PropertyGroup>
            <Target Name="GenerateEval">
              <WriteLinesToFile File="dataset/eval.jsonl" Lines="{&quot;input&quot;:&quot;generated&quot;}" Overwrite="true" />
            </Target>
            """);

        var run = project.Dotnet("pack");

        Succeeded(run);
        using var archive = new System.Formats.Tar.TarReader(new System.IO.Compression.GZipStream(File.OpenRead(project.ArtifactPath), System.IO.Compression.CompressionMode.Decompress));
        var names = new List<string>();
        while (archive.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        Assert.Contains(names, n => n.EndsWith("dataset/eval.jsonl", StringComparison.Ordinal));
    }

    [Fact]
    public void Clean_removes_what_pack_wrote()
    {
        using var project = new EnvironmentProject(feed);
        Succeeded(project.Dotnet("pack"));

        Succeeded(project.Dotnet("clean", "-c", "Release"));

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(project.Dir, "bin", "Release")));
    }

    [Fact]
    public void Include_and_exclude_items_change_what_is_packed_and_the_rules_property_switches_modes()
    {
        using var project = new EnvironmentProject(feed, properties: """
            <ItemGroup>
              <RlEnvInclude Include="utils/**" />
              <RlEnvExclude Include="dataset/raw/**" />
            </ItemGroup>
            """);
        project.Write("environment.py", "from utils import helpers\n\n" + EnvironmentProject.EntryPoint);
        project.Write("utils/helpers.py", "X = 1\n");
        project.Write("dataset/raw/dump.bin", "raw");

        var run = project.Dotnet("pack");

        Succeeded(run);
        Assert.DoesNotContain("RLENV1003", run.Output, StringComparison.Ordinal);
        using var inspect = new StringWriter();
        RlEnvCli.Run(["inspect", project.ArtifactPath, "--json"], new System.IO.Abstractions.FileSystem(), inspect, new StringWriter());
        var members = JsonDocument.Parse(inspect.ToString()).RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("path").GetString()).ToList();
        Assert.Contains("utils/helpers.py", members);
        Assert.DoesNotContain(members, m => m!.StartsWith("dataset/raw", StringComparison.Ordinal) || m.StartsWith("bin", StringComparison.Ordinal) || m.EndsWith(".rlenvproj", StringComparison.Ordinal));
    }

    [Fact]
    public void Artifact_path_and_sha256_are_target_outputs_even_when_skipped()
    {
        using var project = new EnvironmentProject(feed);
        Succeeded(project.Dotnet("pack"));

        var run = project.Dotnet("msbuild", "-t:RlEnvPack", "-p:Configuration=Release", "-getTargetResult:RlEnvPack");

        Succeeded(run);
        using var json = JsonDocument.Parse(run.Output[run.Output.IndexOf('{', StringComparison.Ordinal)..]);
        var item = json.RootElement.GetProperty("TargetResults").GetProperty("RlEnvPack").GetProperty("Items")[0];
        Assert.Equal(project.ArtifactPath, item.GetProperty("FullPath").GetString());
        Assert.Equal(64, item.GetProperty("Sha256").GetString()!.Length);
    }

    [Fact]
    public void Pack_with_RlEnvPublishTo_publishes_the_artifact_to_a_real_registry_once()
    {
        using var registry = new RlEnv.Cli.Tests.Support.RegistryServer();
        using var project = new EnvironmentProject(feed, properties: $"<PropertyGroup><RlEnvPublishTo>oci://{registry.Host}/envs/math</RlEnvPublishTo><RlEnvPublishPlainHttp>true</RlEnvPublishPlainHttp></PropertyGroup>");

        var first = project.Dotnet("pack");
        var again = project.Dotnet("pack");

        Succeeded(first);
        Assert.Contains($"published {registry.Host}/envs/math:1.0.0", first.Output, StringComparison.Ordinal);
        Succeeded(again);
        Assert.Contains("already holds this artifact", again.Output, StringComparison.Ordinal);
        var tags = RlEnv.Cli.Tests.Support.Processes.Run("skopeo", ["list-tags", "--tls-verify=false", $"docker://{registry.Host}/envs/math"], project.Base);
        Assert.Contains("\"1.0.0\"", tags.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_with_RlEnvPublishTo_freesolo_publishes_to_the_hub_with_the_key_from_FREESOLO_API_KEY()
    {
        using var hub = new RlEnv.Cli.Tests.Support.FlashHubStandIn();
        using var project = new EnvironmentProject(feed, properties: "<PropertyGroup><Version>1.3.0</Version></PropertyGroup>");
        var environment = hub.Environment();
        environment.Remove("HOME");
        var withoutKey = new Dictionary<string, string?>(environment) { ["FREESOLO_API_KEY"] = null };

        // The template workflow's hub step: the project id on the command line, the key only in the environment.
        var published = project.DotnetWith(environment, "pack", $"-p:RlEnvPublishTo=freesolo://{RlEnv.Cli.Tests.Support.FlashHubStandIn.Project}");
        var noKey = project.DotnetWith(withoutKey, "pack", $"-p:RlEnvPublishTo=freesolo://{RlEnv.Cli.Tests.Support.FlashHubStandIn.Project}");
        var bare = project.DotnetWith(environment, "pack", $"-p:RlEnvPublishTo=freesolo://{RlEnv.Cli.Tests.Support.FlashHubStandIn.Project}/math", "-p:RlEnvPublishBareName=true");

        Succeeded(published);
        Assert.Contains("published acme/math-project/math-1.3.0", published.Output, StringComparison.Ordinal);
        Assert.Contains("id = \"acme/math-project/math-1.3.0\"", published.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(RlEnv.Cli.Tests.Support.FlashHubStandIn.Key, published.Output, StringComparison.Ordinal);
        Assert.Equal(1, hub.Commits("acme/math-project/math-1.3.0"));
        Assert.NotEqual(0, noKey.ExitCode);
        Assert.Contains("error RLENV2621", noKey.Output, StringComparison.Ordinal);
        Succeeded(bare);
        Assert.Contains("published acme/math-project/math (", bare.Output, StringComparison.Ordinal);
        Assert.Equal(1, hub.Commits("acme/math-project/math"));
    }

    [Fact]
    public void Two_projects_in_one_solution_pack_in_parallel()
    {
        using var project = new EnvironmentProject(feed, "alpha");
        project.Add("beta");

        Succeeded(Tests.Dotnet.Run(project.Base, project.Packages, "new", "sln", "-n", "envs", "--format", "sln"));
        Succeeded(Tests.Dotnet.Run(project.Base, project.Packages, "sln", "envs.sln", "add", Path.Combine("alpha", "alpha.rlenvproj"), Path.Combine("beta", "beta.rlenvproj")));
        Succeeded(project.DotnetIn(project.Base, "pack", "envs.sln", "-m"));

        Assert.True(File.Exists(Path.Combine(project.Base, "alpha", "bin", "Release", "alpha-1.0.0.tar.gz")));
        Assert.True(File.Exists(Path.Combine(project.Base, "beta", "bin", "Release", "beta-1.0.0.tar.gz")));
    }

    [Fact]
    public void Two_projects_sharing_RlEnvName_and_an_output_folder_fail_with_RLENV1809_whichever_packs_first()
    {
        using var project = new EnvironmentProject(feed, "alpha", "<PropertyGroup><RlEnvName>math</RlEnvName></PropertyGroup>");
        project.Add("beta", "<PropertyGroup><RlEnvName>math</RlEnvName></PropertyGroup>");
        Succeeded(Tests.Dotnet.Run(project.Base, project.Packages, "new", "sln", "-n", "envs", "--format", "sln"));
        Succeeded(Tests.Dotnet.Run(project.Base, project.Packages, "sln", "envs.sln", "add", Path.Combine("alpha", "alpha.rlenvproj"), Path.Combine("beta", "beta.rlenvproj")));
        var output = Path.Combine(project.Base, "out");

        var (exitCode, log) = project.DotnetIn(project.Base, "pack", "envs.sln", "-m", "-o", output);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error RLENV1809", log, StringComparison.Ordinal);
        Assert.Contains("math-1.0.0", log, StringComparison.Ordinal);
        // The pair left in the folder is the other project's, whole.
        Assert.True(new RlEnv.Core.Inspecting.ArtifactInspector(new System.IO.Abstractions.FileSystem()).Inspect(Path.Combine(output, "math-1.0.0.tar.gz")).VerifiedAgainstManifest);

        // Not a race: building again fails the same way, also where the pack itself is up to date and skipped.
        var (again, againLog) = project.DotnetIn(project.Base, "pack", "envs.sln", "-m", "-o", output);
        Assert.NotEqual(0, again);
        Assert.Contains("error RLENV1809", againLog, StringComparison.Ordinal);
    }
}
