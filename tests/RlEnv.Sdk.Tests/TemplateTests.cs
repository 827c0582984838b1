using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using RlEnv.Cli;
using RlEnv.Core.Python;

namespace RlEnv.Sdk.Tests;

/// <summary>`dotnet new rlenv`, installed from the packed template package into a custom hive, checked against the platforms' contracts.</summary>
[Collection(nameof(SdkFeed))]
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // the workflow's scripts run in bash, as on an ubuntu runner
public sealed class TemplateTests(SdkFeed feed, TemplateHive hive)
{
    private const string PlaceholderProject = "00000000-0000-4000-8000-000000000000";

    public static TheoryData<string, bool, bool, string> Combinations()
    {
        var data = new TheoryData<string, bool, bool, string>();
        foreach (var ci in new[] { "none", "github" })
        {
            foreach (var (thinking, multiTurn) in FreesoloShapes)
            {
                data.Add("freesolo", thinking, multiTurn, ci);
            }

            // --thinking and --multi-turn shape environment.py and its datasets: Freesolo only.
            data.Add("reinforcenow", false, false, ci);
            data.Add("runrl", false, false, ci);
        }

        return data;
    }

    public static TheoryData<bool, bool, string> FreesoloCombinations()
    {
        var data = new TheoryData<bool, bool, string>();
        foreach (var ci in new[] { "none", "github" })
        {
            foreach (var (thinking, multiTurn) in FreesoloShapes)
            {
                data.Add(thinking, multiTurn, ci);
            }
        }

        return data;
    }

