using System.IO.Abstractions.TestingHelpers;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;

namespace RlEnv.Core.Tests.Packing;

/// <summary>The walk a front keeps between the steps of one run (the SDK's build) is reused only while nothing it saw changed.</summary>
public class WalkCacheTests
{
    private const string Root = "/project";

    private readonly MockFileSystem _fs = new();
    private readonly MemoryCache _cache = new();

    public WalkCacheTests()
    {
        _fs.AddFile(Root + "/environment.py", new MockFileData("def load_environment(**params):\n    return None\n"));
        _fs.AddFile(Root + "/dataset/train.jsonl", new MockFileData("{\"input\":\"a\",\"output\":\"1\"}\n"));
    }

    [Fact]
    public void An_unchanged_environment_is_walked_once()
    {
        Backdate();

        var first = Walk();
        var second = Walk();

        Assert.NotNull(first!.Stamp);
        Assert.Same(first, second);
    }

    [Fact]
    public void A_file_that_changed_size_is_walked_again()
    {
        Backdate();
        var first = Walk();

        _fs.File.AppendAllText(Root + "/dataset/train.jsonl", "{\"input\":\"b\",\"output\":\"2\"}\n");
        _fs.File.SetLastWriteTimeUtc(Root + "/dataset/train.jsonl", DateTime.UtcNow.AddHours(-1));

        Assert.NotSame(first, Walk());
    }

    [Fact]
    public void A_file_added_to_a_walked_folder_is_walked_again()
    {
        // On disk: the folder's own time is what shows an added name (the mock file system does not keep it).
        var root = Directory.CreateTempSubdirectory("rlenv-walkcache-").FullName;
        try
        {
            var fs = new System.IO.Abstractions.FileSystem();
            Directory.CreateDirectory(Path.Combine(root, "dataset"));
            File.WriteAllText(Path.Combine(root, "environment.py"), "def load_environment(**params):\n    return None\n");
            File.WriteAllText(Path.Combine(root, "dataset", "train.jsonl"), "{\"input\":\"a\",\"output\":\"1\"}\n");
            foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Append(root))
            {
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
            }

            EnvironmentWalk? WalkDisk() => new EnvironmentAnalyzer(fs) { WalkCache = _cache }
                .Walk(new PackRequest { EnvironmentDirectory = root, OutputDirectory = "/out" }, new DiagnosticBag());
            var first = WalkDisk();
            Assert.Same(first, WalkDisk());

            File.WriteAllText(Path.Combine(root, "dataset", "eval.jsonl"), "{\"input\":\"c\"}\n");
            File.SetLastWriteTimeUtc(Path.Combine(root, "dataset", "eval.jsonl"), DateTime.UtcNow.AddHours(-1));

            var second = WalkDisk();
            Assert.NotSame(first, second);
            Assert.Contains(second!.Decisions, d => d.Path == "dataset/eval.jsonl");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_walk_begun_while_a_file_was_being_written_is_not_kept()
    {
        Backdate();
        _fs.File.SetLastWriteTimeUtc(Root + "/environment.py", DateTime.UtcNow);

        var first = Walk();

        Assert.Null(first!.Stamp);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void A_whole_second_time_counts_as_racy_for_two_seconds()
    {
        // A file system that keeps whole seconds cannot tell a change a second after the walk began from one before it.
        Backdate();
        var now = DateTime.UtcNow;
        _fs.File.SetLastWriteTimeUtc(Root + "/environment.py", new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond) - TimeSpan.TicksPerSecond, DateTimeKind.Utc));

        Assert.Null(Walk()!.Stamp);
    }

    private EnvironmentWalk? Walk() =>
        new EnvironmentAnalyzer(_fs) { WalkCache = _cache }.Walk(new PackRequest { EnvironmentDirectory = Root, OutputDirectory = "/out" }, new DiagnosticBag());

    private void Backdate()
    {
        var then = DateTime.UtcNow.AddHours(-1);
        foreach (var path in _fs.AllPaths)
        {
            if (_fs.File.Exists(path))
            {
                _fs.File.SetLastWriteTimeUtc(path, then);
            }
            else
            {
                _fs.Directory.SetLastWriteTimeUtc(path, then);
            }
        }
    }

    private sealed class MemoryCache : IWalkCache
    {
        private readonly Dictionary<string, EnvironmentWalk> _walks = [];

        public int Count => _walks.Count;

        public EnvironmentWalk? Find(string key) => _walks.GetValueOrDefault(key);

        public void Keep(string key, EnvironmentWalk walk) => _walks[key] = walk;
    }
}
