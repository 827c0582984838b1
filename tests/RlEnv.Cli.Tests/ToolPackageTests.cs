using System.Text.Json;
using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

/// <summary>The package users install: packed, installed with `dotnet tool install`, and run as a real process.</summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("rlenv-tool-").FullName;

    [Fact]
    public void Installed_tool_packs_the_example_environment_with_json_on_stdout_and_nothing_on_stderr()
    {
        var repo = Processes.RepositoryRoot();
        var feed = Path.Combine(_temp, "feed");
        var tools = Path.Combine(_temp, "tools");
        var isolated = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_temp, "packages") };

        var pack = Processes.Run("dotnet", ["pack", Path.Combine(repo, "src", "RlEnv.Cli"), "-c", "Release", "-o", feed, "-nologo", "-p:NuGetAudit=false"], repo);
        Assert.True(pack.ExitCode == 0, pack.Stdout + pack.Stderr);
        var install = Processes.Run("dotnet", ["tool", "install", "rlenv", "--tool-path", tools, "--add-source", feed, "--prerelease"], _temp, isolated);
        Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);

        var run = Processes.Run(Path.Combine(tools, "rlenv"), ["pack", Path.Combine(repo, "tests", "examples", "math"), "-o", Path.Combine(_temp, "out"), "--version", "0.3", "--json"], _temp);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(string.Empty, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(("math", "0.3.0"), (json.RootElement.GetProperty("name").GetString(), json.RootElement.GetProperty("version").GetString()));
        Assert.True(File.Exists(Path.Combine(_temp, "out", "math-0.3.0.tar.gz")));
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);
}