    /// <summary>The combinations a plain `dotnet pack` proves; `--ci github` differs only by the workflow, which <see cref="Workflow_restores_validates_and_packs_on_a_clean_runner_and_a_rerun_gives_the_same_bytes"/> runs per platform.</summary>
    public static TheoryData<string, bool, bool> PackedCombinations()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var (thinking, multiTurn) in FreesoloShapes)
        {
            data.Add("freesolo", thinking, multiTurn);
        }

        data.Add("reinforcenow", false, false);
        data.Add("runrl", false, false);
        return data;
    }

    public static TheoryData<string> Platforms() => new("freesolo", "reinforcenow", "runrl");

    private static readonly (bool Thinking, bool MultiTurn)[] FreesoloShapes = [(false, false), (false, true), (true, false), (true, true)];

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_combination_generates_its_platform_s_files_and_validates_with_no_warning(string platform, bool thinking, bool multiTurn, string ci)
    {
        var dir = hive.Generated(feed, platform, thinking, multiTurn, ci);

        AssertValidatesClean(dir, platform);
        foreach (var python in Directory.EnumerateFiles(dir, "*.py", SearchOption.AllDirectories))
        {
            var compiled = Python("-m", "py_compile", python);
            Assert.True(compiled.ExitCode == 0, python + ": " + compiled.Output);
        }

        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("#endif", text, StringComparison.Ordinal);
            Assert.DoesNotContain("__RLENV_", text, StringComparison.Ordinal);
        }

        Assert.Equal(ci == "github", File.Exists(Path.Combine(dir, ".github", "workflows", "rlenv.yml")));
        Assert.True(File.Exists(Path.Combine(dir, "nuget.config")));
        Assert.False(Directory.Exists(Path.Combine(dir, "platforms")));
        string[] expected = platform switch
        {
            "freesolo" => ["environment.py", "evaluations.py", "dataset/train.jsonl", "dataset/eval.jsonl", "configs/sft.toml", "configs/rl.toml", "configs/opd.toml"],
            "reinforcenow" => ["train.jsonl", "rewards.py", "tools.py", "config.yml"],
            _ => ["prompts.jsonl", "reward.py"],
        };
        Assert.All(expected, f => Assert.True(File.Exists(Path.Combine(dir, f)), f));
        if (platform == "freesolo")
        {
            var source = File.ReadAllText(Path.Combine(dir, "environment.py"));
            Assert.Contains(multiTurn ? "(EnvironmentMultiTurn)" : "(EnvironmentSingleTurn)", source, StringComparison.Ordinal);
            Assert.All(Directory.GetFiles(Path.Combine(dir, "configs")), c => Assert.Equal(thinking, File.ReadAllText(c).Contains("thinking = true", StringComparison.Ordinal)));
        }
        else
        {
            Assert.False(File.Exists(Path.Combine(dir, "environment.py")));
            Assert.False(File.Exists(Path.Combine(dir, "evaluations.py")));
        }
    }

    [Theory]
    [MemberData(nameof(FreesoloCombinations))]
    public void Environment_and_evaluations_follow_the_contract_flash_calls(bool thinking, bool multiTurn, string ci)
    {
        var dir = hive.Generated(feed, "freesolo", thinking, multiTurn, ci);

        var checkedContract = Python(Script("freesolo_contract.py"), dir, multiTurn ? "multi" : "single");

        Assert.True(checkedContract.ExitCode == 0, checkedContract.Output);
    }

    [Fact]
    public void Contract_check_refuses_the_shapes_flash_cannot_call()
    {
        var single = Path.Combine(hive.Root, "broken-single");
        var multi = Path.Combine(hive.Root, "broken-multi");
        WriteBroken(single, """
            from freesolo.environments import EnvironmentSingleTurn

            class Env(EnvironmentSingleTurn):
                def build_prompt_messages(self, example):
                    return [{"role": "user", "content": example.input}]

                def score_response(self, example, response: str) -> float:
                    return 1.0

            def load_environment(split="train", **params):
                return Env()
            """);
        WriteBroken(multi, """
            from freesolo.datasets.types import TaskExample
            from freesolo.environments import EnvironmentEpisode, EnvironmentMultiTurn, EnvironmentStepResult, RewardResult

            class Env(EnvironmentMultiTurn):
                def start_episode(self, example: TaskExample, prompt_text: str):
                    return {"messages": [], "turn": 0}

                def max_episode_turns(self, example: TaskExample) -> int:
                    return 3

                def step_episode(self, example: TaskExample, state, response: str):
                    return state, True

                def score_episode(self, example: TaskExample, state) -> float:
                    return 0.0

            def load_environment(split="train", dataset_path=None, **params):
                return Env()
            """);

        var refusedSingle = Python(Script("freesolo_contract.py"), single, "single");
        var refusedMulti = Python(Script("freesolo_contract.py"), multi, "multi");

        Assert.Equal(1, refusedSingle.ExitCode);
        Assert.Contains("build_prompt_messages(('example', None),) should be", refusedSingle.Output, StringComparison.Ordinal);
        Assert.Contains("score_response should be annotated -> RewardResult", refusedSingle.Output, StringComparison.Ordinal);
        Assert.Contains("score_response line 8 returns 1.0, not a RewardResult(...)", refusedSingle.Output, StringComparison.Ordinal);
        Assert.Contains("load_environment ignores dataset_path", refusedSingle.Output, StringComparison.Ordinal);
        Assert.Equal(1, refusedMulti.ExitCode);
        Assert.Contains("start_episode line 6 should return the message list", refusedMulti.Output, StringComparison.Ordinal);
        Assert.Contains("step_episode(('example', 'TaskExample'), ('state', None), ('response', 'str')) should be", refusedMulti.Output, StringComparison.Ordinal);
        Assert.Contains("step_episode line 12 returns (state, True), not a EnvironmentStepResult(...)", refusedMulti.Output, StringComparison.Ordinal);
        Assert.Contains("score_episode should be annotated -> RewardResult", refusedMulti.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FreesoloCombinations))]
    public void Every_config_passes_flash_s_schema_rules_and_rlenv_validate(bool thinking, bool multiTurn, string ci)
    {
        var dir = hive.Generated(feed, "freesolo", thinking, multiTurn, ci);
        var configs = Directory.GetFiles(Path.Combine(dir, "configs"), "*.toml").Order(StringComparer.Ordinal).ToArray();

        var flash = Python([Script("flash_config_check.py"), .. configs]);

        Assert.True(flash.ExitCode == 0, flash.Output);
        Assert.Equal(["opd.toml", "rl.toml", "sft.toml"], configs.Select(c => Path.GetFileName(c)));
        Assert.All(configs, config =>
        {
            var lines = File.ReadAllLines(config);
            var project = Array.FindIndex(lines, l => l.StartsWith("project = ", StringComparison.Ordinal));
            Assert.Equal($"project = \"{PlaceholderProject}\"", lines[project]);
            Assert.StartsWith("# PLACEHOLDER:", lines[project - 1], StringComparison.Ordinal);
        });
        AssertValidatesClean(dir, "freesolo");
    }

    [Fact]
    public void Config_check_refuses_what_flash_train_refuses()
    {
        var dir = Path.Combine(hive.Root, "refused-configs");
        Directory.CreateDirectory(dir);
        var old = Path.Combine(dir, "old.toml");
        File.WriteAllText(old, "model = \"qwen3-8b\"\nalgorithm = \"sft\"\n\n[environment]\nid = \"my-org/math\"\n");
        var knob = Path.Combine(dir, "knob.toml");
        File.WriteAllText(knob, $"model = \"Qwen/Qwen3.5-4B\"\nproject = \"{PlaceholderProject}\"\nalgorithm = \"grpo\"\n\n[environment]\nid = \"Org/p/n\"\n\n[train]\nbatch_size = 4\n");

        var refused = Python(Script("flash_config_check.py"), old, knob);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("old.toml: model 'qwen3-8b' is not in Flash's catalog", refused.Output, StringComparison.Ordinal);
        Assert.Contains("old.toml: project None is not a UUID", refused.Output, StringComparison.Ordinal);
        Assert.Contains("old.toml: [environment] id 'my-org/math' is not org/project/name", refused.Output, StringComparison.Ordinal);
        Assert.Contains("knob.toml: [environment] id 'Org/p/n' is not org/project/name in lower case", refused.Output, StringComparison.Ordinal);
        Assert.Contains("knob.toml: train.batch_size does not apply to grpo", refused.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PackedCombinations))]
    public void Generated_project_packs_with_no_warning_once_nuget_config_names_the_feed(string platform, bool thinking, bool multiTurn)
    {
        var dir = hive.CopyOf(hive.Generated(feed, platform, thinking, multiTurn, "none"));
        TemplateHive.PointNuGetConfigAt(dir, feed.Feed);

        var pack = Dotnet.Run(dir, Path.Combine(dir, "..", ".packages"), "pack", "-nodeReuse:false");

        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.DoesNotContain("warning", pack.Output, StringComparison.OrdinalIgnoreCase);
        var entries = TarEntries(Path.Combine(dir, "bin", "Release", "math-0.1.0.tar.gz"));
        string[] shipped = platform switch
        {
            "freesolo" => ["environment.py", "evaluations.py", "dataset/train.jsonl", "dataset/eval.jsonl"],
            "reinforcenow" => ["train.jsonl", "rewards.py", "tools.py", "config.yml"],
            _ => ["prompts.jsonl", "reward.py"],
        };
        Assert.All(shipped, f => Assert.Contains(f, entries));
        Assert.DoesNotContain("nuget.config", entries);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void Workflow_restores_validates_and_packs_on_a_clean_runner_and_a_rerun_gives_the_same_bytes(string platform)
    {
        var dir = hive.CopyOf(hive.Generated(feed, platform, false, false, "github"));
        var workflow = new GitHubWorkflow(Path.Combine(dir, ".github", "workflows", "rlenv.yml"));
        Assert.Equal(["pack", "publish"], workflow.Jobs);
        foreach (var step in workflow.Jobs.SelectMany(workflow.Steps))
        {
            Assert.False(step.Run?.Contains("${{", StringComparison.Ordinal) ?? false, $"{step.Name}: an expression inside run: is script injection");
        }

        Assert.Equal(["actions/checkout@v4", "actions/setup-dotnet@v4", "Restore", "Validate", "Pack", "actions/upload-artifact@v4"], workflow.Steps("pack").Select(s => s.Name));
        Assert.Equal("true", workflow.Steps("pack")[^1].With["overwrite"]);
        TemplateHive.PointNuGetConfigAt(dir, feed.Feed);
        var packages = Path.Combine(dir, "..", "runner-packages");
        var tag = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["NUGET_PACKAGES"] = packages,
            ["GITHUB_REF"] = "refs/tags/v1.2.3",
            ["GITHUB_REF_NAME"] = "v1.2.3",
        };

        foreach (var name in new[] { "Restore", "Validate", "Pack" })
        {
            var ran = GitHubWorkflow.Run(workflow.Step("pack", name), dir, tag);
            Assert.True(ran.ExitCode == 0, name + ": " + ran.Output);
            if (name == "Restore")
            {
                Assert.True(Directory.Exists(Path.Combine(packages, "rlenv.sdk", feed.Version)), ran.Output);
            }
        }

        var artifact = Path.Combine(dir, "bin", "artifacts", "math-1.2.3.tar.gz");
        var first = File.ReadAllBytes(artifact);
        var rerun = GitHubWorkflow.Run(workflow.Step("pack", "Pack"), dir, tag);
        Assert.True(rerun.ExitCode == 0, rerun.Output);
        var publishPack = GitHubWorkflow.Run(workflow.Step("publish", "Pack"), dir, tag);
        Assert.True(publishPack.ExitCode == 0, publishPack.Output);
        Assert.Equal(first, File.ReadAllBytes(artifact));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void Tag_publish_reruns_cleanly_reads_the_tag_from_the_environment_and_lower_cases_the_registry_path(string platform)
    {
        var dir = hive.CopyOf(hive.Generated(feed, platform, false, false, "github"));
        var workflow = new GitHubWorkflow(Path.Combine(dir, ".github", "workflows", "rlenv.yml"));
        var publish = workflow.Job("publish");
        Assert.Equal("startsWith(github.ref, 'refs/tags/v')", GitHubWorkflow.Scalar(publish, "if"));
        Assert.Equal("pack", GitHubWorkflow.Scalar(publish, "needs"));
        var bin = Path.Combine(dir, "..", "bin-stand-ins");
        Directory.CreateDirectory(bin);
        var log = Path.Combine(dir, "..", "calls.log");
        // gh as GitHub's CLI behaves: `release create` of an existing tag fails, `upload --clobber` replaces files.
        StandIn(bin, "gh", $$"""
            echo "gh $*" >> '{{log}}'
            state='{{Path.Combine(dir, "..", "release-exists")}}'
            case "$1 $2" in
              "release view") [ -f "$state" ] ;;
              "release create") if [ -f "$state" ]; then echo "a release with the same tag name already exists" >&2; exit 1; fi; touch "$state" ;;
              "release upload") [ -f "$state" ] ;;
              *) exit 2 ;;
            esac
            """);
        StandIn(bin, "dotnet", $$"""
            printf 'dotnet' >> '{{log}}'; printf ' [%s]' "$@" >> '{{log}}'; echo >> '{{log}}'
            """);
        var tag = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GITHUB_REF"] = "refs/tags/v1.2.3$(touch pwned)",
            ["GITHUB_REF_NAME"] = "v1.2.3$(touch pwned)",
            ["GITHUB_REPOSITORY"] = "My-Org/Math.Env",
            ["GH_TOKEN"] = "token",
            ["RLENV_REGISTRY_USERNAME"] = "someone",
            ["RLENV_REGISTRY_PASSWORD"] = "token",
        };
        Directory.CreateDirectory(Path.Combine(dir, "bin", "artifacts"));
        File.WriteAllText(Path.Combine(dir, "bin", "artifacts", "math-1.2.3.tar.gz"), "x");

        var release = workflow.Step("publish", "GitHub release");
        var firstRelease = GitHubWorkflow.Run(release, dir, tag, bin);
        var rerunRelease = GitHubWorkflow.Run(release, dir, tag, bin);
        var registry = GitHubWorkflow.Run(workflow.Step("publish", "GitHub container registry"), dir, tag, bin);

        Assert.True(firstRelease.ExitCode == 0, firstRelease.Output);
        Assert.True(rerunRelease.ExitCode == 0, rerunRelease.Output);
        Assert.True(registry.ExitCode == 0, registry.Output);
        Assert.Equal("${{ github.token }}", release.Env["GH_TOKEN"]);
        var calls = File.ReadAllLines(log);
        Assert.StartsWith("gh release create v1.2.3$(touch pwned) ", calls.Single(c => c.StartsWith("gh release create", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(calls, c => c.StartsWith("gh release upload v1.2.3$(touch pwned) ", StringComparison.Ordinal) && c.EndsWith(" --clobber", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Contains("[-p:RlEnvPublishTo=oci://ghcr.io/my-org/math.env]", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(dir, "pwned")), "the tag name ran as a command");

        var hub = workflow.Steps("publish").SingleOrDefault(s => s.Name == "Freesolo hub");
        Assert.Equal(platform == "freesolo", hub is not null);
        if (hub is not null)
        {
            Assert.Equal("${{ secrets.FREESOLO_API_KEY }}", hub.Env["FREESOLO_API_KEY"]);
            var unconfigured = GitHubWorkflow.Run(hub, dir, tag, bin);
            Assert.NotEqual(0, unconfigured.ExitCode);
            Assert.Contains("::error::Set the repository variable FREESOLO_PROJECT_ID", unconfigured.Output, StringComparison.Ordinal);
            var published = GitHubWorkflow.Run(hub, dir, new Dictionary<string, string>(tag, StringComparer.Ordinal)
            {
                ["FREESOLO_PROJECT_ID"] = "3f2a1e34-5d6c-4b7a-8e9f-0a1b2c3d4e5f",
                ["FREESOLO_API_KEY"] = "the-key",
            }, bin);
            Assert.True(published.ExitCode == 0, published.Output);
            var call = File.ReadAllLines(log)[^1];
            Assert.Contains("[-p:RlEnvPublishTo=freesolo://3f2a1e34-5d6c-4b7a-8e9f-0a1b2c3d4e5f]", call, StringComparison.Ordinal);
            Assert.DoesNotContain("the-key", call, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Readme_github_actions_job_passes_event_values_through_the_environment_and_lower_cases_the_registry_path()
    {
        var readme = File.ReadAllText(Path.Combine(SdkFeed.RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("```yaml\nname: environment", StringComparison.Ordinal);
        Assert.True(start >= 0, "the README's GitHub Actions job is gone");
        var yaml = readme[(start + "```yaml\n".Length)..readme.IndexOf("```", start + 3, StringComparison.Ordinal)];
        var file = Path.Combine(hive.Root, "readme-job.yml");
        File.WriteAllText(file, yaml);

        var job = new GitHubWorkflow(file);
        var steps = job.Jobs.SelectMany(job.Steps).Where(s => s.Run is not null).ToList();

        Assert.NotEmpty(steps);
        Assert.All(steps, s => Assert.DoesNotContain("${{", s.Run!, StringComparison.Ordinal));
        Assert.Contains(steps, s => s.Run!.Contains("oci://ghcr.io/${GITHUB_REPOSITORY_OWNER,,}/", StringComparison.Ordinal));
    }

    [Fact]
    public void Project_pins_the_sdk_version_names_the_environment_and_the_feed()
    {
        var created = hive.New(feed, "pins", "-n", "My Env", "-o", "my-env");
        Assert.True(created.ExitCode == 0, created.Output);
        var dir = Path.Combine(hive.Root, "pins", "my-env");

        Assert.Contains($"Sdk=\"RlEnv.Sdk/{feed.Version}\"", File.ReadAllText(Path.Combine(dir, "My Env.rlenvproj")), StringComparison.Ordinal);
        Assert.Contains("id = \"my-org/my-project/my-env\"", File.ReadAllText(Path.Combine(dir, "configs", "rl.toml")), StringComparison.Ordinal);
        Assert.Contains("<add key=\"rlenv\" value=\"https://api.nuget.org/v3/index.json\" />", File.ReadAllText(Path.Combine(dir, "nuget.config")), StringComparison.Ordinal);
        foreach (var expected in new[] { ".gitignore", "README.md", "nuget.config", "environment.py", "evaluations.py", "dataset/train.jsonl", "dataset/eval.jsonl", "configs/sft.toml", "configs/rl.toml", "configs/opd.toml" })
        {
            Assert.True(File.Exists(Path.Combine(dir, expected)), expected);
        }

        var ignore = File.ReadAllText(Path.Combine(dir, ".gitignore"));
        Assert.All(new[] { "bin/", "obj/", "__pycache__/", ".venv/", ".env" }, entry => Assert.Contains(entry, ignore, StringComparison.Ordinal));
        var readme = File.ReadAllText(Path.Combine(dir, "README.md"));
        Assert.Contains("`flash env push` takes a folder, not an archive", readme, StringComparison.Ordinal);
        Assert.Contains("flash env push --project <project-uuid> --name <name> bin/push", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_options_set_the_id_sdk_version_and_feed()
    {
        var created = hive.New(feed, "short", "-n", "calc", "-I", "acme/tools/calc", "-S", "9.9.9", "-F", "../feed", "-T", "-M", "-C", "github");
        Assert.True(created.ExitCode == 0, created.Output);
        var dir = Path.Combine(hive.Root, "short", "calc");

        Assert.Contains("Sdk=\"RlEnv.Sdk/9.9.9\"", File.ReadAllText(Path.Combine(dir, "calc.rlenvproj")), StringComparison.Ordinal);
        Assert.Contains("id = \"acme/tools/calc\"", File.ReadAllText(Path.Combine(dir, "configs", "sft.toml")), StringComparison.Ordinal);
        Assert.Contains("<add key=\"rlenv\" value=\"../feed\" />", File.ReadAllText(Path.Combine(dir, "nuget.config")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, ".github", "workflows", "rlenv.yml")));
    }

    private static void AssertValidatesClean(string dir, string platform)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, RlEnvCli.Run(["validate", dir, "--json"], new System.IO.Abstractions.FileSystem(), stdout, stderr));
        using var validated = JsonDocument.Parse(stdout.ToString());
        Assert.DoesNotContain(validated.RootElement.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() != "info");
        Assert.Equal(platform, validated.RootElement.GetProperty("profile").GetString());
        Assert.Equal(platform == "freesolo" ? 2 : 1, validated.RootElement.GetProperty("splits").GetArrayLength());
    }

    private static void WriteBroken(string dir, string environment)
    {
        Directory.CreateDirectory(Path.Combine(dir, "dataset"));
        File.WriteAllText(Path.Combine(dir, "environment.py"), environment);
        File.WriteAllText(Path.Combine(dir, "evaluations.py"), "from flash.envs.evaluations import EvalCase, EvalResult\n\ndef load_evaluations(environment=None):\n    return []\n");
    }

    private static void StandIn(string bin, string name, string script)
    {
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, "#!/usr/bin/env bash\n" + script + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Templates", name);

    private static List<string> TarEntries(string artifact)
    {
        using var gzip = new GZipStream(File.OpenRead(artifact), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add(entry.Name.TrimEnd('/'));
        }

        return entries;
    }

    private static (int ExitCode, string Output) Python(params string[] args)
    {
        var python = PythonInterpreter.Find(null);
        Assert.True(python.Interpreter is not null, python.Problem);
        var start = new ProcessStartInfo(python.Interpreter.Executable, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
