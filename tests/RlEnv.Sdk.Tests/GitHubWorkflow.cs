using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace RlEnv.Sdk.Tests;

/// <summary>One step of a GitHub Actions job.</summary>
/// <param name="Name">The step's name, or its `uses`.</param>
/// <param name="Run">Its script, or null for an action.</param>
/// <param name="Env">Its `env:` map.</param>
/// <param name="With">Its `with:` map.</param>
internal sealed record WorkflowStep(string Name, string? Run, IReadOnlyDictionary<string, string> Env, IReadOnlyDictionary<string, string> With);

/// <summary>A GitHub Actions workflow file, parsed as YAML, whose `run:` scripts a test can execute as the runner does.</summary>
internal sealed class GitHubWorkflow
{
    private readonly YamlMappingNode _root;

    public GitHubWorkflow(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        Assert.Single(stream.Documents);
        _root = Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
    }

    public YamlMappingNode Root => _root;

    public IReadOnlyList<string> Jobs => [.. Mapping(_root, "jobs").Children.Keys.Select(k => ((YamlScalarNode)k).Value!)];

    public YamlMappingNode Job(string job) => Mapping(Mapping(_root, "jobs"), job);

    public IReadOnlyList<WorkflowStep> Steps(string job) =>
        [.. ((YamlSequenceNode)Job(job).Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>().Select(step => new WorkflowStep(
            Scalar(step, "name") ?? Scalar(step, "uses") ?? "?",
            Scalar(step, "run"),
            Strings(step, "env"),
            Strings(step, "with")))];

    public WorkflowStep Step(string job, string name) => Steps(job).Single(s => s.Name == name);

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static Dictionary<string, string> Strings(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? ((YamlMappingNode)value).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value ?? string.Empty, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Runs a step's script as an ubuntu runner does (`bash --noprofile --norc -eo pipefail`), in a clean environment
    /// plus <paramref name="env"/>; <paramref name="pathFirst"/> goes in front of PATH (for stand-in commands).
    /// </summary>
    /// <param name="step">The step.</param>
    /// <param name="directory">The checkout.</param>
    /// <param name="env">The variables the runner and the step's `env:` would set.</param>
    /// <param name="pathFirst">A folder searched before PATH, or null.</param>
    public static (int ExitCode, string Output) Run(WorkflowStep step, string directory, IReadOnlyDictionary<string, string> env, string? pathFirst = null)
    {
        Assert.NotNull(step.Run);
        var script = Path.Combine(Path.GetTempPath(), $"rlenv-step-{Guid.NewGuid():N}.sh");
        File.WriteAllText(script, step.Run);
        try
        {
            var start = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-eo", "pipefail", script])
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("GITHUB_", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(key);
            }

            start.Environment.Remove("SOURCE_DATE_EPOCH");
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            foreach (var (key, value) in env)
            {
                start.Environment[key] = value;
            }

            if (pathFirst is not null)
            {
                start.Environment["PATH"] = pathFirst + Path.PathSeparator + start.Environment["PATH"];
            }

            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        finally
        {
            File.Delete(script);
        }
    }
}
