using RlEnv.Core.Diagnostics;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Rules;

public class SecretFilesTests
{
    public static TheoryData<string, RuleSet> SecretsInBothModes()
    {
        var data = new TheoryData<string, RuleSet>();
        foreach (var name in new[] { ".env.local", "prod.env", "server.pem", "tls.KEY", "cert.pfx", "cert.p12", "credentials.json", "Credentials.yaml", "id_rsa", "id_rsa.pub", "id_dsa", "id_ecdsa", "id_ed25519.txt" })
        {
            data.Add(name, RuleSet.Freesolo);
            data.Add(name, RuleSet.FlashTree);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SecretsInBothModes))]
    public void Credential_file_is_never_packed_at_the_root_or_in_dataset(string name, RuleSet rules)
    {
        var env = new MockEnvironment().File(name).File($"dataset/{name}").File("dataset/train.jsonl");

        var (plan, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root, rules);

        Assert.False(plan.DecisionFor(name).Included);
        var nested = plan.DecisionFor($"dataset/{name}");
        Assert.False(nested.Included);

        // A credential named with a leading dot is a secret too (not merely a dot-name), in both modes.
        Assert.Equal(Reasons.Secret, nested.Reason);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCatalog.SecretFileExcluded.Code && d.File == $"dataset/{name}");
    }

    [Theory]
    [InlineData("keys.py")]
    [InlineData("credentials.py")]
    [InlineData("id_rsa_helper.py")]
    [InlineData("secret.pyi")]
    public void Python_sources_are_never_treated_as_secrets(string name) => Assert.False(SecretFiles.IsSecret(name));

    [Theory]
    [InlineData("environment.md")]
    [InlineData("keyboard.json")]
    [InlineData("monkey.txt")]
    public void Lookalike_names_are_not_secrets(string name) => Assert.False(SecretFiles.IsSecret(name));
}
