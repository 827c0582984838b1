using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Tests.Walking;

public class PathPortabilityTests
{
    [Theory]
    [InlineData("dataset/a\u0001b.jsonl", "RLENV1101")]
    [InlineData("dataset/a\u007Fb.jsonl", "RLENV1101")]
    [InlineData("dataset/tab\there.jsonl", "RLENV1101")]
    [InlineData("dataset/a\\b.jsonl", "RLENV1102")]
    [InlineData("dataset/a:b.jsonl", "RLENV1102")]
    [InlineData("dataset/a*b.jsonl", "RLENV1102")]
    [InlineData("dataset/a?b.jsonl", "RLENV1102")]
    [InlineData("dataset/a\"b.jsonl", "RLENV1102")]
    [InlineData("dataset/a<b.jsonl", "RLENV1102")]
    [InlineData("dataset/a>b.jsonl", "RLENV1102")]
    [InlineData("dataset/a|b.jsonl", "RLENV1102")]
    [InlineData("dataset/trailing.", "RLENV1103")]
    [InlineData("dataset/trailing ", "RLENV1103")]
    [InlineData("dataset/dir./x.jsonl", "RLENV1103")]
    [InlineData("dataset/CON", "RLENV1104")]
    [InlineData("dataset/nul.jsonl", "RLENV1104")]
    [InlineData("dataset/Com1.tar.gz", "RLENV1104")]
    [InlineData("dataset/lpt9.txt", "RLENV1104")]
    [InlineData("dataset/aux/x.jsonl", "RLENV1104")]
    [InlineData("dataset/bad\uFFFDname.jsonl", "RLENV1105")]
    [InlineData("dataset/lone\uD800.jsonl", "RLENV1105")]
    public void Unportable_path_is_an_error_with_its_code(string path, string code)
    {
        var problem = PathPortability.Check(path);

        Assert.NotNull(problem);
        Assert.Equal((code, Severity.Error), (problem.Code, problem.Severity));
    }

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
    public void Names_equal_under_case_folding_collide_in_the_walk()
    {
        var env = new MockEnvironment().File("dataset/Train.jsonl").File("dataset/train.jsonl");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        var collision = Assert.Single(diagnostics, d => d.Code == DiagnosticCatalog.PathCollision.Code);
        Assert.Equal("dataset/train.jsonl", collision.File);
        Assert.Contains("dataset/Train.jsonl", collision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_equal_under_unicode_normalization_collide_in_the_walk()
    {
        // "é" precomposed (NFC) and as e + combining acute (NFD, as macOS writes it).
        var env = new MockEnvironment().File("dataset/caf\u00e9.jsonl").File("dataset/cafe\u0301.jsonl");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.Single(diagnostics, d => d.Code == DiagnosticCatalog.PathCollision.Code);
    }

    [Fact]
    public void Unportable_name_in_an_excluded_folder_is_not_reported()
    {
        var env = new MockEnvironment().File("scratch/a:b.txt");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCatalog.PathReservedCharacter.Code);
    }
}
