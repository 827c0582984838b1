using System.CommandLine;
using System.IO.Abstractions;
using RlEnv.Cli.Commands;
using RlEnv.Cli.Output;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Cli;

/// <summary>The `rlenv` command line: parses, dispatches to a command, and maps every outcome to the contract's exit codes.</summary>
public static class RlEnvCli
{
    public static int Run(string[] args, IFileSystem fileSystem, TextWriter stdout, TextWriter stderr) =>
        Run(args, fileSystem, stdout, stderr, beforeInvoke: null, CancellationToken.None);

    // beforeInvoke is a test seam: it runs inside the last-resort handler, so a test can prove what a crash prints.
    // cancellation is cancelled by SIGINT/SIGTERM in the real tool. environment is a test seam too: the process's
    // variables are shared by tests running in parallel.
    internal static int Run(string[] args, IFileSystem fileSystem, TextWriter stdout, TextWriter stderr, Action? beforeInvoke, CancellationToken cancellation, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var json = args.Contains("--json", StringComparer.Ordinal);
        var output = new WriteTrackingWriter(stdout);
        var shared = new SharedOptions();
        var root = new RootCommand("rlenv: pack and check RL environments into reproducible, versioned tar.gz artifacts.")
        {
            PackCommand.Create(shared, fileSystem, output, stderr),
            LsCommand.Create(shared, fileSystem, output, stderr),
            InspectCommand.Create(shared, fileSystem, output, stderr),
            ValidateCommand.Create(shared, fileSystem, output, stderr),
            ConvertCommand.Create(shared, fileSystem, output, stderr),
            RegistryCommands.Publish(shared, fileSystem, output, stderr, environment),
            RegistryCommands.Pull(shared, fileSystem, output, stderr),
        };

        var parsed = root.Parse(SharedOptions.AttachWarnAsErrorValue(args));
        if (parsed.Errors.Count > 0)
        {
            var diagnostics = parsed.Errors.Select(e => DiagnosticCatalog.CommandLineInvalid(e.Message)).ToList();
            if (json)
            {
                JsonReport.Write(output, diagnostics, _ => { });
            }
            else
            {
                HumanReport.WriteDiagnostics(stderr, diagnostics);
                stderr.WriteLine("Run 'rlenv --help' for usage.");
            }

            return ExitCodes.UsageOrFailure;
        }

        try
        {
            beforeInvoke?.Invoke();
            return parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellation).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return Fail(json, output, stderr, DiagnosticCatalog.RunCancelled());
        }
        catch (Exception e)
        {
            // A bug in the tool must still end in one line (and with --json one object) and exit 2, never a stack trace.
            return Fail(json, output, stderr, DiagnosticCatalog.RunCrashed(e));
        }
    }

    /// <summary>With --json, the one object on stdout, unless the command already printed its own.</summary>
    private static int Fail(bool json, WriteTrackingWriter output, TextWriter stderr, Diagnostic diagnostic)
    {
        stderr.WriteLine(diagnostic.ToCanonicalString());
        if (json && !output.Written)
        {
            JsonReport.Write(output, [diagnostic], _ => { });
        }

        return ExitCodes.UsageOrFailure;
    }
}
