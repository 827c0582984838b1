using Microsoft.Build.Framework;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Publishing;

namespace RlEnv.Sdk.Tasks;

/// <summary>The CI publish step: pushes the packed artifact to RlEnvPublishTo, as `rlenv publish` does.</summary>
public sealed class RlEnvPublish : Microsoft.Build.Utilities.Task
{
    [Required]
    public string ArtifactPath { get; set; } = string.Empty;

    [Required]
    public string Destination { get; set; } = string.Empty;

    public bool PlainHttp { get; set; }

    /// <summary>RlEnvPublishAllowInsecureHttp: plain HTTP to a host that is not loopback (credentials travel in clear).</summary>
    public bool AllowInsecureHttp { get; set; }

    [Output]
    public string? LayerDigest { get; private set; }

    public override bool Execute()
    {
        var options = new RegistryOptions { PlainHttp = PlainHttp, AllowInsecureHttp = AllowInsecureHttp };
        var reference = RegistryReference.Parse(Destination, out var error);
        error ??= options.Check(reference!);
        if (error is not null)
        {
            DiagnosticLogging.Log(Log, [DiagnosticCatalog.RegistryReferenceRefused($"RlEnvPublishTo: {error}")], Path.GetDirectoryName(ArtifactPath) ?? string.Empty);
            return false;
        }

        var fileSystem = new System.IO.Abstractions.FileSystem();
        using var client = reference!.OpenStore(options, Environment.GetEnvironmentVariable, fileSystem);
        var result = new Publisher(client, fileSystem).PublishAsync(ArtifactPath, reference, Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), CancellationToken.None).GetAwaiter().GetResult();
        DiagnosticLogging.Log(Log, result.Diagnostics, Path.GetDirectoryName(ArtifactPath)!);
        if (result.Tag is not null)
        {
            LayerDigest = result.LayerDigest;
            Log.LogMessage(MessageImportance.High, result.Pushed
                ? $"published {reference.Host}/{result.Repository}:{result.Tag} ({result.LayerDigest})"
                : $"{reference.Host}/{result.Repository}:{result.Tag} already holds this artifact");
        }

        return !Log.HasLoggedErrors;
    }
}
