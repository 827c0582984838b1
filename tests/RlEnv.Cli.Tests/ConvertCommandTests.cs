using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

public class ConvertCommandTests
{
    [Fact]
    public void Convert_reports_records_and_dropped_fields_in_json()
    {
        using var env = new TempEnvironment(withEntryPoint: false);
        var input = env.Write("train.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"assistant\",\"content\":\"A\"}],\"rewards\":[\"accuracy\"]}\n");
        var output = Path.Combine(env.Output, "records.jsonl");

        var run = CliRun.Of("convert", "--from", "reinforcenow", "--to", "freesolo", input, output, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(1, json.GetProperty("records").GetInt64());
        var dropped = Assert.Single(json.GetProperty("dropped").EnumerateArray());
        Assert.Equal(("rewards", 1L), (dropped.GetProperty("field").GetString(), dropped.GetProperty("count").GetInt64()));
        Assert.Equal("{\"input\":\"Q\",\"output\":\"A\"}\n", File.ReadAllText(output));
    }

    [Fact]
    public void Invalid_record_exits_1_and_an_unknown_format_exits_2()
    {
        using var env = new TempEnvironment(withEntryPoint: false);
        var input = env.Write("in.jsonl", "{\"input\":\"a\"}\n{\"nope\":1}\n");

        var invalid = CliRun.Of("convert", "--from", "freesolo", "--to", "openai", input, Path.Combine(env.Output, "o.jsonl"));
        var unknown = CliRun.Of("convert", "--from", "freesolo", "--to", "alpaca", input, Path.Combine(env.Output, "o.jsonl"));

        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("in.jsonl(2,1): error RLENV2502", invalid.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
    }
}
