using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Scanning;

namespace RlEnv.Core.Tests.Scanning;

public class AccessTokenScannerTests
{
    private const string HfToken = "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567";

    private static IReadOnlyList<Diagnostic> Scan(string text, int chunkSize = 1 << 20)
    {
        var bag = new DiagnosticBag();
        var scanner = new AccessTokenScanner("f.txt", bag);
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < bytes.Length; i += chunkSize)
        {
            scanner.Observe(bytes.AsSpan(i, Math.Min(chunkSize, bytes.Length - i)));
        }

        scanner.Complete();
        return bag.ToSortedList();
    }

    [Theory]
    [InlineData("fslo_")]
    [InlineData("hf_")]
    [InlineData("pit_")]
    public void Each_refused_prefix_with_a_long_body_is_an_error(string prefix)
    {
        var finding = Assert.Single(Scan($"key = \"{prefix}{new string('x', 20)}{new string('7', 20)}\"\n"));

        Assert.Equal((DiagnosticCatalog.AccessToken.Code, Severity.Error, 1, 8), (finding.Code, finding.Severity, finding.Line, finding.Column));
    }

    [Fact]
    public void Message_holds_only_a_redacted_form() =>
        Assert.DoesNotContain("AbCd", Assert.Single(Scan(HfToken)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void Token_split_across_any_chunk_boundary_is_found_at_its_line_and_column(int chunkSize)
    {
        var findings = Scan($"line one\nline two {HfToken} end\n{HfToken}", chunkSize);

        Assert.Equal([(2, 10), (3, 1)], findings.Select(f => (f.Line!.Value, f.Column!.Value)));
    }

    [Theory]
    [InlineData("hf_short123")]
    [InlineData("my_hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567")]
    [InlineData("hf_load_dataset_from_the_hub_quickly_and_well")]
    [InlineData("hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567_suffix")]
    [InlineData("xhf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567")]
    public void Identifiers_and_short_bodies_are_not_tokens(string text) => Assert.Empty(Scan(text));

    [Fact]
    public void More_than_ten_tokens_are_counted_not_listed()
    {
        var findings = Scan(string.Join('\n', Enumerable.Repeat(HfToken, 12)));

        Assert.Equal(11, findings.Count);
        Assert.Contains(findings, f => f.Line is null && f.Message.StartsWith("12 access tokens", StringComparison.Ordinal));
    }
}
