namespace RlEnv.Sdk.Tests;

/// <summary>A temp folder with a nuget.config on the test feed, a per-test NUGET_PACKAGES, and environment projects in it.</summary>
internal sealed class EnvironmentProject : IDisposable
{
    public const string EntryPoint = "def load_environment(**params):\n    return None\n";
    public const string Record = "{\"input\":\"What is 2 + 2?\",\"output\":\"4\"}\n";

    private readonly SdkFeed _feed;

    public EnvironmentProject(SdkFeed feed, string name = "math", string properties = "")
    {
        _feed = feed;
        Base = Directory.CreateTempSubdirectory("rlenv-sdk-").FullName;
        Packages = Path.Combine(Base, ".packages");
        File.WriteAllText(Path.Combine(Base, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="test" value="{feed.Feed}" />
              </packageSources>
            </configuration>
            """);
        Add(name, properties);
        Name = name;
    }

    public string Base { get; }

    public string Packages { get; }

    public string Name { get; }

    public string Dir => Path.Combine(Base, Name);

    public string ArtifactPath => Path.Combine(Dir, "bin", "Release", $"{Name}-1.0.0.tar.gz");

    public void Add(string name, string properties = "")
    {
        var dir = Path.Combine(Base, name);
        Directory.CreateDirectory(Path.Combine(dir, "dataset"));
        File.WriteAllText(Path.Combine(dir, "environment.py"), EntryPoint);
        File.WriteAllText(Path.Combine(dir, "dataset", "train.jsonl"), Record);
        WriteProject(name, properties);
    }

    public void WriteProject(string name, string body) =>
        File.WriteAllText(Path.Combine(Base, name, name + ".rlenvproj"), $"""
            <Project Sdk="RlEnv.Sdk/{_feed.Version}">
              {body}
            </Project>
            """);

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public (int ExitCode, string Output) Dotnet(params string[] args) => Tests.Dotnet.Run(Dir, Packages, [.. args, "-nodeReuse:false"]);

    public (int ExitCode, string Output) DotnetWith(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        Tests.Dotnet.Run(Dir, Packages, environment, [.. args, "-nodeReuse:false"]);

    public (int ExitCode, string Output) DotnetIn(string directory, params string[] args) => Tests.Dotnet.Run(directory, Packages, [.. args, "-nodeReuse:false"]);

    /// <summary>
    /// Moves every file and folder of the project an hour back, and what earlier builds wrote (bin, obj) two hours back so
    /// it is out of date: a walk is not kept when something changed within its racy window (WalkStamp.RacyWindow),
    /// and a test writes its files just before it runs dotnet.
    /// </summary>
    public void Backdate()
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(Base, "*", SearchOption.AllDirectories).Append(Base))
        {
            var relative = Path.GetRelativePath(Dir, path).Replace('\\', '/');
            var then = DateTime.UtcNow.AddHours(relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) ? -2 : -1);
            if (File.Exists(path))
            {
                File.SetLastWriteTimeUtc(path, then);
            }
            else
            {
                Directory.SetLastWriteTimeUtc(path, then);
            }
        }
    }

    public void Dispose() => Directory.Delete(Base, recursive: true);
}
