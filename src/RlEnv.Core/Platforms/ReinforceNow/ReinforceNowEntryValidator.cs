using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.ReinforceNow;

namespace RlEnv.Core.Validation;

/// <summary>
/// One train.jsonl entry per line, read as strict JSON and checked against the entry model of the project's
/// dataset_type (<see cref="RnEntries"/>). Every line is checked, where <c>rnow run</c> stops after 50 valid ones.
/// </summary>
public sealed class ReinforceNowEntryValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics, ReinforceNowCatalog catalog, RnDatasetType? datasetType, ReinforceNowLineCounts counts)
    : LineStreamValidator(file, split, options, diagnostics)
{
    protected override void ValidateLine(ReadOnlySpan<byte> line, long lineNumber, BlockResult result)
    {
        counts.AddLine();
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
            counts.AddJsonLine();
            var entry = document.RootElement;
            var site = new RnRowSite(File, context.LineNumber, EntryPosition.Column(context));
            if (entry.ValueKind != JsonValueKind.Object)
            {
                result.Diagnostics.Add(DiagnosticCatalog.RnEntryNotObject(File, datasetType, site.Line, site.Column));
                return;
            }

            var hasRewards = RnEntries.Check(entry, datasetType, catalog, site, result.Diagnostics);
            result.Add(new RecordFacts { IsRecord = true, HasOutput = hasRewards }, lineNumber);
        }
    }
}

/// <summary>Lines of train.jsonl seen by the workers that validate it (thread-safe).</summary>
public sealed class ReinforceNowLineCounts
{
    private long _lines;
    private long _jsonLines;

    /// <summary>Non-blank lines handed to the entry checks.</summary>
    public long Lines => Interlocked.Read(ref _lines);

    /// <summary>Lines that parse as JSON of any kind: what rnow's count_train_jsonl_samples counts (commands.py 544-564).</summary>
    public long JsonLines => Interlocked.Read(ref _jsonLines);

    internal void AddLine() => Interlocked.Increment(ref _lines);

    internal void AddJsonLine() => Interlocked.Increment(ref _jsonLines);
}
