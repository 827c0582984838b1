using System.IO.Abstractions;
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Scanning;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Validation;

/// <summary>
/// A RunRL project: prompt files (root *.jsonl, each line a `prompt` array of {role, content}; other
/// fields reach the reward as kwargs) and a reward file defining reward_func(prompts, completions, **kwargs)
/// or the newer reward_fn(completion, **kwargs).
/// </summary>
public sealed class RunRlValidation : IDatasetChecks
{
    public const int RecommendedPrompts = 100;

    private readonly ValidationOptions _options;
    private readonly Dictionary<string, (SplitAccumulator Split, DiagnosticLimiter Diagnostics)> _files = new(StringComparer.Ordinal);

    private RunRlValidation(ValidationOptions options) => _options = options;

    public IEnumerable<SplitStats> Splits => _files.Values.Select(f => f.Split.ToStats()).OrderBy(s => s.Path, StringComparer.Ordinal);

    public static RunRlValidation Prepare(IFileSystem fileSystem, IReadOnlyList<Decision> decisions, ValidationOptions options, DiagnosticBag diagnostics)
    {
        var validation = new RunRlValidation(options);
        var packed = decisions.Where(d => d.Included && d.Entry.Kind == EntryKind.File && d.Entry.Depth == 0).ToList();
        foreach (var prompts in packed.Where(d => d.Path.EndsWith(".jsonl", StringComparison.Ordinal)))
        {
            validation._files[prompts.Path] = (new SplitAccumulator(Path.GetFileNameWithoutExtension(prompts.Path), prompts.Path), new DiagnosticLimiter(options.MaxDiagnosticsPerFileAndCode));
        }

        CheckRewardFunction(fileSystem, packed.Where(d => d.Path.EndsWith(".py", StringComparison.Ordinal)).ToList(), diagnostics);
        return validation;
    }

    public IContentObserver? CreateObserver(string path) =>
        _files.TryGetValue(path, out var file) ? new RunRlPromptValidator(path, file.Split, _options, file.Diagnostics) : null;

    public void Finish(DiagnosticBag diagnostics)
    {
        foreach (var (path, (split, limiter)) in _files.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            limiter.FlushTo(diagnostics, path);
            var distinct = split.Inputs.Count;
            if (distinct < RecommendedPrompts)
            {
                diagnostics.Add(DiagnosticCatalog.RunRlTooFewPrompts(path, distinct, RecommendedPrompts));
            }
        }
    }

    private static void CheckRewardFunction(IFileSystem fileSystem, List<Decision> pythonFiles, DiagnosticBag diagnostics)
    {
        foreach (var file in pythonFiles)
        {
            // Size and read failures, like syntax errors, are reported by the import check, which reads every uploaded .py.
            if (WalkedFileReader.ReadText(fileSystem, file.Entry, new DiagnosticBag()) is not { } source)
            {
                continue;
            }

            IReadOnlyList<PythonFunction> functions;
            try
            {
                functions = PythonModuleScanner.Scan(source).Functions;
            }
            catch (PythonSyntaxException)
            {
                continue;
            }

            if (functions.FirstOrDefault(f => f.Name == "reward_func") is { } classic)
            {
                var ok = classic.Parameters.Count >= 3 && classic.Parameters[0] == "prompts" && classic.Parameters[1] == "completions" && classic.Parameters[^1].StartsWith("**", StringComparison.Ordinal);
                diagnostics.Add(ok
                    ? DiagnosticCatalog.RunRlRewardFuncFound(file.Path, classic.Line, classic.Column)
                    : DiagnosticCatalog.RunRlRewardFuncMisdeclared(file.Path, classic.Parameters, classic.Line, classic.Column));
                return;
            }

            if (functions.FirstOrDefault(f => f.Name == "reward_fn") is { } newer)
            {
                var ok = newer.Parameters.Count >= 2 && newer.Parameters[0] == "completion" && newer.Parameters[^1].StartsWith("**", StringComparison.Ordinal);
                diagnostics.Add(ok
                    ? DiagnosticCatalog.RunRlRewardFnFound(file.Path, newer.Line, newer.Column)
                    : DiagnosticCatalog.RunRlRewardFnMisdeclared(file.Path, newer.Parameters, newer.Line, newer.Column));
                return;
            }
        }

        diagnostics.Add(DiagnosticCatalog.RunRlNoRewardFunction());
    }
}

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
