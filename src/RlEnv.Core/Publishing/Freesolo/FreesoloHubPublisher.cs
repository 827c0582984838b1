using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Inspecting;
using RlEnv.Core.Naming;
using RlEnv.Core.Packing;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Rules;
using RlEnv.Core.Scanning;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Publishing.Freesolo;

/// <summary>What to publish where, and how the front reaches the user's environment.</summary>
public sealed record FreesoloPublishRequest
{
    /// <summary>The .tar.gz written by pack; its manifest must be beside it.</summary>
    public required string ArtifactPath { get; init; }

    public required FreesoloDestination Destination { get; init; }

    /// <summary>Publish under the base name alone, which every later bare publish overwrites.</summary>
    public bool BareName { get; init; }

    public FreesoloHubOptions Options { get; init; } = new();

    /// <summary>Reads an environment variable (FLASH_API_URL, FLASH_DATA_DIR, FREESOLO_API_KEY).</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>The user's home folder, where Flash keeps <c>.flash/config.json</c>.</summary>
    public required string Home { get; init; }

    public WarningsAsErrors? WarningsAsErrors { get; init; }

    /// <summary>Bytes of the request body sent, for a progress bar.</summary>
    public IProgress<PackProgress>? Progress { get; init; }
}

/// <summary>The outcome: the hub id on success, and enough context for every message and for --json.</summary>
public sealed record FreesoloPublishResult(
    IReadOnlyList<Diagnostic> Diagnostics,
    string ProjectId,
    string? Id = null,
    string? Name = null,
    string? Version = null,
    string? Sha256 = null,
    int Files = 0,
    string? ApiUrl = null,
    string? KeySource = null,
    int Attempts = 0)
{
    /// <summary>What to paste into a Flash config (as <c>flash env push</c> prints it).</summary>
    public string? ConfigSnippet => Id is null ? null : $"[environment]\nid = \"{Id}\"";
}

