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

    /// <summary>
    /// Validates twice, with the input digests in memory and with a budget so small that they go to temp files after the
    /// first distinct input of a split, and checks both reports are the same and no temp file is left.
    /// </summary>
    public ValidateResult Validate(ValidationOptions? options = null, RuleSet rules = RuleSet.Freesolo)
    {
        var result = Run(options ?? ValidationOptions.Default);
        var spilled = Run((options ?? ValidationOptions.Default) with { InputDigestBytes = 1 });
        SpillEquivalence.AssertSame(result, spilled);
        Assert.Empty(_env.FileSystem.Directory.EnumerateFiles(_env.FileSystem.Path.GetTempPath(), "rlenv-digests-*", SearchOption.AllDirectories));
        return result;

        ValidateResult Run(ValidationOptions validation) => new ValidateEngine(_env.FileSystem).Validate(new PackRequest
        {
            EnvironmentDirectory = MockEnvironment.Root,
            OutputDirectory = "/out",
            Validation = validation,
            Rules = rules,
        });
    }

    public static Diagnostic Single(ValidateResult result, string code) => Assert.Single(result.Diagnostics, d => d.Code == code);

    public static void Clean(ValidateResult result) => Assert.DoesNotContain(result.Diagnostics, d => d.Severity != Severity.Info);
}
