// Freesolo (Flash, freesolo-co/flash): what `flash env push` ships and the hub accepts (flash/cli/commands/env/push.py,
// imports.py; flash/server/routes/envs.py, flash/server/domain/envs.py), and what the worker loads (flash/envs/loader.py).
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Validation;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>
/// Freesolo: environment.py with load_environment at the root; the documented upload set plus Flash's import closure,
/// or in <c>flash-tree</c> mode (its own option) exactly what <c>flash env push</c> ships; dataset splits under
/// dataset/ checked as Flash selects them (<see cref="FreesoloSplits"/>) with the record model of
/// Validation/RecordValidator.cs, and TOML configs as <c>spec_from_dict</c> reads them (<see cref="FreesoloConfigSchema"/>);
/// the package as <c>flash env push</c> stages it (<see cref="FreesoloPackageShape"/>); the client's caps in flash-tree
/// mode and the hub's everywhere (<see cref="FreesoloLimits"/>).
/// </summary>
public sealed class FreesoloPlatform : Platform
{
    /// <summary>The documented upload set plus Flash's import closure (the default).</summary>
    public static readonly FreesoloPlatform Documented = new(RuleSet.Freesolo);

    /// <summary>What <c>flash env push DIR</c> ships, file for file.</summary>
    public static readonly FreesoloPlatform FlashTree = new(RuleSet.FlashTree);

    private FreesoloPlatform(RuleSet mode) => Rules = mode;

    public override Profile Profile => Profile.Freesolo;

    public override RuleSet Rules { get; }

    /// <summary>The hub refuses links, and Flash's walk of a linked root would follow it.</summary>
    public override bool RefusesLinkedRoot => true;

    public override string? EntryPoint => FreesoloPackageShape.EntryPointName;

    public override bool CountsCheckoutMembers => true;

    public override bool LimitsFileSize => true;

    public override IUploadSet UploadSet(AnalysisContext context)
    {
        // The closure decides what the documented set adds, so it is computed before the walk, from the same reads.
        var closure = Rules == RuleSet.Freesolo ? ImportClosure.Compute(context.FileSystem, context.Probe, context.Root, context.Sources) : ImportClosure.Empty;
        return new FreesoloUploadSet(Rules, closure);
    }

    /// <summary>The worker imports environment.py for certain; any other helper perhaps.</summary>
    public override void ReportPythonSyntax(PythonFiles python, DiagnosticBag diagnostics) =>
        python.Syntax.Report(diagnostics, path => path == FreesoloPackageShape.EntryPointName, "The worker");

    public override IDatasetChecks PrepareChecks(AnalysisContext context, IReadOnlyList<Decision> decisions, PythonFiles python, DiagnosticBag diagnostics) =>
        DatasetValidation.Prepare(context.FileSystem, context.Probe, context.Root, decisions, context.Request.Validation, diagnostics);

    public override IReadOnlyList<PackageMember> Package(AnalysisContext context, IReadOnlyList<Decision> members, string name, DiagnosticBag diagnostics) =>
        FreesoloPackageShape.Build(context.Sources, members, name, diagnostics);

    /// <summary>
    /// In flash-tree mode, <c>flash env push</c>'s own check first (push.py <c>_check_env_push_limits</c>: its byte total,
    /// then files plus the folders that hold them); it stops at its first refusal, the byte total.
    /// </summary>
    public override (bool BytesReported, bool MembersReported) CheckClientCaps(EnvironmentPlan plan, PackLimits limits, string name, DiagnosticBag diagnostics)
    {
        if (Rules != RuleSet.FlashTree)
        {
            return (false, false);
        }

        var entryPoint = plan.Members.FirstOrDefault(m => m.Path == FreesoloPackageShape.EntryPointName && m.Entry.Kind == EntryKind.File);
        var client = FreesoloLimits.CountAsFlashPush(entryPoint?.Entry.Size ?? 0,
            plan.Members.Where(m => m.Entry.Kind == EntryKind.File && m != entryPoint).Select(m => (m.Path, m.Entry.Size)), name);
        if (client.Bytes > limits.MaxUncompressedBytes)
        {
            diagnostics.Add(DiagnosticCatalog.FlashPushTotalOverCap(client.Bytes, limits.MaxUncompressedBytes, Largest(plan)));
            return (true, true);
        }

        if (client.Members > limits.MaxMembers)
        {
            diagnostics.Add(DiagnosticCatalog.FlashPushMembersOverCap(client.Members, client.Files, client.Folders, limits.MaxMembers));
            return (false, true);
        }

        return (false, false);
    }
}
