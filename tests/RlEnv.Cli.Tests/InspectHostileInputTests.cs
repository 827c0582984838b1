using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

/// <summary>inspect on a device, a FIFO or a corrupt artifact ends with one JSON object and the contract's exit code.</summary>
public class InspectHostileInputTests
{
    [Fact]
    public void Inspect_of_dev_zero_exits_2_with_one_json_object()
    {
        var run = CliRun.Of("inspect", "/dev/zero", "--json");

        Assert.Equal(2, run.ExitCode);
        var diagnostic = Assert.Single(run.Json().GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("RLENV1807", diagnostic.GetProperty("code").GetString());
    }

    [Fact]
    public void Inspect_of_a_fifo_exits_2_in_human_form_without_blocking()
    {
        using var env = new TempEnvironment();
        var fifo = Path.Combine(env.Root, "a.tar.gz");
        Assert.Equal(0, Processes.Run("mkfifo", [fifo], env.Root).ExitCode);

        var run = CliRun.Of("inspect", fifo);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error RLENV1807", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Inspect_of_a_missing_file_with_json_prints_one_object()
    {
        var run = CliRun.Of("inspect", "/nonexistent/a.tar.gz", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not exist", run.Json().GetProperty("diagnostics")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_of_a_file_that_is_not_gzip_exits_1_with_a_diagnostic_not_a_stack_trace()
    {
        using var env = new TempEnvironment();
        var artifact = Path.Combine(env.Root, "a.tar.gz");
        File.WriteAllText(artifact, "plain text");

        var run = CliRun.Of("inspect", artifact, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("RLENV1801", run.Json().GetProperty("diagnostics")[0].GetProperty("code").GetString());
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
