using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Diagnostics;

public class WarningsAsErrorsTests
{
    [Fact]
    public void Every_code_that_can_be_a_warning_is_a_content_code_so_a_promoted_warning_exits_1() =>
        Assert.All(
            DiagnosticDescriptor.All.Where(d => d.Severity == Severity.Warning || d.AlternateSeverity == Severity.Warning),
            d => Assert.Equal(DiagnosticKind.Content, d.Kind));

    [Fact]
    public void Only_warnings_of_the_listed_codes_become_errors_with_everything_else_kept()
    {
        var policy = WarningsAsErrors.Codes(["rlenv1104"]);
        var listed = DiagnosticCatalog.PathNameIsDeviceName("CON.txt", "CON.txt", "CON");
        var other = DiagnosticCatalog.PathHasReservedCharacter("a:b", ':');
        var info = DiagnosticCatalog.SymlinkLeftOut("link");

        var promoted = policy.Apply(listed);

        Assert.Equal((Severity.Error, listed.Code, listed.File, listed.Message), (promoted.Severity, promoted.Code, promoted.File, promoted.Message));
        Assert.Same(other, policy.Apply(other));
        Assert.Same(info, WarningsAsErrors.All.Apply(info));
        Assert.Same(listed, WarningsAsErrors.None.Apply(listed));
    }

    [Theory]
    [InlineData("RLENV1104", true)]
    [InlineData("RLENV1104,RLENV1106", true)]
    [InlineData("rlenv1104; RLENV1106;", true)]
    [InlineData("RLENV9999", false)]
    [InlineData("RLENV1104,CS8600", false)]
    [InlineData(",;", false)]
    public void Code_lists_name_only_catalog_codes(string text, bool valid)
    {
        Assert.Equal(valid, WarningsAsErrors.TryParseCodes(text, out var codes, out var problem));
        Assert.Equal(valid, problem is null);
        Assert.All(codes, c => Assert.NotNull(DiagnosticDescriptor.Find(c)));
    }

    [Theory]
    [InlineData("RLENV1104", true)]
    [InlineData("RLENV1104;rlenv1106", true)]
    [InlineData("./my-env", false)]
    [InlineData("my-env", false)]
    [InlineData("env2", true)]
    public void A_value_is_read_as_codes_only_when_it_looks_like_a_code_list(string text, bool codes) =>
        Assert.Equal(codes, WarningsAsErrors.LooksLikeCodes(text));

    [Fact]
    public void Pack_writes_nothing_when_a_warning_is_promoted_and_writes_without_the_policy()
    {
        using var env = new RealEnvironment();
        env.Write("CON.txt", "x");

        var strict = env.Pack(r => r with { WarningsAsErrors = WarningsAsErrors.Codes(["RLENV1104"]) });
        var strictListing = Directory.EnumerateFileSystemEntries(env.Output).ToList();
        var plain = env.Pack();

        Assert.False(strict.Succeeded);
        Assert.Equal(Severity.Error, Assert.Single(strict.Diagnostics, d => d.Code == "RLENV1104").Severity);
        Assert.Empty(strictListing);
        Assert.True(plain.Succeeded);
        Assert.Equal(Severity.Warning, Assert.Single(plain.Diagnostics, d => d.Code == "RLENV1104").Severity);
    }
}
