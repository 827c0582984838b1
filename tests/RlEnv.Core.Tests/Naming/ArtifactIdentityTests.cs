using RlEnv.Core.Diagnostics;
using RlEnv.Core.Naming;

namespace RlEnv.Core.Tests.Naming;

public class ArtifactIdentityTests
{
    [Theory]
    [InlineData(null, "1.0.0")]
    [InlineData("1.0", "1.0.0")]
    [InlineData("2", "2.0.0")]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("1.2.3-rc.1", "1.2.3-rc.1")]
    [InlineData("1.2.3-beta+sha.abc", "1.2.3-beta+sha.abc")]
    [InlineData(" 01.002.3 ", "1.2.3")]
    public void Valid_version_is_normalized(string? input, string expected)
    {
        var bag = new DiagnosticBag();

        Assert.Equal(expected, ArtifactIdentity.NormalizeVersion(input, bag));
        Assert.False(bag.HasErrors);
    }

    [Theory]
    [InlineData("v1.0.0")]
    [InlineData("1.0.0.1")]
    [InlineData("1.0.0-")]
    [InlineData("latest")]
    [InlineData("1..0")]
    public void Invalid_version_is_an_RLENV1701_error(string input)
    {
        var bag = new DiagnosticBag();

        Assert.Null(ArtifactIdentity.NormalizeVersion(input, bag));
        Assert.Equal(DiagnosticCatalog.InvalidVersion.Code, Assert.Single(bag.ToSortedList()).Code);
    }

    [Theory]
    [InlineData("math", "math")]
    [InlineData("My Env", "my-env")]
    [InlineData("__init__Env!!", "init__env")]
    [InlineData("Org/Name v2", "org-name-v2")]
    [InlineData("a..b", "a..b")]
    [InlineData("-lead.trail.-", "lead.trail")]
    [InlineData("Ünïcode", "n-code")]
    public void Name_is_normalized_as_the_hub_does(string input, string expected)
    {
        var bag = new DiagnosticBag();

        var name = ArtifactIdentity.NormalizeName(input, bag);

        Assert.Equal(expected, name);
        Assert.Matches("^[a-z0-9][a-z0-9._-]*$", name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("___")]
    [InlineData("日本語")]
    public void Name_with_nothing_left_is_an_RLENV1702_error(string input)
    {
        var bag = new DiagnosticBag();

        Assert.Null(ArtifactIdentity.NormalizeName(input, bag));
        Assert.Equal(DiagnosticCatalog.InvalidName.Code, Assert.Single(bag.ToSortedList()).Code);
    }
}
