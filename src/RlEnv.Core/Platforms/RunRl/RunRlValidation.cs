using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.RunRl;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Scanning;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Validation;

/// <summary>
/// A RunRL project: prompt files (root *.jsonl, each line a `prompt` array of {role, content}; other fields reach
/// the reward as kwargs) and the one reward file a run takes, defining reward_fn(completion, **kwargs) (or the
/// older reward_func), or an environment class. The rules live in Platforms/RunRl.
/// </summary>
public sealed class RunRlValidation : IDatasetChecks
{
    public const int RecommendedPrompts = 100;

    private readonly ValidationOptions _options;
    private readonly Dictionary<string, (SplitAccumulator Split, DiagnosticLimiter Diagnostics)> _files = new(StringComparer.Ordinal);

    // Scratch space only, on the real temp folder: the project's files are read through the walk's file system.
    private readonly InputDigestBudget _digests;

    private RunRlValidation(ValidationOptions options)
    {
        _options = options;
        _digests = new InputDigestBudget(new System.IO.Abstractions.FileSystem(), options.InputDigestBytes);
    }

    public IEnumerable<SplitStats> Splits => _files.Values.Select(f => f.Split.ToStats()).OrderBy(s => s.Path, StringComparer.Ordinal);

    /// <summary>The reward file RlEnv checks as the run's, or null.</summary>
    public string? RewardFile { get; private set; }

    public static RunRlValidation Prepare(IReadOnlyList<Decision> decisions, PythonFiles python, ValidationOptions options, DiagnosticBag diagnostics)
    {
        var validation = new RunRlValidation(options);
        foreach (var prompts in RunRlPromptFiles.In(decisions))
        {
            validation._files[prompts] = (new SplitAccumulator(Path.GetFileNameWithoutExtension(prompts), prompts, validation._digests) { ExpectedBytes = decisions.First(d => d.Path == prompts).Entry.Size }, new DiagnosticLimiter(options.MaxDiagnosticsPerFileAndCode));
        }

        RunRlPromptFiles.RequireOne(decisions, diagnostics);
        validation.RewardFile = CheckRunFile(decisions, python, diagnostics);
        return validation;
    }

    /// <summary>The reward file (or the environment file) a run takes; CPython's verdict is an error for it, a warning for the other .py files.</summary>
    private static string? CheckRunFile(IReadOnlyList<Decision> decisions, PythonFiles python, DiagnosticBag diagnostics)
    {
        var files = decisions.Where(d => d.Included && d.Entry.Kind == EntryKind.File && d.Entry.Depth == 0 && d.Path.EndsWith(".py", StringComparison.Ordinal))
            .Select(d => d.Path).Order(StringComparer.Ordinal).ToList();
        var ranked = RunRlRewardFile.Rank(python, files);
        string? runFile;
        if (ranked.Count > 0)
        {
            RunRlRewardFile.Report(ranked, python, diagnostics);
            runFile = ranked[0].Path;
        }
        else if (RunRlEnvironmentFile.Find(python, files) is { } environment)
        {
            diagnostics.Add(DiagnosticCatalog.RunRlEnvironmentClassFound(environment.File, environment.Class.Name, environment.Class.Line, environment.Class.Column));
            runFile = environment.File;
        }
        else
        {
            var (file, near, what) = RunRlRewardFile.Nearest(python, files);
            diagnostics.Add(DiagnosticCatalog.RunRlNoRewardFunction(file, what, near?.Line, near?.Column));
            runFile = file;
        }

        python.Syntax.Report(diagnostics, path => path == runFile, "RunRL");
        return runFile;
    }

    public IContentObserver? CreateObserver(string path) =>
        _files.TryGetValue(path, out var file) ? new RunRlPromptValidator(path, file.Split, _options, file.Diagnostics) : null;

    public void Finish(DiagnosticBag diagnostics)
    {
        foreach (var (path, (split, limiter)) in _files.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            limiter.FlushTo(diagnostics, path);
            var distinct = (int)Math.Min(split.Inputs.Distinct(), int.MaxValue);
            if (distinct < RecommendedPrompts)
            {
                diagnostics.Add(DiagnosticCatalog.RunRlTooFewPrompts(path, distinct, RecommendedPrompts));
            }
        }
    }

    public void Dispose() => _digests.Dispose();
}
