using System.IO.Abstractions;
using System.Text.Json;

namespace RlEnv.Cli.Tests.Support;

/// <summary>Runs the real command line in-process over the real file system, capturing stdout and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = RlEnvCli.Run(args, new FileSystem(), stdout, stderr);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The real command line with these environment variables (and no others: nothing of the test host's leaks in).</summary>
    public static CliRun WithEnvironment(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = RlEnvCli.Run(args, new FileSystem(), stdout, stderr, beforeInvoke: null, CancellationToken.None, name => environment.GetValueOrDefault(name));
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }
}
