using System.CommandLine;
using System.IO.Abstractions;
using RlEnv.Cli.Output;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Walking;

namespace RlEnv.Cli.Commands;

internal static class LsCommand
{
    public static Command Create(SharedOptions shared, IFileSystem fileSystem, TextWriter stdout, TextWriter stderr)
    {
        var dir = SharedOptions.EnvironmentDirectory();
        var command = new Command("ls", "List every path, whether it is packed, and the rule that decided it.") { dir, shared.Json };
        shared.AddRulesAndCaps(command);
        command.SetAction(result =>
        {
            var diagnostics = new DiagnosticBag(shared.GetWarningsAsErrors(result));
            // The walk alone: CPython's syntax check belongs to validate and pack.
            var request = shared.Request(result, result.GetValue(dir)!);
            var plan = new EnvironmentAnalyzer(fileSystem).Analyze(request with { Validation = request.Validation with { CheckPythonSyntax = false } }, diagnostics);
            (string, string)? profile = plan is null ? null : (plan.Profile.ToName(), plan.ProfileReason);
            var sorted = diagnostics.ToSortedList();
            var decisions = plan?.Decisions ?? [];
            if (result.GetValue(shared.Json))
            {
                JsonReport.Write(stdout, sorted, json =>
                {
                    JsonReport.WriteProfile(json, profile);
                    json.WriteStartArray("entries");
                    foreach (var d in decisions)
                    {
                        json.WriteStartObject();
                        json.WriteString("path", d.Entry.Kind == EntryKind.Directory ? d.Path + "/" : d.Path);
                        json.WriteBoolean("included", d.Included);
                        json.WriteString("reason", d.Reason);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                });
            }
            else
            {
                foreach (var d in decisions)
                {
                    var path = PathPortability.Display(d.Entry.Kind == EntryKind.Directory ? d.Path + "/" : d.Path);
                    stdout.WriteLine($"{(d.Included ? "+" : "-")} {d.Reason,-19} {path}");
                }

                HumanReport.WriteProfile(stderr, profile);
                HumanReport.WriteDiagnostics(stderr, sorted);
            }

            return DiagnosticExit.For(sorted);
        });
        return command;
    }
}
