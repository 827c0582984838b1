// Mirrors rnow/cli/commands.py validate_train_jsonl (lines 495-501: the entry model dataset_type chooses) and the
// models it chooses from rnow/models.py: TrainEntry for sft and distill (lines 140-164), TrainEntryRL (167-170) and
// TrainEntryMidtrain (173-177); reward names as validate_reward_references (commands.py 134-202, run for rl only at
// 2274); sandbox functions as validate_sandbox_docker_requirement (429-482). ReinforceNow/reinforcenow-cli 0.4.37.
// Where the train.jsonl guide (rnow/skills/rnow-train-jsonl/SKILL.md) states a rule the code does not check (tool
// names exist, sandbox needs docker on the single-model run), RlEnv keeps it and its message says so.
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>One train.jsonl row, checked against the entry model of the project's dataset_type.</summary>
public static class RnEntries
{
    /// <summary>The fields TrainEntry and TrainEntryRL declare; any other is accepted (extra="allow") and unread.</summary>
    public static readonly IReadOnlyList<string> EntryFields = ["messages", "rewards", "tools", "docker", "docker_env", "metadata", "variables"];

    /// <summary>The one field TrainEntryMidtrain declares.</summary>
    public static readonly IReadOnlyList<string> MidtrainFields = ["text"];

    // docker_cmd is no model field, but an earlier edition of the guide documented it: accepted without a warning.
    private static readonly HashSet<string> QuietFields = new(StringComparer.Ordinal) { "messages", "rewards", "tools", "docker", "docker_env", "metadata", "variables", "docker_cmd" };

    private static readonly string[] ObjectFields = ["metadata", "variables"];

    /// <summary>Checks one row (a JSON object).</summary>
    /// <param name="entry">The row.</param>
    /// <param name="type">The project's dataset_type; null when the config does not give a valid one (checked as TrainEntry, without the rl rules).</param>
    /// <param name="functions">The @reward and @tool functions of rewards.py and tools.py.</param>
    /// <param name="site">Where findings point.</param>
    /// <param name="sink">Where they go.</param>
    /// <returns>Whether the row lists rewards.</returns>
    public static bool Check(JsonElement entry, RnDatasetType? type, ReinforceNowCatalog functions, in RnRowSite site, DiagnosticLimiter sink)
    {
        if (type == RnDatasetType.Midtrain)
        {
            CheckMidtrain(entry, site, sink);
            return false;
        }

        foreach (var field in entry.EnumerateObject().Where(f => !QuietFields.Contains(f.Name)))
        {
            sink.Add(DiagnosticCatalog.RnEntryFieldNotRead(site.File, field.Name, type, EntryFields, site.Line, site.Column));
        }

        RnMessages.Check(entry, site, sink);
        foreach (var name in ObjectFields)
        {
            if (entry.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                sink.Add(DiagnosticCatalog.RnEntryFieldNotObject(site.File, name, site.Line, site.Column));
            }
        }

        var rewards = Rewards(entry, type, site, sink);
        var tools = Tools(entry, site, sink);
        var hasDocker = entry.TryGetProperty("docker", out var docker) && Truthy(docker);
        CheckDocker(entry, hasDocker, site, sink);

        // rnow matches reward names only for rl (commands.py 2273-2297); for sft and distill the list is never read.
        if (type == RnDatasetType.Rl)
        {
            foreach (var reward in rewards.Where(r => !functions.Rewards.ContainsKey(r)))
            {
                sink.Add(functions.HasRewardsFile
                    ? DiagnosticCatalog.RnRewardNotInRewardsFile(site.File, reward, functions.Rewards.Keys, site.Line, site.Column)
                    : DiagnosticCatalog.RnRewardWithoutRewardsFile(site.File, reward, site.Line, site.Column));
            }
        }

        foreach (var tool in (tools ?? []).Where(t => !functions.Tools.ContainsKey(t)))
        {
            sink.Add(functions.HasToolsFile
                ? DiagnosticCatalog.RnToolNotInToolsFile(site.File, tool, functions.Tools.Keys, site.Line, site.Column)
                : DiagnosticCatalog.RnToolWithoutToolsFile(site.File, tool, site.Line, site.Column));
        }

        if (!hasDocker)
        {
            CheckSandbox(rewards, tools, type, functions, site, sink);
        }

        return rewards.Count > 0;
    }

