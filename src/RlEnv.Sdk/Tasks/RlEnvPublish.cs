using Microsoft.Build.Framework;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Publishing;
using RlEnv.Core.Publishing.Freesolo;

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

    /// <summary>RlEnvPublishBareName (freesolo:// only): publish as NAME without -VERSION, overwriting what NAME holds.</summary>
    public bool BareName { get; set; }

    [Output]
    public string? LayerDigest { get; private set; }

    /// <summary>The hub id (org/project/name) of a freesolo:// publish.</summary>
    [Output]
    public string? HubId { get; private set; }

    public override bool Execute()
    {
        if (FreesoloDestination.IsFreesolo(Destination))
        {
            return PublishToHub();
        }

        if (BareName)
        {
            DiagnosticLogging.Log(Log, [DiagnosticCatalog.PublishOptionDoesNotApply("RlEnvPublishBareName", "freesolo:// destinations")], Path.GetDirectoryName(ArtifactPath) ?? string.Empty);
            return false;
        }

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

    /// <summary>The CI hub step: the key from FREESOLO_API_KEY (or Flash's saved login), the URL as Flash resolves it.</summary>
    private bool PublishToHub()
    {
        var root = Path.GetDirectoryName(ArtifactPath) ?? string.Empty;
        if (FreesoloDestination.Parse(Destination, out var problem) is not { } destination)
        {
            DiagnosticLogging.Log(Log, [DiagnosticCatalog.HubDestinationRefused($"RlEnvPublishTo: {problem}")], root);
            return false;
        }

        var request = new FreesoloPublishRequest
        {
            ArtifactPath = ArtifactPath,
            Destination = destination,
            BareName = BareName,
            Options = new FreesoloHubOptions { AllowInsecureHttp = AllowInsecureHttp },
            Environment = Environment.GetEnvironmentVariable,
            Home = FreesoloClientConfig.Home(Environment.GetEnvironmentVariable),
        };
        var result = new FreesoloHubPublisher(new System.IO.Abstractions.FileSystem()).PublishAsync(request, CancellationToken.None).GetAwaiter().GetResult();
        DiagnosticLogging.Log(Log, result.Diagnostics, root);
        if (result.Id is not null)
        {
            HubId = result.Id;
            Log.LogMessage(MessageImportance.High, $"published {result.Id} ({result.Sha256}) to {result.ApiUrl}; reference it in your config: [environment] id = \"{result.Id}\"");
        }

        return !Log.HasLoggedErrors;
    }
}
