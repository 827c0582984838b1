using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

/// <summary>
/// --warnaserror [CODES] (issue 11, item 5), as MSBuild's -warnaserror: without a value every warning is an error,
/// with a list only those codes; a promoted warning is a content error (exit 1, nothing written) and --json shows it
/// as "error". `CON.txt` is the warning used throughout: RLENV1104, which Flash pushes and the hub accepts.
/// </summary>
public sealed class WarnAsErrorTests : IDisposable
{
    private readonly TempEnvironment _env = new();

    public WarnAsErrorTests() => _env.Write("CON.txt", "a Windows device name");

    private static JsonElement Diagnostic(CliRun run, string code) =>
        Assert.Single(run.Json().GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == code);

    private bool ArtifactWritten => Directory.Exists(_env.Output) && Directory.EnumerateFiles(_env.Output, "*.tar.gz").Any();

    [Fact]
    public void Without_the_option_a_warning_exits_0_and_pack_writes_the_artifact()
    {
        var run = CliRun.Of("pack", _env.Root, "-o", _env.Output, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("warning", Diagnostic(run, "RLENV1104").GetProperty("severity").GetString());
        Assert.True(ArtifactWritten);
    }

    [Fact]
    public void Without_codes_every_warning_is_an_error_exit_1_and_pack_writes_nothing()
    {
        var json = CliRun.Of("pack", _env.Root, "-o", _env.Output, "--warnaserror", "--json");
        var human = CliRun.Of("pack", "--warnaserror", _env.Root, "-o", _env.Output);

        Assert.Equal(1, json.ExitCode);
        Assert.Equal("error", Diagnostic(json, "RLENV1104").GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Null, json.Json().GetProperty("artifact").ValueKind);
        Assert.Equal(1, human.ExitCode);
        Assert.Contains("CON.txt: error RLENV1104: ", human.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 error(s), 0 warning(s)", human.Stderr, StringComparison.Ordinal);
        Assert.False(ArtifactWritten);
    }

    [Theory]
    [InlineData("RLENV1104")]
    [InlineData("rlenv1104")]
    [InlineData("RLENV1106,RLENV1104")]
    [InlineData("RLENV1106;RLENV1104")]
    [InlineData(" RLENV1106 , RLENV1104 ")]
    public void A_list_naming_the_code_promotes_it(string codes)
    {
        var run = CliRun.Of("validate", _env.Root, "--warnaserror", codes, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error", Diagnostic(run, "RLENV1104").GetProperty("severity").GetString());
    }

    [Fact]
    public void A_list_promotes_only_its_codes_and_the_attached_form_works_too()
    {
        _env.Write("dataset/eval.jsonl", "{\"input\":\"q\",\"board\":[1]}\n");

        var other = CliRun.Of("pack", _env.Root, "-o", _env.Output, "--warnaserror", "RLENV1106", "--json");
        var attached = CliRun.Of("validate", "--warnaserror=RLENV2020", _env.Root, "--json");

        Assert.Equal(0, other.ExitCode);
        Assert.Equal("warning", Diagnostic(other, "RLENV1104").GetProperty("severity").GetString());
        Assert.True(ArtifactWritten);
        Assert.Equal(1, attached.ExitCode);
        Assert.Equal("error", Diagnostic(attached, "RLENV2020").GetProperty("severity").GetString());
        Assert.Equal("warning", Diagnostic(attached, "RLENV1104").GetProperty("severity").GetString());
    }

    [Fact]
    public void A_code_that_is_never_a_warning_changes_nothing()
    {
        var run = CliRun.Of("validate", _env.Root, "--warnaserror", "RLENV2002", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("warning", Diagnostic(run, "RLENV1104").GetProperty("severity").GetString());
    }

    [Theory]
    [InlineData("RLENV9999")]
    [InlineData("RLENV1104,CS8600")]
    public void An_unknown_code_is_a_usage_error_exit_2_with_one_json_object(string codes)
    {
        var run = CliRun.Of("pack", _env.Root, "-o", _env.Output, "--warnaserror", codes, "--json");

        Assert.Equal(2, run.ExitCode);
        var error = Diagnostic(run, "RLENV1704");
        Assert.Contains("is not a code RlEnv reports", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(ArtifactWritten);
    }

    [Fact]
    public void Ls_and_validate_exit_1_with_the_promoted_warning()
    {
        var ls = CliRun.Of("ls", _env.Root, "--warnaserror", "--json");
        var validate = CliRun.Of("validate", _env.Root, "--warnaserror");

        Assert.Equal(1, ls.ExitCode);
        Assert.Equal("error", Diagnostic(ls, "RLENV1104").GetProperty("severity").GetString());
        Assert.Contains(ls.Json().GetProperty("entries").EnumerateArray(), e => e.GetProperty("path").GetString() == "CON.txt");
        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("CON.txt: error RLENV1104: ", validate.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_promotes_a_twin_warning_in_an_artifact()
    {
        var artifact = Path.Combine(_env.Root, "twins.tar.gz");
        using (var file = File.Create(artifact))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "a.py") { DataStream = new MemoryStream([1]) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "A.py") { DataStream = new MemoryStream([2]) });
        }

        var plain = CliRun.Of("inspect", artifact, "--json");
        var strict = CliRun.Of("inspect", "--warnaserror", artifact, "--json");

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal("warning", Diagnostic(plain, "RLENV1106").GetProperty("severity").GetString());
        Assert.Equal(1, strict.ExitCode);
        Assert.Equal("error", Diagnostic(strict, "RLENV1106").GetProperty("severity").GetString());
    }

    [Fact]
    public void Convert_with_a_promoted_dropped_field_exits_1_and_writes_no_output()
    {
        var input = _env.Write("train.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"assistant\",\"content\":\"A\"}],\"rewards\":[\"accuracy\"]}\n");
        var output = Path.Combine(_env.Output, "records.jsonl");

        var run = CliRun.Of("convert", "--from", "reinforcenow", "--to", "freesolo", input, output, "--warnaserror", "RLENV2501", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error", Diagnostic(run, "RLENV2501").GetProperty("severity").GetString());
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.Exists(_env.Output) ? Directory.EnumerateFiles(_env.Output) : []);
    }

    // Case twins work on the Linux worker: pack warns, and publish and pull (on Linux) take the option and have nothing to promote.
    [Fact]
    public void Publish_and_pull_take_the_option_and_a_linux_pull_keeps_case_twins()
    {
        File.Delete(Path.Combine(_env.Root, "CON.txt"));
        _env.Write("Notes.md", "upper");
        _env.Write("notes.md", "lower");
        var registry = Path.Combine(_env.Output, "registry");
        var pack = CliRun.Of("pack", _env.Root, "-o", _env.Output, "--json");
        var artifact = pack.Json().GetProperty("artifact").GetString()!;

        var publish = CliRun.Of("publish", artifact, $"file://{registry}/env", "--warnaserror", "--json");
        var pull = CliRun.Of("pull", $"file://{registry}/env:1.0.0", "-o", Path.Combine(_env.Output, "pulled"), "--warnaserror", "--json");

        Assert.Equal("warning", Diagnostic(pack, "RLENV1106").GetProperty("severity").GetString());
        Assert.Equal((0, 0), (publish.ExitCode, pull.ExitCode));
        Assert.Equal("upper", File.ReadAllText(Path.Combine(_env.Output, "pulled", "Notes.md")));
        Assert.Equal("lower", File.ReadAllText(Path.Combine(_env.Output, "pulled", "notes.md")));
    }

    public void Dispose() => _env.Dispose();
}