    /// <summary>Python's truthiness of a JSON value, as <c>not record.get("docker")</c> reads it.</summary>
    /// <param name="value">The value.</param>
    public static bool Truthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Length > 0,
        JsonValueKind.Number => !value.TryGetDouble(out var number) || number != 0,
        JsonValueKind.True => true,
        JsonValueKind.Array => value.GetArrayLength() > 0,
        JsonValueKind.Object => value.EnumerateObject().Any(),
        _ => false,
    };

    private static void CheckMidtrain(JsonElement entry, in RnRowSite site, DiagnosticLimiter sink)
    {
        foreach (var field in entry.EnumerateObject().Where(f => f.Name != "text"))
        {
            sink.Add(DiagnosticCatalog.RnEntryFieldNotRead(site.File, field.Name, RnDatasetType.Midtrain, MidtrainFields, site.Line, site.Column));
        }

        // min_length=1 counts characters: "  " passes, as it does in pydantic.
        var problem = !entry.TryGetProperty("text", out var text) ? "is missing"
            : text.ValueKind != JsonValueKind.String ? "is not a string"
            : text.GetString()!.Length == 0 ? "is empty"
            : null;
        if (problem is not null)
        {
            sink.Add(DiagnosticCatalog.RnMidtrainTextInvalid(site.File, problem, site.Line, site.Column));
        }
    }

    /// <returns>The reward names when the field is a list of strings; otherwise none.</returns>
    private static List<string> Rewards(JsonElement entry, RnDatasetType? type, in RnRowSite site, DiagnosticLimiter sink)
    {
        var present = entry.TryGetProperty("rewards", out var value);
        if (type == RnDatasetType.Rl && (!present || value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)))
        {
            sink.Add(DiagnosticCatalog.RnRlEntryWithoutRewards(site.File, !present ? "is missing" : value.ValueKind == JsonValueKind.Null ? "is null" : "is empty", site.Line, site.Column));
            return [];
        }

        if (!present || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (!IsNameList(value))
        {
            sink.Add(DiagnosticCatalog.RnEntryRewardsNotNameList(site.File, site.Line, site.Column));
            return [];
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <returns>The tool names; null when the field is absent or null (the entry names no tools).</returns>
    private static List<string>? Tools(JsonElement entry, in RnRowSite site, DiagnosticLimiter sink)
    {
        if (!entry.TryGetProperty("tools", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!IsNameList(value))
        {
            sink.Add(DiagnosticCatalog.RnEntryToolsNotNameList(site.File, site.Line, site.Column));
            return [];
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    private static bool IsNameList(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String);

    private static void CheckDocker(JsonElement entry, bool hasDocker, in RnRowSite site, DiagnosticLimiter sink)
    {
        if (entry.TryGetProperty("docker", out var docker) && docker.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            sink.Add(DiagnosticCatalog.RnDockerNotString(site.File, site.Line, site.Column));
        }

        if (!entry.TryGetProperty("docker_env", out var environment) || environment.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (environment.ValueKind != JsonValueKind.Object)
        {
            sink.Add(DiagnosticCatalog.RnDockerEnvNotObject(site.File, site.Line, site.Column));
            return;
        }

        foreach (var variable in environment.EnumerateObject().Where(v => v.Value.ValueKind != JsonValueKind.String))
        {
            sink.Add(DiagnosticCatalog.RnDockerEnvValueNotString(site.File, variable.Name, site.Line, site.Column));
        }

        // validate_docker_fields (models.py 159-164) tests truthiness: {} or null without docker passes.
        if (!hasDocker && environment.EnumerateObject().Any())
        {
            sink.Add(DiagnosticCatalog.RnDockerEnvWithoutDocker(site.File, site.Line, site.Column));
        }
    }

    private static void CheckSandbox(List<string> rewards, List<string>? tools, RnDatasetType? type, ReinforceNowCatalog functions, in RnRowSite site, DiagnosticLimiter sink)
    {
        // The row's own names, as validate_sandbox_docker_requirement intersects them, whatever the dataset_type.
        List<string> used = [.. rewards.Distinct(StringComparer.Ordinal).Where(r => functions.Rewards.GetValueOrDefault(r)).Order(StringComparer.Ordinal).Select(r => "reward:" + r),
            .. (tools ?? []).Distinct(StringComparer.Ordinal).Where(t => functions.Tools.GetValueOrDefault(t)).Order(StringComparer.Ordinal).Select(t => "tool:" + t)];
        if (used.Count > 0)
        {
            sink.Add(DiagnosticCatalog.RnSandboxWithoutDocker(site.File, used, site.Line, site.Column));
            return;
        }

        // The guide gives an entry without tools every tool (SKILL.md:92); rnow's code gives it none
        // (commands.py:461). Only types that run rollouts call tools.
        if (tools is null && type is { } known && known.RunsRollouts())
        {
            List<string> reachable = [.. functions.Tools.Where(t => t.Value).Select(t => t.Key).Order(StringComparer.Ordinal)];
            if (reachable.Count > 0)
            {
                sink.Add(DiagnosticCatalog.RnSandboxThroughOmittedTools(site.File, reachable, site.Line, site.Column));
            }
        }
    }
}
