using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.Freesolo;

/// <summary>Issue 11 items 7 and 8: each failed before the Freesolo config schema and split resolution.</summary>
public class IssueItemsTests
{
    private const string Row = "{\"input\":\"What is 2 + 2?\",\"output\":\"4\"}";

    private const string ValidHead =
        "model = \"Qwen/Qwen3.5-4B\"\nproject = \"00000000-0000-4000-8000-000000000000\"\nalgorithm = \"grpo\"\n\n";

    [Fact]
    public void Item7_a_split_packaged_at_the_root_is_found_as_flash_probes_it()
    {
        var result = new DatasetEnvironment()
            .Lines("train.jsonl", Row)
            .Lines("eval.json", "[{\"input\":\"What is 3 + 3?\",\"output\":\"6\"}]")
            .Text("configs/rl.toml", ValidHead + "[environment]\nid = \"acme/math/env\"\n\n[environment.params]\nsplit = \" eval \"\n")
            .Validate();

        DatasetEnvironment.Clean(result);
    }

    [Fact]
    public void Item8_a_three_segment_id_is_valid_and_a_two_segment_id_is_not()
    {
        var three = new DatasetEnvironment().Lines("dataset/train.jsonl", Row)
            .Text("configs/rl.toml", ValidHead + "[environment]\nid = \"acme/math/env\"\n").Validate();
        var two = new DatasetEnvironment().Lines("dataset/train.jsonl", Row)
            .Text("configs/rl.toml", ValidHead + "[environment]\nid = \"acme/math\"\n").Validate();

        DatasetEnvironment.Clean(three);
        Assert.Equal(6, DatasetEnvironment.Single(two, DiagnosticCatalog.EnvironmentIdInvalid.Code).Line);
    }

    [Fact]
    public void Item8_a_config_flash_refuses_is_refused_at_its_line()
    {
        var result = new DatasetEnvironment().Lines("dataset/train.jsonl", Row)
            .Text("configs/rl.toml", "model = \"qwen3-8b\"\nalgorithm = \"grpo\"\n\n[environment]\nid = \"acme/math/env\"\n").Validate();

        Assert.Contains(result.Diagnostics, d => d.Severity == Severity.Error && d.File == "configs/rl.toml" && d.Line == 1);
    }
}
