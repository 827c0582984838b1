using System.CommandLine;
using System.IO.Abstractions;
using RlEnv.Cli.Output;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Publishing;
using RlEnv.Core.Publishing.Freesolo;

namespace RlEnv.Cli.Commands;

/// <summary>`rlenv publish` and `rlenv pull`: thin fronts over Publisher and Puller.</summary>
internal static class RegistryCommands
{
    public static Command Publish(SharedOptions shared, IFileSystem fileSystem, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var artifact = new Argument<string>("artifact") { Description = "The .tar.gz written by rlenv pack (its .manifest.json must be beside it)." };
        var reference = new Argument<string>("reference")
        {
            Description = "oci://HOST[:PORT]/REPO (tagged with the artifact's version), file:///FOLDER/REPO, or freesolo://PROJECT_UUID[/NAME] (the Freesolo hub: published as NAME-VERSION, NAME defaulting to the artifact's name).",
        };
        var bareName = new Option<bool>("--bare-name")
        {
            Description = "freesolo:// only: publish as NAME without -VERSION. The hub keeps one package per name, so this OVERWRITES whatever NAME holds, and every config naming it trains on the new content.",
        };
        var transport = new TransportOptions();
        var command = new Command("publish", "Push an artifact to an OCI registry (versions are immutable; identical content is a no-op) or to the Freesolo hub (FLASH_API_URL, FREESOLO_API_KEY, as Flash reads them).")
        {
            artifact, reference, bareName, shared.Json, shared.WarnAsError,
        };
        transport.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var json = result.GetValue(shared.Json);
            var target = result.GetValue(reference)!;
            if (FreesoloDestination.IsFreesolo(target))
            {
                return await PublishToHub(result, target, fileSystem, json, stdout, stderr, environment, shared, transport, bareName, cancellation);
            }

            if (result.GetValue(bareName))
            {
                return Refuse(json, stdout, stderr, DiagnosticCatalog.PublishOptionDoesNotApply("--bare-name", "freesolo:// destinations"));
            }

            if (Open(target, transport.Get(result), fileSystem, json, stdout, stderr) is not var (parsed, client))
            {
                return ExitCodes.UsageOrFailure;
            }

            using var store = client;
            var published = await new Publisher(store, fileSystem, shared.GetWarningsAsErrors(result)).PublishAsync(result.GetValue(artifact)!, parsed, environment(SourceDateEpoch.VariableName), cancellation);
            Report(result.GetValue(shared.Json), published, stdout, stderr, published.Tag is null ? "Nothing was published." : published.Pushed
                ? $"published {parsed.Host}/{published.Repository}:{published.Tag} ({published.LayerDigest})"
                : $"{parsed.Host}/{published.Repository}:{published.Tag} already holds this artifact ({published.LayerDigest})");
            return Exit(published.Diagnostics);
        });
        return command;

        async Task<int> PublishToHub(ParseResult result, string target, IFileSystem fs, bool json, TextWriter output, TextWriter error, Func<string, string?> env, SharedOptions sharedOptions, TransportOptions transportOptions, Option<bool> bare, CancellationToken cancellation)
        {
            if (result.GetValue(transportOptions.PlainHttp))
            {
                return Refuse(json, output, error, DiagnosticCatalog.PublishOptionDoesNotApply("--plain-http", "oci:// registries; a freesolo:// publish talks to FLASH_API_URL with its own scheme (HTTP only to a loopback address, or with --allow-insecure-http)"));
            }

            if (FreesoloDestination.Parse(target, out var problem) is not { } destination)
            {
                return Refuse(json, output, error, DiagnosticCatalog.HubDestinationRefused(problem!));
            }

            var options = transportOptions.Get(result);
            var request = new FreesoloPublishRequest
            {
                ArtifactPath = result.GetValue(artifact)!,
                Destination = destination,
                BareName = result.GetValue(bare),
                Options = new FreesoloHubOptions { IdleTimeout = options.IdleTimeout, AllowInsecureHttp = options.AllowInsecureHttp },
                Environment = env,
                Home = FreesoloClientConfig.Home(env),
                WarningsAsErrors = sharedOptions.GetWarningsAsErrors(result),
            };
            var published = ProgressReporter.Run(!json, reporter => new FreesoloHubPublisher(fs).PublishAsync(request with { Progress = reporter }, cancellation).GetAwaiter().GetResult(), "uploading");
            ReportHub(json, published, output, error);
            return Exit(published.Diagnostics);
        }
    }

    public static Command Pull(SharedOptions shared, IFileSystem fileSystem, TextWriter stdout, TextWriter stderr)
    {
        var reference = new Argument<string>("reference") { Description = "oci://HOST[:PORT]/REPO:VERSION, REPO:latest (highest SemVer), or REPO@RANGE ([1.0,2.0), ^1.2)." };
        var output = new Option<string>("--output", "-o") { Description = "A new or empty folder to extract into.", Required = true };
        var transport = new TransportOptions();
        var command = new Command("pull", "Fetch a version from an OCI registry, verify it, and extract it safely.") { reference, output, shared.Json, shared.WarnAsError };
        transport.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var json = result.GetValue(shared.Json);
            if (Open(result.GetValue(reference)!, transport.Get(result), fileSystem, json, stdout, stderr) is not var (parsed, client))
            {
                return ExitCodes.UsageOrFailure;
            }

            using var store = client;
            var pulled = await new Puller(store, fileSystem, shared.GetWarningsAsErrors(result)).PullAsync(parsed, result.GetValue(output)!, PackLimits.Hub, cancellation);
            Report(result.GetValue(shared.Json), pulled, stdout, stderr, pulled.Output is null ? "Nothing was extracted." : $"pulled {parsed.Repository}:{pulled.Tag} ({pulled.Files} files) -> {pulled.Output}");
            return Exit(pulled.Diagnostics);
        });
        return command;
    }

    /// <summary>The reference and its store, or null after reporting why the reference or the transport options are refused (a usage error).</summary>
    private static (RegistryReference, IArtifactStore)? Open(string text, RegistryOptions options, IFileSystem fileSystem, bool json, TextWriter stdout, TextWriter stderr)
    {
        var parsed = RegistryReference.Parse(text, out var error);
        error ??= options.Check(parsed!);
        if (error is null)
        {
            return (parsed!, parsed!.OpenStore(options, Environment.GetEnvironmentVariable, fileSystem));
        }

        IReadOnlyList<Diagnostic> diagnostics = [DiagnosticCatalog.RegistryReferenceRefused(error)];
        if (json)
        {
            Report(json, new RegistryResult(diagnostics, null, null, null, false, null, 0), stdout, stderr, string.Empty);
        }
        else
        {
            HumanReport.WriteDiagnostics(stderr, diagnostics);
        }

        return null;
    }

    /// <summary>A usage error found before anything is read or sent.</summary>
    private static int Refuse(bool json, TextWriter stdout, TextWriter stderr, Diagnostic diagnostic)
    {
        if (json)
        {
            JsonReport.Write(stdout, [diagnostic], _ => { });
        }
        else
        {
            HumanReport.WriteDiagnostics(stderr, [diagnostic]);
        }

        return ExitCodes.UsageOrFailure;
    }

    /// <summary>The hub id and the config snippet Flash prints after `flash env push`; with --json, the same as fields.</summary>
    private static void ReportHub(bool json, FreesoloPublishResult result, TextWriter stdout, TextWriter stderr)
    {
        if (json)
        {
            JsonReport.Write(stdout, result.Diagnostics, writer =>
            {
                JsonReport.WriteNullable(writer, "id", result.Id);
                JsonReport.WriteNullable(writer, "name", result.Name);
                writer.WriteString("project", result.ProjectId);
                JsonReport.WriteNullable(writer, "version", result.Version);
                JsonReport.WriteNullable(writer, "digest", result.Sha256);
                writer.WriteBoolean("pushed", result.Id is not null);
                writer.WriteNumber("files", result.Files);
                JsonReport.WriteNullable(writer, "apiUrl", result.ApiUrl);
                JsonReport.WriteNullable(writer, "keySource", result.KeySource);
                writer.WriteNumber("attempts", result.Attempts);
                JsonReport.WriteNullable(writer, "config", result.ConfigSnippet);
            });
            return;
        }

        HumanReport.WriteDiagnostics(stderr, result.Diagnostics);
        if (result.Id is null)
        {
            stdout.WriteLine("Nothing was published.");
            return;
        }

        stdout.WriteLine($"published {result.Id} ({result.Sha256}) to {result.ApiUrl}");
        stdout.WriteLine("reference it in your config:");
        stdout.WriteLine();
        foreach (var line in result.ConfigSnippet!.Split('\n'))
        {
            stdout.WriteLine("  " + line);
        }
    }

    private static void Report(bool json, RegistryResult result, TextWriter stdout, TextWriter stderr, string summary)
    {
        if (json)
        {
            JsonReport.Write(stdout, result.Diagnostics, writer =>
            {
                JsonReport.WriteNullable(writer, "repository", result.Repository);
                JsonReport.WriteNullable(writer, "version", result.Tag);
                JsonReport.WriteNullable(writer, "digest", result.LayerDigest);
                writer.WriteBoolean("pushed", result.Pushed);
                JsonReport.WriteNullable(writer, "output", result.Output);
                writer.WriteNumber("files", result.Files);
            });
            return;
        }

        HumanReport.WriteDiagnostics(stderr, result.Diagnostics);
        stdout.WriteLine(summary);
    }

    /// <summary>Content problems (an existing version, a tampered blob, an unsafe artifact) exit 1; an unreachable or refusing registry is a tool failure, 2 (each code's kind in the catalog).</summary>
    private static int Exit(IReadOnlyList<Diagnostic> diagnostics) => DiagnosticExit.For(diagnostics);
}
