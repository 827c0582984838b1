using System.Text.Json;
using RlEnv.Cli;

namespace RlEnv.Sdk.Tests;

/// <summary>`dotnet new rlenv`, installed from the packed template package into a custom hive.</summary>
[Collection(nameof(SdkFeed))]
public sealed class TemplateTests(SdkFeed feed) : IDisposable
{
    private readonly string _base = Directory.CreateTempSubdirectory("rlenv-template-").FullName;

    private string Hive => Path.Combine(_base, "hive");

    private string Packages => Path.Combine(_base, ".packages");

    private (int ExitCode, string Output) New(params string[] args)
    {
        var install = Dotnet.Run(_base, Packages, "new", "install", feed.Templates, "--debug:custom-hive", Hive);
        Assert.True(install.ExitCode == 0, install.Output);
        return Dotnet.Run(_base, Packages, ["new", "rlenv", .. args, "--debug:custom-hive", Hive]);
    }

    private string UseFeed()
    {
        File.WriteAllText(Path.Combine(_base, "nuget.config"), $"""
            <configuration><packageSources><clear /><add key="test" value="{feed.Feed}" /></packageSources></configuration>
            """);
        return _base;
    }

    public static TheoryData<string, bool, bool, string> Combinations()
    {
        var data = new TheoryData<string, bool, bool, string>();
        foreach (var ci in new[] { "none", "github" })
        {
            foreach (var thinking in new[] { false, true })
            {
                foreach (var multiTurn in new[] { false, true })
                {
                    data.Add("freesolo", thinking, multiTurn, ci);
                }
            }

            // --thinking and --multi-turn shape environment.py and its datasets: Freesolo only.
            data.Add("reinforcenow", false, false, ci);
            data.Add("runrl", false, false, ci);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_option_combination_validates_clean_compiles_and_packs(string platform, bool thinking, bool multiTurn, string ci)
    {
        UseFeed();
        List<string> args = ["-n", "math", "--platform", platform, "--ci", ci];
        if (thinking)
        {
            args.Add("--thinking");
        }

        if (multiTurn)
        {
            args.Add("--multi-turn");
        }

        var created = New([.. args]);
        Assert.True(created.ExitCode == 0, created.Output);
        var dir = Path.Combine(_base, "math");

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, RlEnvCli.Run(["validate", dir, "--json"], new System.IO.Abstractions.FileSystem(), stdout, stderr));
        using var validated = JsonDocument.Parse(stdout.ToString());
        Assert.DoesNotContain(validated.RootElement.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() != "info");
        Assert.Equal(platform, validated.RootElement.GetProperty("profile").GetString());
        Assert.Equal(platform == "freesolo" ? 2 : 1, validated.RootElement.GetProperty("splits").GetArrayLength());

        foreach (var python in Directory.EnumerateFiles(dir, "*.py", SearchOption.AllDirectories))
        {
            var compiled = RunPython(python);
            Assert.True(compiled.ExitCode == 0, python + ": " + compiled.Output);
        }

        Assert.Equal(ci == "github", File.Exists(Path.Combine(dir, ".github", "workflows", "rlenv.yml")));
        Assert.False(Directory.Exists(Path.Combine(dir, "platforms")));
        switch (platform)
        {
            case "freesolo":
                var source = File.ReadAllText(Path.Combine(dir, "environment.py"));
                Assert.Contains(multiTurn ? "EnvironmentMultiTurn" : "EnvironmentSingleTurn", source, StringComparison.Ordinal);
                Assert.Equal(thinking, File.ReadAllText(Path.Combine(dir, "configs", "sft.toml")).Contains("thinking = true", StringComparison.Ordinal));
                Assert.DoesNotContain("#if", File.ReadAllText(Path.Combine(dir, "dataset", "train.jsonl")), StringComparison.Ordinal);
                break;
            case "reinforcenow":
                Assert.All(new[] { "train.jsonl", "rewards.py", "tools.py", "config.yml" }, f => Assert.True(File.Exists(Path.Combine(dir, f)), f));
                Assert.False(File.Exists(Path.Combine(dir, "environment.py")));
                break;
            default:
                Assert.All(new[] { "prompts.jsonl", "reward.py" }, f => Assert.True(File.Exists(Path.Combine(dir, f)), f));
                Assert.False(File.Exists(Path.Combine(dir, "environment.py")));
                break;
        }

        var pack = Dotnet.Run(dir, Packages, "pack", "-nodeReuse:false");
        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.DoesNotContain("warning", pack.Output, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(Path.Combine(dir, "bin", "Release", "math-0.1.0.tar.gz")));
    }

    [Fact]
    public void Project_pins_the_sdk_version_the_templates_were_packed_with_and_names_the_environment()
    {
        var created = New("-n", "My Env", "-o", "my-env");
        Assert.True(created.ExitCode == 0, created.Output);
        var dir = Path.Combine(_base, "my-env");

        Assert.Contains($"Sdk=\"RlEnv.Sdk/{feed.Version}\"", File.ReadAllText(Path.Combine(dir, "My Env.rlenvproj")), StringComparison.Ordinal);
        Assert.Contains("id = \"my-org/my-project/my-env\"", File.ReadAllText(Path.Combine(dir, "configs", "rl.toml")), StringComparison.Ordinal);
        foreach (var expected in new[] { ".gitignore", "README.md", "environment.py", "dataset/train.jsonl", "dataset/eval.jsonl", "configs/sft.toml", "configs/rl.toml" })
        {
            Assert.True(File.Exists(Path.Combine(dir, expected)), expected);
        }

        var ignore = File.ReadAllText(Path.Combine(dir, ".gitignore"));
        Assert.All(new[] { "bin/", "obj/", "__pycache__/", ".venv/", ".env" }, entry => Assert.Contains(entry, ignore, StringComparison.Ordinal));
    }

    [Fact]
    public void Short_options_set_the_id_and_sdk_version()
    {
        var created = New("-n", "calc", "-I", "acme/tools/calc", "-S", "9.9.9", "-T", "-M", "-C", "github");
        Assert.True(created.ExitCode == 0, created.Output);
        var dir = Path.Combine(_base, "calc");

        Assert.Contains("Sdk=\"RlEnv.Sdk/9.9.9\"", File.ReadAllText(Path.Combine(dir, "calc.rlenvproj")), StringComparison.Ordinal);
        Assert.Contains("id = \"acme/tools/calc\"", File.ReadAllText(Path.Combine(dir, "configs", "sft.toml")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, ".github", "workflows", "rlenv.yml")));
    }

    private static (int ExitCode, string Output) RunPython(string file)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3", ["-m", "py_compile", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);
}
