namespace RlEnv.Cli.Tests.Support;

internal sealed class TempEnvironment : IDisposable
{
    private readonly string _base = Directory.CreateTempSubdirectory("rlenv-cli-").FullName;

    public TempEnvironment(bool withEntryPoint = true)
    {
        Directory.CreateDirectory(Root);
        if (withEntryPoint)
        {
            Write("environment.py", "def load_environment(**params):\n    return None\n");
            Write("dataset/train.jsonl", "{\"input\":\"What is 2 + 2?\",\"output\":\"4\"}\n");
        }
    }

    public string Root => Path.Combine(_base, "my-env");

    public string Output => Path.Combine(_base, "out");

    public string Write(string relative, string content)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);
}
