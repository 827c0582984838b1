// Mirrors what a RunRL run needs for prompts: "A run requires a prompt file" (rldocs/content/docs/file-formats.mdx:6-7),
// and "Prompt files must be in JSONL (JSON Lines) format ... The file extension should be `.jsonl`" (19); the API
// takes one required prompt_file_id (python/api-reference.mdx:75-77). A prompts.json is JSON, not JSON Lines.
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Rules;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms.RunRl;

internal static class RunRlPromptFiles
{
    /// <summary>The root .jsonl files packed as prompt files.</summary>
    /// <param name="decisions">The walk's decisions.</param>
    public static IEnumerable<string> In(IReadOnlyList<Decision> decisions) =>
        decisions.Where(d => d.Included && d.Entry.Kind == EntryKind.File && d.Entry.Depth == 0 && d.Path.EndsWith(".jsonl", StringComparison.Ordinal)).Select(d => d.Path);

    /// <summary>An error when there is no prompt file, naming any root .json file that looks like one.</summary>
    /// <param name="decisions">The walk's decisions.</param>
    /// <param name="diagnostics">Where the finding goes.</param>
    public static void RequireOne(IReadOnlyList<Decision> decisions, DiagnosticBag diagnostics)
    {
        if (In(decisions).Any())
        {
            return;
        }

        var json = decisions.Where(d => d.Entry.Kind == EntryKind.File && d.Entry.Depth == 0 && d.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Select(d => d.Path).Order(StringComparer.Ordinal).ToList();
        diagnostics.Add(DiagnosticCatalog.RunRlNoPromptFile(json.Select(PathPortability.Display).ToList()));
    }
}
