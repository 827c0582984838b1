using System.IO.Abstractions.TestingHelpers;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Python;

/// <summary>
/// Each .py file is read once per analysis, into one source set that platform detection, the import closure, CPython's
/// syntax check, the import check, the platform's file checks, the package shape and the content pass all use. Before,
/// detection, the closure, the syntax check's read and the import check each opened the files again (up to four opens).
/// </summary>
public class PythonReadOnceTests
{
    private const string Root = "/env";

    private static MockFileSystem Project(params (string Path, string Content)[] files)
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory(Root);
        foreach (var (path, content) in files)
        {
            fs.AddFile(Root + "/" + path, new MockFileData(content));
        }

        return fs;
    }

    public static TheoryData<string, string[]> Projects() => new()
    {
        {
            // Freesolo, detected from environment.py: the closure reads environment.py, evaluations.py, helpers.py and
            // the package it imports; the syntax check, the import check and the bootstrap use those same reads.
            "freesolo",
            [
                "environment.py", "import helpers\nimport pkg.mod\nfrom importlib import import_module\nimport_module('dyn')\n\ndef load_environment(**params):\n    return helpers.X\n",
                "evaluations.py", "import scoring\n",
                "helpers.py", "X = 1\n",
                "scoring.py", "def score():\n    return 1\n",
                "dyn.py", "Y = 2\n",
                "unused.py", "import os\n",
                "pkg/__init__.py", "",
                "pkg/mod.py", "from . import other\n",
                "pkg/other.py", "Z = 3\n",
                "dataset/train.jsonl", "{\"input\":\"2+2\",\"output\":\"4\"}\n",
            ]
        },
        {
            // ReinforceNow, detected from train.jsonl with rewards.py: rewards.py and tools.py are read once for the
            // syntax check, the reward and tool rules and the import check; helper.py is not uploaded and never read.
            "reinforcenow",
            [
                "rewards.py", "from rnow.core import RewardArgs, reward\n\n@reward\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    return 1.0\n",
                "tools.py", "from rnow.core import tool\n\n@tool\ndef add(a: int, b: int) -> int:\n    \"\"\"Adds.\"\"\"\n    return a + b\n",
                "helper.py", "X = 1\n",
                "train.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}],\"rewards\":[\"accuracy\"],\"tools\":[\"add\"]}\n",
                "config.yml", "project_id: p1\ndataset_type: rl\ndata:\n  batch_size: 1\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer:\n  num_epochs: 1\n",
            ]
        },
        {
            // RunRL, detected from a prompt file and a reward file: detection reads the root .py files until one defines
            // the reward; the reward-file choice, the syntax check and the import check use those reads.
            "runrl",
            [
                "prompts.jsonl", "{\"prompt\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}],\"expected_result\":\"4\"}\n",
                "a_helper.py", "def reward_helper():\n    return 1\n",
                "reward.py", "import a_helper\n\ndef reward_fn(completion, **kwargs) -> float:\n    return 1.0\n",
                "z_utils.py", "import json\n",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Validate_reads_each_python_file_once(string platform, string[] files)
    {
        var fs = new CountingFileSystem(Project(Pairs(files)));

        var result = new ValidateEngine(fs).Validate(new PackRequest { EnvironmentDirectory = Root, OutputDirectory = "/out" });

        Assert.Equal(platform, result.Profile!.Value.Name);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code is "RLENV1006" or "RLENV1608");
        AssertReadOnce(fs, files, platform);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Pack_reads_each_python_file_once(string platform, string[] files)
    {
        var fs = new CountingFileSystem(Project(Pairs(files)));

        var result = new PackEngine(fs).Pack(new PackRequest { EnvironmentDirectory = Root, OutputDirectory = "/out" });

        Assert.Equal(platform, result.Profile!.Value.Name);
        AssertReadOnce(fs, files, platform);
    }

    [Fact]
    public void Given_profile_reads_the_reward_file_once_too()
    {
        var fs = new CountingFileSystem(Project(
            ("prompts.jsonl", "{\"prompt\":[{\"role\":\"user\",\"content\":\"x\"}]}\n"),
            ("reward.py", "def reward_fn(completion, **kwargs) -> float:\n    return 1.0\n"),
            ("helpers.py", "def reward_fn(completion, **kwargs) -> float:\n    return 0.0\n")));

        new ValidateEngine(fs).Validate(new PackRequest { EnvironmentDirectory = Root, OutputDirectory = "/out", Profile = Profile.RunRl });

        Assert.Equal(1, fs.Reads[Root + "/reward.py"]);
        Assert.Equal(1, fs.Reads[Root + "/helpers.py"]);
    }

    /// <summary>Every .py file opened at most once; every packed one exactly once.</summary>
    private static void AssertReadOnce(CountingFileSystem fs, string[] files, string platform)
    {
        var python = Pairs(files).Select(f => f.Path).Where(p => p.EndsWith(".py", StringComparison.Ordinal)).ToList();
        Assert.All(python, path => Assert.True(fs.Reads.GetValueOrDefault(Root + "/" + path) <= 1, $"{platform}: {path} was opened {fs.Reads.GetValueOrDefault(Root + "/" + path)} times"));
        var packed = platform switch
        {
            "reinforcenow" => python.Where(p => p is "rewards.py" or "tools.py"),
            _ => python,
        };
        Assert.All(packed, path => Assert.Equal(1, fs.Reads.GetValueOrDefault(Root + "/" + path)));
    }

    private static (string Path, string Content)[] Pairs(string[] files) =>
        [.. files.Chunk(2).Select(pair => (pair[0], pair[1]))];
}
