using RlEnv.Core.Diagnostics;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Tests.Walking;

public class PathPortabilityTests
{
    // Flash pushes each of these and the hub accepts it (issue 11, item 5): they break only a Windows checkout.
    [Theory]
    [InlineData("CON.txt", "RLENV1104")]
    [InlineData("with:colon.txt", "RLENV1102")]
    [InlineData("trailing.", "RLENV1103")]
    [InlineData("dataset/trailing ", "RLENV1103")]
    [InlineData("dataset/dir./x.jsonl", "RLENV1103")]
    [InlineData("dataset/a*b.jsonl", "RLENV1102")]
    [InlineData("dataset/a?b.jsonl", "RLENV1102")]
    [InlineData("dataset/a\"b.jsonl", "RLENV1102")]
    [InlineData("dataset/a<b.jsonl", "RLENV1102")]
    [InlineData("dataset/a>b.jsonl", "RLENV1102")]
    [InlineData("dataset/a|b.jsonl", "RLENV1102")]
    [InlineData("dataset/CON", "RLENV1104")]
    [InlineData("dataset/nul.jsonl", "RLENV1104")]
    [InlineData("dataset/Com1.tar.gz", "RLENV1104")]
    [InlineData("dataset/lpt9.txt", "RLENV1104")]
    [InlineData("dataset/aux/x.jsonl", "RLENV1104")]
    public void Name_the_hub_accepts_but_windows_cannot_hold_is_a_warning(string path, string code)
    {
        var problem = PathPortability.Check(path);

        Assert.NotNull(problem);
        Assert.Equal((code, Severity.Warning), (problem.Code, problem.Severity));
        Assert.Contains("works on the Linux worker", problem.Message, StringComparison.Ordinal);
        Assert.Contains("breaks a Windows or macOS checkout", problem.Message, StringComparison.Ordinal);
    }

    // The hub turns '\' into '/' (tar_member_segments), and RlEnv cannot open a name it cannot decode.
    [Theory]
    [InlineData("a\\b.txt", "RLENV1107")]
    [InlineData("dataset/a\\b.jsonl", "RLENV1107")]
    [InlineData("dataset/a\u0001b.jsonl", "RLENV1101")]
    [InlineData("dataset/a\u007Fb.jsonl", "RLENV1101")]
    [InlineData("dataset/tab\there.jsonl", "RLENV1101")]
    [InlineData("dataset/bad\uFFFDname.jsonl", "RLENV1105")]
    [InlineData("dataset/lone\uD800.jsonl", "RLENV1105")]
    [InlineData("dataset/CON:\u0001.txt", "RLENV1101")]
    [InlineData("with:colon\\b.txt", "RLENV1107")]
    public void Name_the_hub_rewrites_or_rlenv_cannot_represent_is_an_error(string path, string code)
    {
        var problem = PathPortability.Check(path);

        Assert.NotNull(problem);
        Assert.Equal((code, Severity.Error), (problem.Code, problem.Severity));
    }

    [Fact]
    public void Backslash_error_says_where_the_hub_would_put_the_file() =>
        Assert.Contains("'a/b.txt'", PathPortability.Check("a\\b.txt")!.Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("dataset/train.jsonl")]
    [InlineData("dataset/conference.jsonl")]
    [InlineData("dataset/CONSOLE.txt")]
    [InlineData("dataset/com10.txt")]
    [InlineData("dataset/naïve café.jsonl")]
    [InlineData("dataset/emoji-😀.jsonl")]
    [InlineData("dataset/.hidden")]
    public void Portable_path_passes(string path) => Assert.Null(PathPortability.Check(path));

    [Fact]
    public void Display_escapes_control_characters_so_output_cannot_rewrite_a_terminal() =>
        Assert.Equal("a\\u001Bb", PathPortability.Display("a\u001Bb"));

    [Fact]
    public void Names_equal_under_case_folding_are_a_collision_warning_in_the_walk()
    {
        var env = new MockEnvironment().File("dataset/Train.jsonl").File("dataset/train.jsonl");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        var collision = Assert.Single(diagnostics, d => d.Code == DiagnosticCatalog.PathCollision.Code);
        Assert.Equal(("dataset/train.jsonl", Severity.Warning), (collision.File, collision.Severity));
        Assert.Contains("dataset/Train.jsonl", collision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_equal_under_unicode_normalization_are_a_collision_warning_in_the_walk()
    {
        // "é" precomposed (NFC) and as e + combining acute (NFD, as macOS writes it).
        var env = new MockEnvironment().File("dataset/caf\u00e9.jsonl").File("dataset/cafe\u0301.jsonl");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.Equal(Severity.Warning, Assert.Single(diagnostics, d => d.Code == DiagnosticCatalog.PathCollision.Code).Severity);
    }

    [Fact]
    public void Unportable_name_in_an_excluded_folder_is_not_reported()
    {
        var env = new MockEnvironment().File("scratch/a:b.txt");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCatalog.PathReservedCharacter.Code);
    }
}

public class PortableNamePackTests
{
    private static readonly string[] LinuxOnlyNames =
        ["assets/CON.txt", "assets/with:colon.txt", "assets/trailing.", "assets/Notes.md", "assets/notes.md", "assets/caf\u00e9.md", "assets/cafe\u0301.md"];

    // Flash's directory push ships every one of these names and the hub extracts them on Linux.
    [Fact]
    public void Pack_writes_an_artifact_for_names_flash_pushes_and_only_warns()
    {
        using var env = new RealEnvironment();
        foreach (var name in LinuxOnlyNames)
        {
            env.Write(name, name);
        }

        var result = env.Pack(r => r with { Rules = RuleSet.FlashTree });

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(
            ["RLENV1102", "RLENV1103", "RLENV1104", "RLENV1106", "RLENV1106"],
            result.Diagnostics.Where(d => d.Severity == Severity.Warning).Select(d => d.Code).Order(StringComparer.Ordinal));
        Assert.All(LinuxOnlyNames, name => Assert.Contains(result.Manifest!.Files, f => f.Path == name));
    }

    [Fact]
    public void Pack_refuses_a_backslash_name_and_writes_nothing()
    {
        using var env = new RealEnvironment();
        env.Write("assets/a\\b.txt", "x");

        var result = env.Pack(r => r with { Rules = RuleSet.FlashTree });

        Assert.False(result.Succeeded);
        Assert.Equal(DiagnosticCatalog.PathBackslash.Code, RealEnvironment.SingleError(result).Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(env.Output));
    }

    [Fact]
    public void Pack_refuses_a_control_character_name_and_writes_nothing()
    {
        using var env = new RealEnvironment();
        env.Write("assets/bell\u0007.txt", "x");

        var result = env.Pack(r => r with { Rules = RuleSet.FlashTree });

        Assert.Equal(DiagnosticCatalog.PathControlCharacter.Code, RealEnvironment.SingleError(result).Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(env.Output));
    }
}
