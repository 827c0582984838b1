using RlEnv.Core.Diagnostics;
using RlEnv.Core.Profiles;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.ReinforceNow;

/// <summary>
/// The configs of rnow's 13 templates (rnow/templates/*/config.yml at reinforcenow-cli 0.4.37), rebuilt here from
/// their settings: every one passes ProjectConfig (rerun of rnow/models.py). Three templates are still refused by
/// `rnow run` because their batch_size exceeds the samples in their train.jsonl (C:2127-2136).
/// </summary>
public class RnTemplateConfigTests
{
    private const string Ppo = "algorithm: {loss_fn: ppo, adv_estimator: grpo, kl_penalty_coef: 0.01}\n";

    public static TheoryData<string, string> Templates() => new()
    {
        { "first-rl", Template("rl", "batch_size: 16, group_size: 8", "Qwen/Qwen3-8B", 32, Ppo + "rollout: {max_turns: 1, max_context_window: 16000, termination_policy: last_tool}\n", "num_epochs: 6, learning_rate: 0.0001, save_step: 8") },
        { "kernel", Template("rl", "batch_size: 8, group_size: 4", "Qwen/Qwen3-VL-30B-A3B-Instruct", 32, Ppo + "rollout: {max_turns: 15, max_context_window: 32768, termination_policy: last_tool, tool_timeout: 30}\n", "num_epochs: 3, learning_rate: 0.0001, save_step: 50") },
        { "mcp-tavily", Template("rl", "batch_size: 32, group_size: 16", "Qwen/Qwen3-30B-A3B-Instruct-2507", 32, Ppo + "rollout: {max_turns: 3, max_context_window: 4096, termination_policy: last_tool, mcp_url: \"https://mcp.tavily.com/mcp/?tavilyApiKey=KEY\"}\n", "num_epochs: 4, learning_rate: 0.0001, save_step: 63") },
        { "off-distill-agent", Template("sft", "batch_size: 4", "Qwen/Qwen3-8B", 32, string.Empty, "num_epochs: 3, learning_rate: 0.00005, save_step: 100") },
        { "on-distill-agent", Template("distill", "batch_size: 4, group_size: 4", "Qwen/Qwen3-8B", 32, "teacher: {path: Qwen/Qwen3-32B}\nrollout: {max_turns: 4, max_context_window: 4096, termination_policy: last_tool, tool_timeout: 120, mcp_url: localhost:8931}\nalgorithm: {loss_fn: ppo, adv_estimator: grpo, kl_penalty_coef: 0.1}\n", "num_epochs: 3, learning_rate: 0.0001, save_step: 50") },
        { "posttrain", Template("midtrain", "batch_size: 8", "Qwen/Qwen3-8B-Base", 64, string.Empty, "num_epochs: 3, learning_rate: 0.0001, save_step: 100") },
        { "rl-browser", Template("rl", "batch_size: 8, group_size: 4", "Qwen/Qwen3-8B", 32, Ppo + "rollout: {max_turns: 25, max_context_window: 4096, termination_policy: last_tool, tool_timeout: 120, mcp_url: localhost:8931}\n", "num_epochs: 3, learning_rate: 0.0001, save_step: 50") },
        { "rl-single", Template("rl", "batch_size: 16, group_size: 8", "Qwen/Qwen3-8B", 32, Ppo + "rollout: {max_turns: 1, max_context_window: 16000, termination_policy: last_tool}\n", "num_epochs: 6, learning_rate: 0.0001, save_step: 8") },
        { "rl-tools", Template("rl", "batch_size: 32, group_size: 16", "Qwen/Qwen3-30B-A3B-Instruct-2507", 32, Ppo + "rollout: {max_turns: 3, max_context_window: 4096, termination_policy: last_tool}\n", "num_epochs: 4, learning_rate: 0.0001, save_step: 63") },
        { "sft", Template("sft", "batch_size: 16", "Qwen/Qwen3-8B", 128, string.Empty, "num_epochs: 20, learning_rate: 0.0001, save_step: 20") },
        { "skyrl-sql", Template("rl", "batch_size: 16, group_size: 8", "Qwen/Qwen3-8B", 64, "rollout: {max_turns: 5, termination_policy: last_tool, tool_timeout: 30, max_context_window: 32768}\n", "num_epochs: 20, learning_rate: 0.0001", projectId: false) },
        { "tutorial-reward", Template("rl", "batch_size: 16, group_size: 8", "Qwen/Qwen3-8B", 32, Ppo + "rollout: {max_turns: 1, max_context_window: 16000, termination_policy: last_tool}\n", "num_epochs: 6, learning_rate: 0.0001, save_step: 8") },
        { "tutorial-tool", Template("rl", "batch_size: 32, group_size: 16", "Qwen/Qwen3-30B-A3B-Instruct-2507", 32, Ppo + "rollout: {max_turns: 5, max_context_window: 16384, termination_policy: last_tool}\n", "num_epochs: 4, learning_rate: 0.0001, save_step: 421") },
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_template_config_passes_ProjectConfig(string template, string yaml)
    {
        // The templates ship with project_id: "" (skyrl-sql without one) for `rnow init` to fill: a warning only.
        var findings = RnConfigSchemaTests.Check(yaml);

        Assert.True(findings.All(f => f.Code == DiagnosticCatalog.RnProjectIdEmpty.Code || f.Severity == Severity.Info), template + ": " + string.Join(" | ", findings.Select(f => f.Message)));
        Assert.Single(findings, f => f.Code == DiagnosticCatalog.RnProjectIdEmpty.Code);
    }

    [Theory]
    // Three templates ship 3 rows with a larger batch_size, so `rnow run` refuses them (C:2127-2136).
    [InlineData("off-distill-agent", 4, "{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"assistant\",\"content\":\"A\"}]}")]
    [InlineData("on-distill-agent", 4, "{\"messages\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"Q\"}],\"docker\":\"img\"}")]
    [InlineData("posttrain", 8, "{\"text\":\"Domain text to continue pretraining on.\"}")]
    public void Three_templates_are_refused_for_batch_size_above_their_three_rows(string template, int batchSize, string row)
    {
        var yaml = (string)Templates().Single(t => (string)t[0] == template)[1];
        var project = new ProjectFiles().File("config.yml", yaml.Replace("project_id: \"\"", "project_id: p1", StringComparison.Ordinal)).Lines("train.jsonl", row, row, row);

        var refusal = Assert.Single(project.Validate(Profile.ReinforceNow).Diagnostics, d => d.File == "config.yml");
        Assert.Equal((DiagnosticCatalog.RnBatchSizeAboveRows.Code, Severity.Error, 4), (refusal.Code, refusal.Severity, refusal.Line));
        Assert.Contains($"train.jsonl has 3 samples and config has batch_size={batchSize}", refusal.Message, StringComparison.Ordinal);
    }

    private static string Template(string type, string data, string model, int rank, string sections, string trainer, bool projectId = true) =>
        (projectId ? "project_id: \"\"\n" : string.Empty) + $"project_name: \"template\"\ndataset_type: {type}\ndata: {{train_file: train.jsonl, {data}}}\n"
        + $"model: {{path: {model}, qlora_rank: {rank}, name: \"Model\", description: \"Trained by the template\"}}\n{sections}trainer: {{{trainer}}}\n";
}
