using System.Text.Json;
using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

public class OutOfRangeOptionTests
{
    [Theory]
    [InlineData("--max-members", "-1")]
    [InlineData("--max-members", "0")]
    [InlineData("--max-compressed-bytes", "-1")]
    [InlineData("--max-compressed-bytes", "0")]
    [InlineData("--max-uncompressed-bytes", "-1")]
    [InlineData("--max-uncompressed-bytes", "9223372036854775807")]
    [InlineData("--max-line-bytes", "0")]
    [InlineData("--max-line-bytes", "4294967296")]
    [InlineData("--compression-level", "-1")]
    public void Out_of_range_caps_are_usage_errors_with_one_json_object_and_nothing_written(string option, string value)
    {
        using var env = new TempEnvironment();

        var run = CliRun.Of("pack", env.Root, "-o", env.Output, option, value, "--json");

        Assert.Equal(2, run.ExitCode);
        var diagnostic = Assert.Single(run.Json().GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("RLENV1704", diagnostic.GetProperty("code").GetString());
        Assert.Contains(option, diagnostic.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("between", diagnostic.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(env.Output));
    }

    [Fact]
    public void Validate_refuses_a_negative_member_cap_as_a_usage_error_in_human_form()
    {
        using var env = new TempEnvironment();

        var run = CliRun.Of("validate", env.Root, "--max-members", "-1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error RLENV1704: --max-members must be between 1 and 100,000,000", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("over the cap", run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_accepted_caps_pack_normally()
    {
        using var env = new TempEnvironment();

        var run = CliRun.Of("pack", env.Root, "-o", env.Output, "--max-uncompressed-bytes", "1125899906842624", "--max-members", "100000000", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(JsonValueKind.String, run.Json().GetProperty("artifact").ValueKind);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void An_empty_output_folder_is_a_usage_error_with_an_rlenv_code(string output)
    {
        using var env = new TempEnvironment();

        var run = CliRun.Of("pack", env.Root, "-o", output, "--json");

        Assert.Equal(2, run.ExitCode);
        var diagnostic = Assert.Single(run.Json().GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("RLENV1704", diagnostic.GetProperty("code").GetString());
        Assert.DoesNotContain("internal failure", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_with_json_still_prints_one_json_object() =>
        Assert.Equal("RLENV1704", CliRun.Of("pack", ".", "--no-such-option", "--json").Json().GetProperty("diagnostics")[0].GetProperty("code").GetString());
}
