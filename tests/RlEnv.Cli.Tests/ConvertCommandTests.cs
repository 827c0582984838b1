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

    // rnow/models.py TrainEntryMidtrain: a midtrain row is {"text": ...}.
    [Fact]
    public void Midtrain_rows_convert_to_freesolo_with_a_warning_and_to_openai_not_at_all()
    {
        using var env = new TempEnvironment(withEntryPoint: false);
        var input = env.Write("train.jsonl", "{\"text\":\"Problem: 2x = 8.\\n\\nSolution: x = 4.\"}\n");
        var output = Path.Combine(env.Output, "records.jsonl");

        var freesolo = CliRun.Of("convert", "--from", "reinforcenow", "--to", "freesolo", input, output);
        var openAi = CliRun.Of("convert", "--from", "reinforcenow", "--to", "openai", input, Path.Combine(env.Output, "chat.jsonl"));

        Assert.Equal(0, freesolo.ExitCode);
        Assert.Contains("warning RLENV2504", freesolo.Stderr, StringComparison.Ordinal);
        Assert.Equal("{\"input\":\"Problem: 2x = 8.\\n\\nSolution: x = 4.\"}\n", File.ReadAllText(output));
        Assert.Equal(1, openAi.ExitCode);
        Assert.Contains("train.jsonl(1,1): error RLENV2503: No openai counterpart", openAi.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(env.Output, "chat.jsonl")));
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
