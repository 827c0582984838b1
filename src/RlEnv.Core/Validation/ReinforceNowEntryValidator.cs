using System.Text.Json;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Validation;

/// <summary>One train.jsonl entry per line: messages, rewards, tools and the sandbox fields, per ReinforceNow's rules.</summary>
public sealed class ReinforceNowEntryValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics, ReinforceNowCatalog catalog)
    : LineStreamValidator(file, split, options, diagnostics)
{
    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal)
    {
        "messages", "rewards", "metadata", "variables", "tools", "docker", "docker_env", "docker_cmd",
    };

    private static readonly string[] DockerOptions = ["docker_env", "docker_cmd"];

    protected override void ValidateLine(ReadOnlySpan<byte> line, long lineNumber, BlockResult result)
    {
        var context = new RecordContext(File, lineNumber, 0, false, Options);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray(), new JsonDocumentOptions { MaxDepth = Options.MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            result.Diagnostics.Add(DiagnosticCatalog.RnEntryJsonInvalid(File, JsonErrors.Describe(e), context.LineNumber, (int)(e.BytePositionInLine ?? 0) + 1));
            return;
        }

        using (document)
        {
            var entry = document.RootElement;
            if (entry.ValueKind != JsonValueKind.Object)
            {
                result.Diagnostics.Add(DiagnosticCatalog.RnEntryNotObject(File, context.LineNumber, EntryPosition.Column(context)));
                return;
            }

            var hasRewards = Check(entry, context, result.Diagnostics);
            result.Add(new RecordFacts { IsRecord = true, HasOutput = hasRewards }, lineNumber);
        }
    }

    /// <summary>Returns whether the entry is an RL entry (has rewards).</summary>
    private bool Check(JsonElement entry, in RecordContext context, DiagnosticLimiter sink)
    {
        foreach (var field in entry.EnumerateObject().Where(f => !Fields.Contains(f.Name)))
        {
            sink.Add(DiagnosticCatalog.RnEntryFieldNotRead(File, field.Name, context.LineNumber, 1));
        }

        CheckMessages(entry, context, sink);
        foreach (var name in new[] { "metadata", "variables" })
        {
            if (entry.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Object)
            {
                sink.Add(DiagnosticCatalog.RnEntryFieldNotObject(File, name, context.LineNumber, EntryPosition.Column(context)));
            }
        }

        var rewards = Names(entry, "rewards", context, sink);
        var tools = Names(entry, "tools", context, sink);
        foreach (var reward in rewards.Where(r => !catalog.Rewards.ContainsKey(r)))
        {
            sink.Add(catalog.HasRewardsFile
                ? DiagnosticCatalog.RnRewardNotInRewardsFile(File, reward, catalog.Rewards.Keys, context.LineNumber, EntryPosition.Column(context))
                : DiagnosticCatalog.RnRewardWithoutRewardsFile(File, reward, context.LineNumber, EntryPosition.Column(context)));
        }

        foreach (var tool in tools.Where(t => !catalog.Tools.ContainsKey(t)))
        {
            sink.Add(catalog.HasToolsFile
                ? DiagnosticCatalog.RnToolNotInToolsFile(File, tool, catalog.Tools.Keys, context.LineNumber, EntryPosition.Column(context))
                : DiagnosticCatalog.RnToolWithoutToolsFile(File, tool, context.LineNumber, EntryPosition.Column(context)));
        }

        var hasDocker = entry.TryGetProperty("docker", out var docker) && docker.ValueKind == JsonValueKind.String && docker.GetString()!.Length > 0;
        if (!hasDocker)
        {
            // Only RL entries (with rewards) run rollouts in a sandbox; SFT entries are valid without docker.
            // Without a tools field, every tool in tools.py is available to the entry.
            List<string> sandboxed = rewards.Count == 0 ? [] : [.. rewards.Where(r => catalog.Rewards.GetValueOrDefault(r))
                .Concat((entry.TryGetProperty("tools", out _) ? tools : catalog.Tools.Keys).Where(t => catalog.Tools.GetValueOrDefault(t)))];
            if (sandboxed.Count > 0)
            {
                sink.Add(DiagnosticCatalog.RnSandboxWithoutDocker(File, sandboxed, context.LineNumber, EntryPosition.Column(context)));
            }

            foreach (var option in DockerOptions.Where(o => entry.TryGetProperty(o, out _)))
            {
                sink.Add(DiagnosticCatalog.RnDockerOptionIgnored(File, option, context.LineNumber, EntryPosition.Column(context)));
            }
        }

        return rewards.Count > 0;
    }

    private void CheckMessages(JsonElement entry, in RecordContext context, DiagnosticLimiter sink)
    {
        if (!entry.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            sink.Add(DiagnosticCatalog.RnEntryMessagesMissing(File, context.LineNumber, EntryPosition.Column(context)));
            return;
        }

        OutputShape.CheckMessages(messages, "message", context, 0, sink);
        var roles = messages.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("role", out var r) ? r.GetString() : null).ToList();
        if (!roles.Contains("user"))
        {
            sink.Add(DiagnosticCatalog.RnEntryUserMessageMissing(File, context.LineNumber, EntryPosition.Column(context)));
        }

        if (roles.Skip(1).Contains("system"))
        {
            sink.Add(DiagnosticCatalog.RnEntrySystemMessageNotFirst(File, context.LineNumber, EntryPosition.Column(context)));
        }
    }

    private List<string> Names(JsonElement entry, string field, in RecordContext context, DiagnosticLimiter sink)
    {
        if (!entry.TryGetProperty(field, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            sink.Add(field == "rewards"
                ? DiagnosticCatalog.RnEntryRewardsNotNameList(File, context.LineNumber, EntryPosition.Column(context))
                : DiagnosticCatalog.RnEntryToolsNotNameList(File, context.LineNumber, EntryPosition.Column(context)));
            return [];
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }
}
