using Microsoft.Build.Framework;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Rules;
using RlEnv.Core.Validation;

namespace RlEnv.Sdk.Tasks;

/// <summary>The properties and items every RlEnv task takes, translated to one engine request.</summary>
public abstract class RlEnvTask : Microsoft.Build.Utilities.Task
{
    /// <summary>
    /// The options as Sdk.targets builds them once for every task: items named for a property below, each with
    /// its value in Value metadata (so a new option is one item there and one case in <see cref="ApplyOptions"/>).
    /// </summary>
    public ITaskItem[] Options { get; set; } = [];

    public string EnvironmentDirectory { get; set; } = string.Empty;

    public string? OutputDirectory { get; set; }

    public string? ArtifactName { get; set; }

    public string? Version { get; set; }

    public string? Rules { get; set; }

    public string? Profile { get; set; }

    public string? MaxCompressedBytes { get; set; }

    public string? MaxUncompressedBytes { get; set; }

    public string? MaxMembers { get; set; }

    public string? MaxFileBytes { get; set; }

    public string? MaxLineBytes { get; set; }

    public string? CompressionLevel { get; set; }

    public ITaskItem[] Include { get; set; } = [];

    public ITaskItem[] Exclude { get; set; } = [];

    /// <summary>Keeps the environment's walk for the build's later tasks (see <see cref="BuildWalkCache"/>); null outside MSBuild.</summary>
    protected IWalkCache? WalkCache => BuildEngine is IBuildEngine4 engine ? new BuildWalkCache(engine) : null;

    public sealed override bool Execute()
    {
        ApplyOptions();
        if (string.IsNullOrWhiteSpace(EnvironmentDirectory))
        {
            // Sdk.targets always passes it; only a hand-written call can get here.
            Log.LogError($"{GetType().Name}: EnvironmentDirectory is required.");
            return false;
        }

        if (!RuleSetNames.TryParse(Rules, out var rules))
        {
            DiagnosticLogging.Log(Log, [DiagnosticCatalog.RulesPropertyUnknown(Rules ?? string.Empty)], EnvironmentDirectory);
            return false;
        }

        Core.Profiles.Profile? profile = null;
        if (!string.IsNullOrWhiteSpace(Profile))
        {
            if (!Core.Profiles.ProfileNames.TryParse(Profile, out var parsed))
            {
                DiagnosticLogging.Log(Log, [DiagnosticCatalog.ProfilePropertyUnknown(Profile)], EnvironmentDirectory);
                return false;
            }

            profile = parsed;
        }

        // Before any task reads a file: flash-tree is Freesolo's mode, and RlEnvProfile may name another platform.
        if (Core.Platforms.Platform.Conflict(rules, profile) is { } conflict)
        {
            DiagnosticLogging.Log(Log, [conflict], EnvironmentDirectory);
            return false;
        }

        var request = new PackRequest
        {
            EnvironmentDirectory = EnvironmentDirectory,
            OutputDirectory = OutputDirectory ?? EnvironmentDirectory,
            Name = string.IsNullOrWhiteSpace(ArtifactName) ? null : ArtifactName,
            Version = Version,
            Rules = rules,
            Limits = new PackLimits
            {
                MaxCompressedBytes = Number(MaxCompressedBytes, nameof(MaxCompressedBytes), OptionRanges.CompressedBytes) ?? PackLimits.HubCompressedBytes,
                MaxUncompressedBytes = Number(MaxUncompressedBytes, nameof(MaxUncompressedBytes), OptionRanges.UncompressedBytes) ?? PackLimits.HubUncompressedBytes,
                MaxMembers = (int)(Number(MaxMembers, nameof(MaxMembers), OptionRanges.Members) ?? PackLimits.HubMembers),
                MaxFileBytes = Number(MaxFileBytes, nameof(MaxFileBytes), OptionRanges.FileBytes) ?? PackLimits.HubFileBytes,
            },
            Validation = ValidationOptions.Default with { MaxLineBytes = Number(MaxLineBytes, nameof(MaxLineBytes), OptionRanges.LineBytes) ?? ValidationOptions.DefaultMaxLineBytes },
            CompressionLevel = (int)(Number(CompressionLevel, nameof(CompressionLevel), OptionRanges.CompressionLevel) ?? 6),
            SourceDateEpoch = Environment.GetEnvironmentVariable(SourceDateEpoch.VariableName),
            Overrides = new InclusionOverrides(Relative(Include), Relative(Exclude)),
            Profile = profile,

            // MSBuild's own WarningsAsErrors and TreatWarningsAsErrors (Sdk.targets maps the project properties):
            // asked before the engine decides, so a promoted warning writes no artifact, as an error does.
            WarningsAsErrors = WarningsAsErrors.When(code => BuildEngine is IBuildEngine8 engine && engine.ShouldTreatWarningAsError(code)),
        };
        if (Log.HasLoggedErrors)
        {
            return false;
        }

        Run(request);
        return !Log.HasLoggedErrors;
    }

    protected abstract void Run(PackRequest request);

    private void ApplyOptions()
    {
        foreach (var option in Options)
        {
            var value = option.GetMetadata("Value");
            switch (option.ItemSpec)
            {
                case nameof(EnvironmentDirectory): EnvironmentDirectory = value; break;
                case nameof(OutputDirectory): OutputDirectory = Path.TrimEndingDirectorySeparator(value); break;
                case nameof(ArtifactName): ArtifactName = value; break;
                case nameof(Version): Version = value; break;
                case nameof(Rules): Rules = value; break;
                case nameof(Profile): Profile = value; break;
                case nameof(MaxCompressedBytes): MaxCompressedBytes = value; break;
                case nameof(MaxUncompressedBytes): MaxUncompressedBytes = value; break;
                case nameof(MaxMembers): MaxMembers = value; break;
                case nameof(MaxFileBytes): MaxFileBytes = value; break;
                case nameof(MaxLineBytes): MaxLineBytes = value; break;
                case nameof(CompressionLevel): CompressionLevel = value; break;
                default:
                    // The targets and this task ship in one package, so an unknown name is a bug in them, not in the project.
                    Log.LogError($"{GetType().Name}: unknown option '{option.ItemSpec}'.");
                    break;
            }
        }
    }

    /// <summary>The property's value, or null (with RLENV0003 logged) when it is not a whole number in range.</summary>
    private long? Number(string? value, string name, OptionRange range)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            if (range.Problem(number, "RlEnv" + name) is { } problem)
            {
                DiagnosticLogging.Log(Log, [DiagnosticCatalog.NumberPropertyOutOfRange(problem)], EnvironmentDirectory);
                return null;
            }

            return number;
        }

        DiagnosticLogging.Log(Log, [DiagnosticCatalog.NumberPropertyNotWhole("RlEnv" + name, value)], EnvironmentDirectory);
        return null;
    }

    /// <summary>Item specs relative to the environment root, '/'-separated; items outside it are ignored.</summary>
    private HashSet<string> Relative(ITaskItem[] items)
    {
        var root = Path.GetFullPath(EnvironmentDirectory);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var relative = Path.GetRelativePath(root, Path.GetFullPath(Path.Combine(root, item.ItemSpec))).Replace('\\', '/');
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                paths.Add(relative.TrimEnd('/'));
            }
        }

        return paths;
    }
}
