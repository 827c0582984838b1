using System.Text.RegularExpressions;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Tests.Diagnostics;

public partial class DiagnosticPagesTests
{
    private static readonly string Docs = Path.Combine(RepositoryRoot(), "docs", "diagnostics");

    [Fact]
    public void Every_code_in_the_catalog_has_a_page_with_its_title_and_severity()
    {
        Assert.NotEmpty(DiagnosticDescriptor.All);
        Assert.All(DiagnosticDescriptor.All, descriptor =>
        {
            var page = Path.Combine(Docs, descriptor.Code + ".md");
            Assert.True(File.Exists(page), $"docs/diagnostics/{descriptor.Code}.md is missing");
            var lines = File.ReadAllLines(page);
            Assert.Equal($"# {descriptor.Code}: {descriptor.Title}", lines[0]);
            Assert.Equal("Severity: " + SeverityText(descriptor), StripNote(lines[2]));
        });
    }

    [Fact]
    public void The_index_lists_every_code_with_the_catalogs_severity_and_title()
    {
        var rows = IndexRow().Matches(File.ReadAllText(Path.Combine(Docs, "README.md")))
            .ToDictionary(m => m.Groups["code"].Value, m => (Severity: m.Groups["severity"].Value, Title: m.Groups["title"].Value));

        Assert.All(DiagnosticDescriptor.All, descriptor =>
        {
            Assert.True(rows.TryGetValue(descriptor.Code, out var row), $"{descriptor.Code} is not in docs/diagnostics/README.md");
            Assert.Equal(SeverityText(descriptor), row.Severity);
            Assert.Equal(descriptor.Title, row.Title);
        });
        Assert.All(rows.Keys, code => Assert.NotNull(DiagnosticDescriptor.Find(code)));
    }

    [Fact]
    public void A_page_without_a_code_in_the_catalog_says_the_code_is_retired()
    {
        foreach (var page in Directory.GetFiles(Docs, "RLENV*.md"))
        {
            var code = Path.GetFileNameWithoutExtension(page);
            if (DiagnosticDescriptor.Find(code) is null)
            {
                Assert.Contains("Retired", File.ReadAllText(page), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Codes_are_unique_and_well_formed()
    {
        var codes = DiagnosticDescriptor.All.Select(d => d.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^RLENV[0-9]{4}$", c));
    }

    [Fact]
    public void No_source_file_outside_the_catalog_names_a_code_or_builds_a_diagnostic()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var catalog = Path.Combine(src, "RlEnv.Core", "Diagnostics") + Path.DirectorySeparatorChar;
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(catalog, StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => InventedDiagnostic().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(src, f))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_sdk_raises_RLENV0001_with_the_catalogs_text()
    {
        var targets = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "RlEnv.Sdk", "Sdk", "Sdk.targets"));

        Assert.Contains($"Code=\"{DiagnosticCatalog.SdkTasksUnavailable.Code}\"", targets, StringComparison.Ordinal);
        Assert.Contains($"HelpLink=\"{DiagnosticCatalog.SdkTasksUnavailable.HelpLink}\"", targets, StringComparison.Ordinal);
        Assert.Contains($"Text=\"{DiagnosticCatalog.SdkTasksUnavailableMessage}\"", targets, StringComparison.Ordinal);
    }

    [Fact]
    public void A_descriptor_refuses_a_severity_the_catalog_does_not_give_it()
    {
        Assert.Throws<InvalidOperationException>(() => DiagnosticCatalog.JsonSyntax.At(Severity.Warning, "a.jsonl", "m"));
        Assert.Equal(Severity.Warning, DiagnosticCatalog.PythonTokenizeError.At(Severity.Warning, "a.py", "m").Severity);
    }

    [Fact]
    public void Canonical_form_matches_msbuild_for_each_position_shape()
    {
        Assert.Equal("dataset/train.jsonl(12,5): error RLENV2001: bad", DiagnosticCatalog.InvalidUtf8.At("dataset/train.jsonl", "bad", 12, 5).ToCanonicalString());
        Assert.Equal("a.py(3): warning RLENV1003: w", DiagnosticCatalog.ImportedModuleNotPacked.At("a.py", "w", 3).ToCanonicalString());
        Assert.Equal("rlenv: error RLENV1701: v", DiagnosticCatalog.InvalidVersion.At(null, "v").ToCanonicalString());
    }

    [Fact]
    public void Usage_codes_are_the_ones_that_exit_2()
    {
        Assert.Equal(DiagnosticKind.Usage, DiagnosticCatalog.RunCancelled().Kind);
        Assert.Equal(DiagnosticKind.Usage, DiagnosticCatalog.RegistryReferenceRefused("x").Kind);
        Assert.Equal(DiagnosticKind.Content, DiagnosticCatalog.JsonSyntax.At(null, "m").Kind);
    }

    private static string SeverityText(DiagnosticDescriptor descriptor) =>
        descriptor.AlternateSeverity is { } other ? $"{Lower(descriptor.Severity)} or {Lower(other)}" : Lower(descriptor.Severity);

    private static string Lower(Severity severity) => severity.ToString().ToLowerInvariant();

    private static string StripNote(string line) => line.Split(" (", 2)[0];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Packager.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Packager.sln not found");
    }

    [GeneratedRegex(@"^\| \[(?<code>RLENV\d{4})\]\(\k<code>\.md\) \| (?<severity>[^|]+?) \| (?<title>.+?) \|$", RegexOptions.Multiline)]
    private static partial Regex IndexRow();

    // A code literal, or a diagnostic built from parts rather than through a catalog method.
    [GeneratedRegex(@"""RLENV\d|new Diagnostic\(|Diagnostic\.(Error|Warning|Info)\(|\.At\(|LogError\(null, ""|LogWarning\(null, """)]
    private static partial Regex InventedDiagnostic();
}
