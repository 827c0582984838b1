using RlEnv.Core.Publishing;

namespace RlEnv.Core.Tests.Publishing;

public class RegistryReferenceTests
{
    private static readonly string[] Tags = ["1.0.0", "1.2.0", "1.10.0", "2.0.0-rc.1", "latest", "nightly", "0.3.1", "0.4.0"];

    [Theory]
    [InlineData("oci://ghcr.io/org/envs/math:1.2", "ghcr.io", "org/envs/math", "1.2.0")]
    [InlineData("oci://127.0.0.1:5000/math", "127.0.0.1:5000", "math", null)]
    [InlineData("oci://localhost:5000/team/math:2.0.0-rc.1", "localhost:5000", "team/math", "2.0.0-rc.1")]
    public void Reference_parts_are_parsed_and_the_version_normalized(string text, string host, string repository, string? version)
    {
        var reference = RegistryReference.Parse(text, out var error);

        Assert.Null(error);
        Assert.Equal((host, repository, version), (reference!.Host, reference.Repository, reference.Version));
    }

    [Theory]
    [InlineData("@[1.0,1.5)", "1.2.0")]
    [InlineData("@[1.0,2.0)", "1.10.0")]
    [InlineData("@^1.0", "1.10.0")]
    [InlineData("@^0.3", "0.3.1")]
    [InlineData(":latest", "2.0.0-rc.1")]
    [InlineData("@[2.0.0-alpha,3.0)", "2.0.0-rc.1")]
    [InlineData("@[3.0,4.0)", null)]
    public void Ranges_and_latest_resolve_to_the_highest_matching_semver_tag(string suffix, string? expected) =>
        Assert.Equal(expected, RegistryReference.Parse("oci://r.example/math" + suffix, out _)!.Resolve(Tags));

    [Theory]
    [InlineData("https://r.example/math")]
    [InlineData("oci://r.example")]
    [InlineData("oci://r.example/Math")]
    [InlineData("oci://r.example/math:v1.0")]
    [InlineData("oci://r.example/math@not-a-range")]
    public void Invalid_references_are_refused_with_a_reason(string text)
    {
        Assert.Null(RegistryReference.Parse(text, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
