// The context-window check of `rnow run` (rnow/cli/commands.py: run C:2141-2261 and _submit_single_run C:1596-1637, both
// through validate_context_window C:212-228): for rl and distill, rnow counts the longest prompt of train.jsonl, with the
// tools' schemas, in the model's tokens (rnow/cli/token_count.py get_max_prompt_tokens) and refuses the project when
// max_context_window minus that count leaves fewer than 2000 tokens for generation.
//
// The count depends on the tokenizer rnow manages to load on the user's machine (HuggingFace's tokenizer.json fetched
// from the hub, tiktoken, openai-harmony, or a one-token-per-character estimate when none loads) and on MCP tool schemas
// fetched over the network. RlEnv has neither, so it checks only what holds for every tokenizer: a prompt is at least one
// token, so a max_context_window of 2000 or less is always refused. Larger windows are left to rnow.
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Platforms.ReinforceNow;

public static class RnContextWindow
{
    /// <summary>Tokens rnow keeps free for generation (validate_context_window's min_buffer).</summary>
    public const int GenerationBuffer = 2000;

    /// <summary>Refuses a window that cannot leave <see cref="GenerationBuffer"/> tokens after any prompt.</summary>
    /// <param name="config">The config rnow reads.</param>
    /// <param name="jsonRows">How many train.jsonl lines parse as JSON: with none, rnow counts no prompt and (on the single-model path) skips the check.</param>
    /// <param name="diagnostics">Where the error goes.</param>
    public static void Check(RnConfigRead config, long jsonRows, DiagnosticBag diagnostics)
    {
        if (config.File is not { } file || config.Facts.MaxContextWindow is not { } window || window > GenerationBuffer || jsonRows == 0)
        {
            return;
        }

        var (line, column) = config.Facts.MaxContextWindowAt;
        diagnostics.Add(DiagnosticCatalog.RnContextWindowNoRoom(file, window, line, column));
    }
}
