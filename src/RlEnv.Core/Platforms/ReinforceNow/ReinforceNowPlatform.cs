// ReinforceNow (ReinforceNow/reinforcenow-cli, rnow 0.4.37): what `rnow run` uploads and checks (rnow/cli/commands.py
// run()), the row models and ProjectConfig of rnow/models.py, and what the trainer's import of rewards.py and tools.py
// needs (rnow/core/reward.py, rnow/core/tool.py).
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Profiles;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Platforms.ReinforceNow;

/// <summary>
/// ReinforceNow: rnow's upload list (<see cref="RnUploadSet"/>); train.jsonl rows by dataset_type, rewards.py and
/// tools.py, and config.yml or config.json as rnow's ProjectConfig (<see cref="RnConfigSchema"/>), all from
/// <see cref="ReinforceNowValidation"/>; Python 3.11's grammar, the trainer's.
/// </summary>
public sealed class ReinforceNowPlatform : Platform
{
    public static readonly ReinforceNowPlatform Instance = new();

    private static readonly RootFileList Uploads = new(RnUploadSet.Uploads, _ => false);

    private ReinforceNowPlatform()
    {
    }

    public override Profile Profile => Profile.ReinforceNow;

    public override RuleSet Rules => RuleSet.ReinforceNow;

    /// <summary>The trainer runs Python 3.11; rnow's own check is ast.parse on whatever Python runs it.</summary>
    public override Version? MinimumPython => PythonInterpreter.Minimum;

    public override IUploadSet UploadSet(AnalysisContext context) => Uploads;

    /// <summary>The rows, rewards.py, tools.py and the config; CPython's verdict is reported there, rewards.py and tools.py being imported for certain.</summary>
    public override IDatasetChecks PrepareChecks(AnalysisContext context, IReadOnlyList<Decision> decisions, PythonFiles python, DiagnosticBag diagnostics) =>
        ReinforceNowValidation.Prepare(context.FileSystem, context.Root, decisions, python, context.Request.Validation, diagnostics);
}
