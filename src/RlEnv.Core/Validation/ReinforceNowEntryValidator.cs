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
            result.Diagnostics.Add(new Diagnostic(DiagnosticCatalog.JsonSyntax.Code, Severity.Error, File, context.LineNumber, (int)(e.BytePositionInLine ?? 0) + 1,
                JsonErrors.Describe(e)));
            return;
        }

        using (document)
        {
            var entry = document.RootElement;
            if (entry.ValueKind != JsonValueKind.Object)
            {
                result.Diagnostics.Add(RecordValidator.Error(DiagnosticCatalog.RecordNotObject.Code, context, 0, "An entry must be one JSON object with 'messages'."));
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
            sink.Add(new Diagnostic(DiagnosticCatalog.RnUnknownField.Code, Severity.Warning, File, context.LineNumber, 1,
                $"Field '{field.Name}' is not one ReinforceNow reads (messages, rewards, metadata, variables, tools, docker, docker_env, docker_cmd); put it under metadata."));
        }

        CheckMessages(entry, context, sink);
        foreach (var name in new[] { "metadata", "variables" })
        {
            if (entry.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Object)
            {
                sink.Add(RecordValidator.Error(DiagnosticCatalog.RnFieldNotObject.Code, context, 0, $"'{name}' must be an object."));
            }
        }

        var rewards = Names(entry, "rewards", context, sink);
        var tools = Names(entry, "tools", context, sink);
        foreach (var reward in rewards.Where(r => !catalog.Rewards.ContainsKey(r)))
        {
            sink.Add(RecordValidator.Error(DiagnosticCatalog.RnRewardUndefined.Code, context, 0, catalog.HasRewardsFile
                ? $"Reward '{reward}' is not an @reward function in rewards.py (defined: {Listed(catalog.Rewards.Keys)})."
                : $"Reward '{reward}' is used but there is no rewards.py."));
        }

        foreach (var tool in tools.Where(t => !catalog.Tools.ContainsKey(t)))
        {
            sink.Add(RecordValidator.Error(DiagnosticCatalog.RnToolUndefined.Code, context, 0, catalog.HasToolsFile
                ? $"Tool '{tool}' is not a @tool function in tools.py (defined: {Listed(catalog.Tools.Keys)})."
                : $"Tool '{tool}' is used but there is no tools.py."));
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
                sink.Add(RecordValidator.Error(DiagnosticCatalog.RnDockerRequired.Code, context, 0,
                    $"{string.Join(", ", sandboxed)} use{(sandboxed.Count == 1 ? "s" : string.Empty)} sandbox=True, so the entry needs a 'docker' image."));
            }

            foreach (var option in DockerOptions.Where(o => entry.TryGetProperty(o, out _)))
            {
                sink.Add(RecordValidator.Error(DiagnosticCatalog.RnDockerOptionWithoutDocker.Code, context, 0, $"'{option}' has no effect without 'docker'."));
            }
        }

        return rewards.Count > 0;
    }

    private void CheckMessages(JsonElement entry, in RecordContext context, DiagnosticLimiter sink)
    {
        if (!entry.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            sink.Add(RecordValidator.Error(DiagnosticCatalog.RnMessagesInvalid.Code, context, 0, "The entry needs 'messages', an array of chat messages."));
            return;
        }

        OutputShape.CheckMessages(messages, "message", context, 0, sink);
        var roles = messages.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("role", out var r) ? r.GetString() : null).ToList();
        if (!roles.Contains("user"))
        {
            sink.Add(RecordValidator.Error(DiagnosticCatalog.RnNoUserMessage.Code, context, 0, "The entry needs at least one user message."));
        }

        if (roles.Skip(1).Contains("system"))
        {
            sink.Add(RecordValidator.Error(DiagnosticCatalog.RnSystemNotFirst.Code, context, 0, "A system message may only come first."));
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
            sink.Add(RecordValidator.Error(field == "rewards" ? DiagnosticCatalog.RnRewardUndefined.Code : DiagnosticCatalog.RnToolUndefined.Code, context, 0, $"'{field}' must be a list of function names."));
            return [];
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    private static string Listed(IEnumerable<string> names) => names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "none";
}
