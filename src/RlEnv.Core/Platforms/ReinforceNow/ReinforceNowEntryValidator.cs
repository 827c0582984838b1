using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.ReinforceNow;

namespace RlEnv.Core.Validation;

/// <summary>
/// One train.jsonl entry per line, read as rnow's json.loads reads it (<see cref="RnRowJson"/>; lines end at \n, \r\n or a
/// lone \r as in Python's universal newlines) and checked against the entry model of the project's dataset_type
/// (<see cref="RnEntries"/>). Every line is checked, where <c>rnow run</c> stops after 50 valid ones.
/// </summary>
public sealed class ReinforceNowEntryValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics, ReinforceNowCatalog catalog, RnDatasetType? datasetType, ReinforceNowLineCounts counts)
    : LineStreamValidator(file, split, options, diagnostics)
{
    protected override bool LoneCarriageReturnEndsLine => true;

    protected override void OnLoneCarriageReturn(long lineNumber, int column, BlockResult result) =>
        result.Diagnostics.Add(DiagnosticCatalog.RnRowLoneCr(File, (int)Math.Min(lineNumber, int.MaxValue), column));

    protected override void ValidateLine(ReadOnlySpan<byte> line, long lineNumber, BlockResult result)
    {
        var context = new RecordContext(File, lineNumber, 0, false, Options);
        // json.loads(line.strip()) as rnow reads the row (RnRowJson): strict JSON first, Python's dialect when that fails.
        var parsed = RnRowJson.Parse(line, File, context.LineNumber, Options.MaxDepth, result.Diagnostics);
        if (parsed.Blank)
        {
            return;
        }

        counts.AddLine();
        if (parsed.Document is not { } document)
        {
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
