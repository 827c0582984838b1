using System.IO.Abstractions.TestingHelpers;
using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Rules;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Support;

/// <summary>An environment on MockFileSystem with dataset files given as text or bytes, validated with the real engine.</summary>
internal sealed class DatasetEnvironment
{
    private readonly MockEnvironment _env = new();

    public DatasetEnvironment Text(string path, string content) => Bytes(path, Encoding.UTF8.GetBytes(content));

    public DatasetEnvironment Bytes(string path, byte[] content)
    {
        _env.FileSystem.AddFile(MockEnvironment.Full(path), new MockFileData(content));
        return this;
    }

    public DatasetEnvironment Lines(string path, params string[] lines) => Text(path, string.Join('\n', lines) + "\n");

    public ValidateResult Validate(ValidationOptions? options = null, RuleSet rules = RuleSet.Freesolo) =>
        new ValidateEngine(_env.FileSystem).Validate(new PackRequest
        {
            EnvironmentDirectory = MockEnvironment.Root,
            OutputDirectory = "/out",
            Validation = options ?? ValidationOptions.Default,
            Rules = rules,
        });

    public static Diagnostic Single(ValidateResult result, string code) => Assert.Single(result.Diagnostics, d => d.Code == code);

    public static void Clean(ValidateResult result) => Assert.DoesNotContain(result.Diagnostics, d => d.Severity != Severity.Info);
}
