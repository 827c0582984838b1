using System.Reflection;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Tests.Diagnostics;

public class DiagnosticPagesTests
{
    private static IEnumerable<string> AllCodes() =>
        typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

    [Fact]
    public void Every_code_has_a_page_under_docs_diagnostics()
    {
        var docs = Path.Combine(RepositoryRoot(), "docs", "diagnostics");

        Assert.All(AllCodes(), code => Assert.True(File.Exists(Path.Combine(docs, code + ".md")), $"docs/diagnostics/{code}.md is missing"));
    }

    [Fact]
    public void Codes_are_unique_and_well_formed()
    {
        var codes = AllCodes().ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^RLENV[0-9]{4}$", c));
    }

    [Fact]
    public void Canonical_form_matches_msbuild_for_each_position_shape()
    {
        Assert.Equal("dataset/train.jsonl(12,5): error RLENV2001: bad", Diagnostic.Error("RLENV2001", "dataset/train.jsonl", "bad", 12, 5).ToCanonicalString());
        Assert.Equal("a.py(3): warning RLENV1003: w", Diagnostic.Warning("RLENV1003", "a.py", "w", 3).ToCanonicalString());
        Assert.Equal("rlenv: error RLENV1701: v", Diagnostic.Error("RLENV1701", null, "v").ToCanonicalString());
    }

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
}
