using System.CommandLine;
using System.IO.Abstractions;
using RlEnv.Cli.Output;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Publishing;

namespace RlEnv.Cli.Commands;

/// <summary>`rlenv publish` and `rlenv pull`: thin fronts over Publisher and Puller.</summary>
internal static class RegistryCommands
{
    public static Command Publish(SharedOptions shared, IFileSystem fileSystem, TextWriter stdout, TextWriter stderr)
    {
        var artifact = new Argument<string>("artifact") { Description = "The .tar.gz written by rlenv pack (its .manifest.json must be beside it)." };
        var reference = new Argument<string>("reference") { Description = "oci://HOST[:PORT]/REPO; the tag is the artifact's version." };
        var transport = new TransportOptions();
        var command = new Command("publish", "Push an artifact to an OCI registry, tagged with its version. Versions are immutable; identical content is a no-op.") { artifact, reference, shared.Json, shared.WarnAsError };
        transport.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var json = result.GetValue(shared.Json);
            if (Open(result.GetValue(reference)!, transport.Get(result), fileSystem, json, stdout, stderr) is not var (parsed, client))
            {
                return ExitCodes.UsageOrFailure;
            }

            using var store = client;
            var published = await new Publisher(store, fileSystem, shared.GetWarningsAsErrors(result)).PublishAsync(result.GetValue(artifact)!, parsed, Environment.GetEnvironmentVariable(SourceDateEpoch.VariableName), cancellation);
            Report(result.GetValue(shared.Json), published, stdout, stderr, published.Tag is null ? "Nothing was published." : published.Pushed
                ? $"published {parsed.Host}/{published.Repository}:{published.Tag} ({published.LayerDigest})"
                : $"{parsed.Host}/{published.Repository}:{published.Tag} already holds this artifact ({published.LayerDigest})");
            return Exit(published.Diagnostics);
        });
        return command;
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
