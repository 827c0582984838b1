using System.CommandLine;
using System.IO.Abstractions;
using RlEnv.Cli.Commands;
using RlEnv.Cli.Output;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Cli;

/// <summary>The `rlenv` command line: parses, dispatches to a command, and maps every outcome to the contract's exit codes.</summary>
public static class RlEnvCli
{
    public static int Run(string[] args, IFileSystem fileSystem, TextWriter stdout, TextWriter stderr)
    {
        var shared = new SharedOptions();
        var root = new RootCommand("rlenv: pack and check RL environments into reproducible, versioned tar.gz artifacts.")
        {
            PackCommand.Create(shared, fileSystem, stdout, stderr),
            LsCommand.Create(shared, fileSystem, stdout, stderr),
            InspectCommand.Create(shared, fileSystem, stdout, stderr),
            ValidateCommand.Create(shared, fileSystem, stdout, stderr),
            ConvertCommand.Create(shared, fileSystem, stdout, stderr),
            RegistryCommands.Publish(shared, stdout, stderr),
            RegistryCommands.Pull(shared, stdout, stderr),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var diagnostics = parsed.Errors.Select(e => Diagnostic.Error(DiagnosticCodes.InvalidOption, null, e.Message)).ToList();
            if (args.Contains("--json", StringComparer.Ordinal))
            {
                // The contract holds on this path too: one JSON object, whatever went wrong.
                JsonReport.Write(stdout, diagnostics, _ => { });
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
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            // A bug in the tool must still end in one line (one JSON object with --json) and exit 2, never a stack trace.
            var message = $"internal failure ({e.GetType().Name}): {e.Message}";
            if (args.Contains("--json", StringComparer.Ordinal))
            {
                JsonReport.Write(stdout, [], json => json.WriteString("error", message));
            }
            else
            {
                stderr.WriteLine($"rlenv: error: {message}");
            }

            return ExitCodes.UsageOrFailure;
        }
    }
}
