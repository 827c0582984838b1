using RlEnv.Core.Diagnostics;
using Spectre.Console;

namespace RlEnv.Cli.Output;

/// <summary>Human output: diagnostics in MSBuild's canonical form on stderr, summaries on stdout.</summary>
internal static class HumanReport
{
    public static void WriteDiagnostics(TextWriter error, IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            error.WriteLine(d.ToCanonicalString());
        }

        var errors = diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = diagnostics.Count(d => d.Severity == Severity.Warning);
        if (errors + warnings > 0)
        {
            error.WriteLine($"{errors} error(s), {warnings} warning(s)");
        }

        error.Flush();
    }

    /// <summary>Says which platform's rules were applied, and why, before the diagnostics.</summary>
    public static void WriteProfile(TextWriter error, (string Name, string Reason)? profile)
    {
        if (profile is { } p)
        {
            error.WriteLine(p.Reason == "given" ? $"profile: {p.Name}" : $"profile: {p.Name} (detected: {p.Reason})");
        }
    }

    public static IAnsiConsole Console(TextWriter output)
    {
        var terminal = ReferenceEquals(output is WriteTrackingWriter tracked ? tracked.Inner : output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });

        // Hashes must never wrap: a log line has to stay copyable.
        console.Profile.Width = Math.Max(console.Profile.Width, 160);
        return console;
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.00} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.00} MiB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.0} KiB",
        _ => $"{bytes} B",
    };
}
