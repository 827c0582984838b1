using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Tests.Walking;

public class PathPortabilityTests
{
    [Theory]
    [InlineData("dataset/a\u0001b.jsonl", DiagnosticCodes.PathControlCharacter)]
    [InlineData("dataset/a\u007Fb.jsonl", DiagnosticCodes.PathControlCharacter)]
    [InlineData("dataset/tab\there.jsonl", DiagnosticCodes.PathControlCharacter)]
    [InlineData("dataset/a\\b.jsonl", DiagnosticCodes.PathReservedCharacter)]
    [InlineData("dataset/a:b.jsonl", DiagnosticCodes.PathReservedCharacter)]
    [InlineData("dataset/a*b.jsonl", DiagnosticCodes.PathReservedCharacter)]
    [InlineData("dataset/a?b.jsonl", DiagnosticCodes.PathReservedCharacter)]
    [InlineData("dataset/a\"b.jsonl", DiagnosticCodes.PathReservedCharacter)]
    [InlineData("dataset/a<b.jsonl", DiagnosticCodes.PathReservedCharacter)]
    [InlineData("dataset/a>b.jsonl", DiagnosticCodes.PathReservedCharacter)]
    [InlineData("dataset/a|b.jsonl", DiagnosticCodes.PathReservedCharacter)]
    [InlineData("dataset/trailing.", DiagnosticCodes.PathTrailingDotOrSpace)]
    [InlineData("dataset/trailing ", DiagnosticCodes.PathTrailingDotOrSpace)]
    [InlineData("dataset/dir./x.jsonl", DiagnosticCodes.PathTrailingDotOrSpace)]
    [InlineData("dataset/CON", DiagnosticCodes.PathDeviceName)]
    [InlineData("dataset/nul.jsonl", DiagnosticCodes.PathDeviceName)]
    [InlineData("dataset/Com1.tar.gz", DiagnosticCodes.PathDeviceName)]
    [InlineData("dataset/lpt9.txt", DiagnosticCodes.PathDeviceName)]
    [InlineData("dataset/aux/x.jsonl", DiagnosticCodes.PathDeviceName)]
    [InlineData("dataset/bad\uFFFDname.jsonl", DiagnosticCodes.PathInvalidUtf8)]
    [InlineData("dataset/lone\uD800.jsonl", DiagnosticCodes.PathInvalidUtf8)]
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

        var collision = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.PathCollision);
        Assert.Equal("dataset/train.jsonl", collision.File);
        Assert.Contains("dataset/Train.jsonl", collision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_equal_under_unicode_normalization_collide_in_the_walk()
    {
        // "é" precomposed (NFC) and as e + combining acute (NFD, as macOS writes it).
        var env = new MockEnvironment().File("dataset/caf\u00e9.jsonl").File("dataset/cafe\u0301.jsonl");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.PathCollision);
    }

    [Fact]
    public void Unportable_name_in_an_excluded_folder_is_not_reported()
    {
        var env = new MockEnvironment().File("scratch/a:b.txt");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCodes.PathReservedCharacter);
    }
}
