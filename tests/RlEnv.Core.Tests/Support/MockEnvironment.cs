using System.IO.Abstractions.TestingHelpers;

namespace RlEnv.Core.Tests.Support;

/// <summary>Builds an environment on MockFileSystem: a root with environment.py unless told otherwise.</summary>
internal sealed class MockEnvironment
{
    public const string Root = "/env";
    public const string ValidEntryPoint = "def load_environment(**params):\n    return None\n";

    public MockFileSystem FileSystem { get; } = new();

    public MockEnvironment(bool withEntryPoint = true)
    {
        FileSystem.Directory.CreateDirectory(Root);
        if (withEntryPoint)
        {
            File("environment.py", ValidEntryPoint);
        }
    }

    public MockEnvironment File(string path, string content = "x")
    {
        var full = Full(path);
        FileSystem.Directory.CreateDirectory(FileSystem.Path.GetDirectoryName(full)!);
        FileSystem.File.WriteAllText(full, content);
        return this;
    }

    public MockEnvironment Directory(string path)
    {
        FileSystem.Directory.CreateDirectory(Full(path));
        return this;
    }

    public static string Full(string path) => Root + "/" + path;
}
