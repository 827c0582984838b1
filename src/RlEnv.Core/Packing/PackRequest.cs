using RlEnv.Core.Diagnostics;
using RlEnv.Core.Profiles;
using RlEnv.Core.Rules;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Packing;

/// <summary>What both fronts (the rlenv tool and the MSBuild task) hand to the engine.</summary>
public sealed record PackRequest
{
    public required string EnvironmentDirectory { get; init; }

    public required string OutputDirectory { get; init; }

    /// <summary>Defaults to the environment folder's name.</summary>
    public string? Name { get; init; }

    /// <summary>Defaults to 1.0.0.</summary>
    public string? Version { get; init; }

    public RuleSet Rules { get; init; } = RuleSet.Freesolo;

    public PackLimits Limits { get; init; } = PackLimits.Hub;

    /// <summary>The raw SOURCE_DATE_EPOCH value, if any; the fronts read it from the environment.</summary>
    public string? SourceDateEpoch { get; init; }

    public int CompressionLevel { get; init; } = 6;

    public ValidationOptions Validation { get; init; } = ValidationOptions.Default;

    /// <summary>The platform; null detects it from the files.</summary>
    public Profile? Profile { get; init; }

    /// <summary>Paths the project adds to or removes from what the rules decide.</summary>
    public InclusionOverrides Overrides { get; init; } = InclusionOverrides.None;

    /// <summary>Which warnings this run reports as errors, as the front was asked (--warnaserror, MSBuild's WarningsAsErrors).</summary>
    public WarningsAsErrors WarningsAsErrors { get; init; } = WarningsAsErrors.None;

    public IProgress<PackProgress>? Progress { get; init; }

    /// <summary>Stops the pack between chunks (Ctrl+C, SIGTERM); the temp files are removed and nothing is written.</summary>
    public CancellationToken CancellationToken { get; init; }
}

public readonly record struct PackProgress(long BytesDone, long BytesTotal, string? CurrentFile);
