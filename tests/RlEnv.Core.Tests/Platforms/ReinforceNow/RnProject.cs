using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.ReinforceNow;

/// <summary>
/// A ReinforceNow project written from facts of rnow's models (ReinforceNow/reinforcenow-cli 0.4.37), validated with
/// the reinforcenow profile. Row findings are what RlEnv says about train.jsonl, so config.yml and Python checks
/// elsewhere never change these tests' verdicts.
/// </summary>
internal static class RnProject
{
    // Signatures as rnow/core/reward.py and rnow/core/tool.py accept them.
    public const string Rewards =
        "from rnow.core import RewardArgs, reward\n\n\n@reward\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    return 1.0\n\n\n"
        + "@reward(sandbox=True)\nasync def code_runs(args: RewardArgs, messages: list) -> float:\n    return 1.0\n";

    public const string Tools =
        "from rnow.core import tool\n\n\n@tool\ndef web_search(query: str) -> str:\n    \"\"\"Search the web.\"\"\"\n    return \"\"\n\n\n"
        + "@tool(sandbox=True)\ndef execute_python(code: str) -> str:\n    \"\"\"Run Python code.\"\"\"\n    return \"\"\n";

    /// <summary>tools.py without a sandbox tool, for rows that name no tools in a type with rollouts.</summary>
    public const string PlainTools = "from rnow.core import tool\n\n\n@tool\ndef web_search(query: str) -> str:\n    \"\"\"Search the web.\"\"\"\n    return \"\"\n";

    public const string RlRow = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}],\"rewards\":[\"accuracy\"],\"tools\":[\"web_search\"],\"metadata\":{\"answer\":\"4\"}}";

    public const string SftRow = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"},{\"role\":\"assistant\",\"content\":\"Hi there!\"}]}";

    public const string MidtrainRow = "{\"text\":\"Problem: 2x + 5 = 13. Solution: x = 4.\"}";

    /// <summary>A config rnow's ProjectConfig accepts (models.py 522-611), for the given dataset_type.</summary>
    /// <param name="datasetType">rl, sft, distill or midtrain.</param>
    public static string Config(string datasetType) =>
        "project_id: \"2008a80e-d41a-4305-97fd-ffd21c85cac5\"\nproject_name: \"t\"\ndataset_type: " + datasetType + "\n"
        + "data:\n  train_file: train.jsonl\n  batch_size: 1\n"
        + "model:\n  path: Qwen/Qwen3-8B\n  qlora_rank: 32\n"
        + "trainer:\n  num_epochs: 1\n  learning_rate: 0.0001\n"
        + (datasetType == "distill" ? "teacher:\n  path: Qwen/Qwen3-32B\n" : string.Empty);

    /// <summary>config.yml, rewards.py, tools.py and the rows.</summary>
    /// <param name="datasetType">rl, sft, distill or midtrain.</param>
    /// <param name="rows">The lines of train.jsonl.</param>
    public static ProjectFiles Of(string datasetType, params string[] rows) =>
        new ProjectFiles().File("config.yml", Config(datasetType)).File("rewards.py", Rewards).File("tools.py", Tools).Lines("train.jsonl", rows);

    public static ValidateResult Check(this ProjectFiles project) => project.Validate(Profile.ReinforceNow);

    /// <summary>Errors and warnings about train.jsonl.</summary>
    /// <param name="result">The validation.</param>
    public static IReadOnlyList<Diagnostic> RowFindings(this ValidateResult result) =>
        [.. result.Diagnostics.Where(d => d.File == "train.jsonl" && d.Severity != Severity.Info)];

    public static void RowsClean(this ValidateResult result) => Assert.Empty(result.RowFindings());

    public static Diagnostic Single(this ValidateResult result, string code) => Assert.Single(result.Diagnostics, d => d.Code == code);
}