/// <summary>
/// Publishes a checked artifact to the Freesolo hub. Everything the hub would refuse is found first, on the artifact
/// as it will be sent: it must match its manifest file for file (the inspector hashes every member while the token
/// scanner reads the same bytes), be a Freesolo artifact, and pass every server rule (caps, tar-stream bound, links,
/// special files, unsafe and top-level paths, environment.py at the root, tokens, the 100 MiB file limit, the
/// members the hub can serve back). Only then does one byte leave: GET /v1/me (a wrong key fails before the upload),
/// then POST /v1/envs, retried as the hub asks when it could not record the project association.
/// </summary>
/// <param name="fileSystem">Where the artifact, its manifest and Flash's config are read.</param>
/// <param name="transport">The HTTP transport (tests); a SocketsHttpHandler when null.</param>
public sealed class FreesoloHubPublisher(IFileSystem fileSystem, HttpMessageHandler? transport = null)
{
    public async Task<FreesoloPublishResult> PublishAsync(FreesoloPublishRequest request, CancellationToken cancellation)
    {
        var diagnostics = new DiagnosticBag(request.WarningsAsErrors);
        var project = request.Destination.ProjectId;
        var credentials = FreesoloClientConfig.Resolve(request.Environment, fileSystem, request.Home);
        var failed = new FreesoloPublishResult([], project, ApiUrl: credentials.ApiUrl, KeySource: credentials.KeySource);
        if (FreesoloHubEndpoint.Parse(credentials.ApiUrl, request.Options.AllowInsecureHttp, out var urlProblem) is not { } endpoint)
        {
            diagnostics.Add(DiagnosticCatalog.HubApiUrlNotUsable(credentials.ApiUrl, UrlSource(credentials, request.Environment), urlProblem!));
            return failed with { Diagnostics = diagnostics.ToSortedList() };
        }

        if (credentials.ApiKey is not { } key)
        {
            diagnostics.Add(DiagnosticCatalog.HubNoKey(credentials.ConfigPath));
            return failed with { Diagnostics = diagnostics.ToSortedList() };
        }

        if (key.Any(c => c is < '!' or > '~'))
        {
            diagnostics.Add(DiagnosticCatalog.HubKeyNotAHeader(credentials.KeySource!));
            return failed with { Diagnostics = diagnostics.ToSortedList() };
        }

        if (Check(request, diagnostics) is not { } checkedArtifact)
        {
            return failed with { Diagnostics = diagnostics.ToSortedList() };
        }

        var (manifest, sha256, size) = checkedArtifact;
        var baseName = request.Destination.Name ?? manifest.Name;
        var name = request.BareName ? FreesoloHubName.Normalize(baseName) : FreesoloHubName.Versioned(baseName, manifest.Version);
        var result = failed with { Name = name, Version = manifest.Version, Sha256 = "sha256:" + sha256, Files = manifest.Files.Count };
        if (name is null)
        {
            diagnostics.Add(DiagnosticCatalog.HubDestinationRefused($"'{baseName}' has no letter or digit the hub keeps in a name ([a-z0-9][a-z0-9._-]*)."));
            return result with { Diagnostics = diagnostics.ToSortedList() };
        }

        if (request.BareName)
        {
            diagnostics.Add(DiagnosticCatalog.HubBareNameWillOverwrite(name, manifest.Version));
        }

        using var client = new FreesoloHubClient(endpoint, key, request.Options, transport);
        var attempts = 0;
        try
        {
            // Only a refused key or a redirect stops here: a plane or proxy without /v1/me still gets the publish.
            var me = await client.WhoAmIAsync(cancellation);
            if ((me.Status == 401 || me.IsRedirect) && Refusal(me, credentials, project, organization: null, request.Environment) is { } refused)
            {
                diagnostics.Add(refused);
                return result with { Diagnostics = diagnostics.ToSortedList() };
            }

            var organization = me.IsSuccess ? me.StringMember("org_slug") ?? me.StringMember("org_name") : null;
            var path = fileSystem.Path.GetFullPath(request.ArtifactPath);
            var delays = request.Options.AssociationRetryDelays;
            while (true)
            {
                attempts++;
                var answer = await client.PublishAsync(name, project, () => fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), size, sha256, request.Progress, cancellation);
                if (answer.IsSuccess)
                {
                    var id = answer.StringMember("id");
                    if (id is null || FreesoloEnvironmentId.Classify(id).Form != FreesoloEnvironmentIdForm.Slug || id.Split('/')[^1] != name)
                    {
                        diagnostics.Add(DiagnosticCatalog.HubAnswerWithoutUsableId(answer.Status, id, name));
                        return result with { Diagnostics = diagnostics.ToSortedList(), Attempts = attempts };
                    }

                    return result with { Diagnostics = diagnostics.ToSortedList(), Id = id, Attempts = attempts };
                }

                if (answer.Status == 502 && answer.Detail.Contains("association could not be recorded", StringComparison.Ordinal))
                {
                    if (attempts > delays.Count)
                    {
                        diagnostics.Add(DiagnosticCatalog.HubAssociationStillNotRecorded(attempts, answer.Detail));
                        return result with { Diagnostics = diagnostics.ToSortedList(), Attempts = attempts };
                    }

                    diagnostics.Add(DiagnosticCatalog.HubAssociationRetrying(attempts, delays[attempts - 1]));
                    await Task.Delay(delays[attempts - 1], cancellation);
                    continue;
                }

                diagnostics.Add(Refusal(answer, credentials, project, organization, request.Environment) ?? DiagnosticCatalog.HubFailedWith(answer.Status, answer.Detail));
                return result with { Diagnostics = diagnostics.ToSortedList(), Attempts = attempts };
            }
        }
        catch (RegistryException e)
        {
            diagnostics.Add(e.Diagnostic);
            return result with { Diagnostics = diagnostics.ToSortedList(), Attempts = attempts };
        }
    }

    /// <summary>
    /// The artifact as it will be sent, against its manifest and the hub's rules. Returns the manifest, the archive's
    /// sha256 and size when nothing stops the publish.
    /// </summary>
    private (Manifest.ArtifactManifest Manifest, string Sha256, long Size)? Check(FreesoloPublishRequest request, DiagnosticBag diagnostics)
    {
        var inspector = new ArtifactInspector(fileSystem, PackLimits.Hub, request.WarningsAsErrors, (member, bag) => new AccessTokenScanner(PathPortability.Display(member), bag));
        var inspected = inspector.Inspect(request.ArtifactPath);
        foreach (var diagnostic in inspected.Diagnostics)
        {
            diagnostics.Add(diagnostic);
        }

        if (inspected.VerifiedAgainstManifest is null && inspected.Sha256 is not null)
        {
            var manifestPath = ArtifactIdentity.ManifestPathFor(inspected.ArtifactPath);
            diagnostics.Add(DiagnosticCatalog.PublishNeedsArtifactAndManifest(fileSystem.Path.GetFileName(manifestPath)));
        }

        if (diagnostics.HasErrors || inspected.Manifest is not { } manifest || inspected.Sha256 is not { } sha256)
        {
            return null;
        }

        if (manifest.Rules is not (RuleSetNames.Freesolo or RuleSetNames.FlashTree))
        {
            diagnostics.Add(DiagnosticCatalog.HubArtifactOfAnotherPlatform(fileSystem.Path.GetFileName(inspected.ArtifactPath), manifest.Rules));
            return null;
        }

        FreesoloHubPackageRules.Check(fileSystem.Path.GetFileName(inspected.ArtifactPath), inspected.Members, PackLimits.HubFileBytes, FreesoloLimits.ArchiveMembers, diagnostics);
        return diagnostics.HasErrors ? null : (manifest, sha256, inspected.CompressedBytes);
    }

    /// <summary>The diagnostic for an answer that refuses the key, the project or the package; null for one that does not.</summary>
    private static Diagnostic? Refusal(FreesoloHubAnswer answer, FreesoloCredentials credentials, string project, string? organization, Func<string, string?> environment) => answer.Status switch
    {
        _ when answer.IsRedirect => DiagnosticCatalog.HubRedirected(answer.Status, answer.Location is { } where ? RegistryOrigin.Of(where).ToString() : null, UrlSource(credentials, environment)),
        401 => DiagnosticCatalog.HubRefusedKey(credentials.ApiUrl, credentials.KeySource!, credentials.KeySource == FreesoloClientConfig.KeyVariable && credentials.ConfigHoldsKey ? credentials.ConfigPath : null, answer.Detail),
        403 => DiagnosticCatalog.HubRefusedProject(project, credentials.KeySource!, organization, answer.Detail),
        400 or 413 or 422 => DiagnosticCatalog.HubRefusedPackage(answer.Status, answer.Detail),
        _ => null,
    };

    private static string UrlSource(FreesoloCredentials credentials, Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment(FreesoloClientConfig.ApiUrlVariable)) ? FreesoloClientConfig.ApiUrlVariable
        : credentials.ApiUrl == FreesoloClientConfig.DefaultApiUrl ? "Flash's default" : credentials.ConfigPath;
}
