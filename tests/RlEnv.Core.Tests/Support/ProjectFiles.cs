using System.IO.Abstractions.TestingHelpers;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Support;

/// <summary>A project on MockFileSystem with no environment.py unless given: for the other platforms' profiles.</summary>
internal sealed class ProjectFiles
{
    public const string Root = "/project";

    public MockFileSystem FileSystem { get; } = new();

    public ProjectFiles() => FileSystem.Directory.CreateDirectory(Root);

    public ProjectFiles File(string path, string content)
    {
        FileSystem.AddFile(Root + "/" + path, new MockFileData(content));
        return this;
    }

    public ProjectFiles Lines(string path, params string[] lines) => File(path, string.Join('\n', lines) + "\n");

    /// <summary>Validates with the input digests in memory and spilled to temp files (a 1-byte budget); both reports must agree.</summary>
    public ValidateResult Validate(Profile? profile = null)
    {
        var result = Run(ValidationOptions.Default);
        SpillEquivalence.AssertSame(result, Run(ValidationOptions.Default with { InputDigestBytes = 1 }));
        return result;

        ValidateResult Run(ValidationOptions validation) =>
            new ValidateEngine(FileSystem).Validate(new PackRequest { EnvironmentDirectory = Root, OutputDirectory = "/out", Profile = profile, Validation = validation });
    }
}
