// RunRL (runrl/docs): a run takes prompt files in JSON Lines (rldocs/content/docs/file-formats.mdx) and one reward
// file defining reward_fn (or the older reward_func), or an environment class.
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Profiles;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.RunRl;

/// <summary>
/// RunRL: the root prompt files (*.jsonl), the root reward files (*.py) and requirements.txt; each prompt line's
/// <c>prompt</c> array and the one reward file a run takes, checked by <see cref="RunRlValidation"/>, which reports
/// CPython's verdict with that file as the one imported for certain.
/// </summary>
public sealed class RunRlPlatform : Platform
{
    public static readonly RunRlPlatform Instance = new();

    private static readonly RootFileList Uploads = new((_, _) => false, name =>
        name.EndsWith(".jsonl", StringComparison.Ordinal) || name.EndsWith(".py", StringComparison.Ordinal) || name == "requirements.txt");

    private RunRlPlatform()
    {
    }

    public override Profile Profile => Profile.RunRl;

    public override RuleSet Rules => RuleSet.RunRl;

    public override IUploadSet UploadSet(AnalysisContext context) => Uploads;

    public override IDatasetChecks PrepareChecks(AnalysisContext context, IReadOnlyList<Decision> decisions, PythonFiles python, DiagnosticBag diagnostics) =>
        RunRlValidation.Prepare(decisions, python, context.Request.Validation, diagnostics);
}
