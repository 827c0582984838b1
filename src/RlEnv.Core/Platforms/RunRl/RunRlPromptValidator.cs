// Mirrors RunRL's prompt line: "Each line in your prompt file must include: `prompt`: An array of message objects,
// where each message has: `role` ... `content`: The message text" (rldocs/content/docs/file-formats.mdx:19-23;
// quickstart.mdx:36; python/troubleshooting.mdx:44-45). Other fields reach the reward as kwargs (25-29, 56).
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.RunRl;

/// <summary>One prompt per line: an object whose `prompt` is an array of {role, content}.</summary>
public sealed class RunRlPromptValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics)
    : LineStreamValidator(file, split, options, diagnostics)
{
    protected override void ValidateLine(ReadOnlySpan<byte> line, long lineNumber, BlockResult result)
    {
        var context = new RecordContext(File, lineNumber, 0, false, Options);
        try
        {
            using var document = JsonDocument.Parse(line.ToArray(), new JsonDocumentOptions { MaxDepth = Options.MaxDepth, AllowDuplicateProperties = false });
            var record = document.RootElement;
            if (record.ValueKind != JsonValueKind.Object || !record.TryGetProperty("prompt", out var prompt) || prompt.ValueKind != JsonValueKind.Array || prompt.GetArrayLength() == 0)
            {
                result.Diagnostics.Add(DiagnosticCatalog.RunRlPromptMissing(File, context.LineNumber, EntryPosition.Column(context)));
                return;
            }

            var index = 0;
            foreach (var message in prompt.EnumerateArray())
            {
                if (message.ValueKind != JsonValueKind.Object
                    || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String
                    || !message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
                {
                    result.Diagnostics.Add(DiagnosticCatalog.RunRlPromptMessageInvalid(File, index, context.LineNumber, EntryPosition.Column(context)));
                }

                index++;
            }

            result.Add(new RecordFacts { IsRecord = true, InputHash = System.IO.Hashing.XxHash128.HashToUInt128(System.Text.Encoding.UTF8.GetBytes(prompt.GetRawText())) }, lineNumber);
        }
        catch (JsonException e)
        {
            result.Diagnostics.Add(DiagnosticCatalog.RunRlPromptJsonInvalid(File, JsonErrors.Describe(e), context.LineNumber, (int)(e.BytePositionInLine ?? 0) + 1));
        }
    }
}
