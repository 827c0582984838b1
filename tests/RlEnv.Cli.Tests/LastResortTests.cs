using System.IO.Abstractions;
using System.Text.Json;

namespace RlEnv.Cli.Tests;

/// <summary>Whatever goes wrong, --json prints exactly one JSON object with an RLENV code, and the exit code is 2.</summary>
public sealed class LastResortTests
{
    private static (int Exit, string Stdout, string Stderr) Run(Action? crash, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = RlEnvCli.Run(args, new FileSystem(), stdout, stderr, crash, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static JsonElement Single(string stdout)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(stdout));
        using var document = JsonDocument.ParseValue(ref reader);
        Assert.False(reader.Read(), "stdout holds more than one JSON value");
        return document.RootElement.Clone();
    }

    [Fact]
    public void Crash_inside_a_command_prints_one_json_object_with_the_internal_failure_code()
    {
        var (exit, stdout, stderr) = Run(() => throw new InvalidOperationException("boom"), "validate", ".", "--json");

        Assert.Equal(2, exit);
        Assert.Equal("RLENV0011", Single(stdout).GetProperty("diagnostics")[0].GetProperty("code").GetString());
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancel_prints_one_json_object_with_the_cancelled_code()
    {
        var (exit, stdout, _) = Run(() => throw new OperationCanceledException(), "ls", ".", "--json");

        Assert.Equal(2, exit);
        Assert.Equal("RLENV0010", Single(stdout).GetProperty("diagnostics")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void Parse_error_with_json_prints_one_json_object_with_the_invalid_option_code()
    {
        var (exit, stdout, _) = Run(null, "pack", ".", "--max-members", "many", "--json");

        Assert.Equal(2, exit);
        Assert.Equal("RLENV1704", Single(stdout).GetProperty("diagnostics")[0].GetProperty("code").GetString());
    }
}
