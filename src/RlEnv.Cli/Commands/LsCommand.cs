using System.CommandLine;
using System.IO.Abstractions;
using RlEnv.Cli.Output;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Profiles;
using RlEnv.Core.Rules;
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
            if (result.GetValue(shared.Json))
            {
                JsonReport.Write(stdout, sorted, json =>
                {
                    JsonReport.WriteProfile(json, profile);
                    json.WriteStartArray("entries");
                    foreach (var (d, generated) in Rows(plan))
                    {
                        json.WriteStartObject();
                        json.WriteString("path", d.Entry.Kind == EntryKind.Directory ? d.Path + "/" : d.Path);
                        json.WriteBoolean("included", d.Included);
                        json.WriteString("reason", d.Reason);
                        if (generated is not null)
                        {
                            json.WriteString("generated", generated);
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                });
            }
            else
            {
                foreach (var (d, generated) in Rows(plan))
                {
                    var path = PathPortability.Display(d.Entry.Kind == EntryKind.Directory ? d.Path + "/" : d.Path);
                    var note = generated is null || d.Reason == FreesoloPackageShape.SynthesizedReason ? string.Empty : $" ({generated})";
                    stdout.WriteLine($"{(d.Included ? "+" : "-")} {d.Reason,-19} {path}{note}");
                }

                HumanReport.WriteProfile(stderr, profile);
                HumanReport.WriteDiagnostics(stderr, sorted);
            }

            return DiagnosticExit.For(sorted);
        });
        return command;
    }

    /// <summary>
    /// Every walked path with the rule that decided it, plus the files the platform writes itself (reason
    /// "synthesized", in place), each with what was generated when the packed bytes are not the user's file.
    /// </summary>
    private static IEnumerable<(Decision Decision, string? Generated)> Rows(EnvironmentPlan? plan)
    {
        if (plan is null)
        {
            yield break;
        }

        var generated = plan.Package.Where(m => m.Generated is not null).ToDictionary(m => m.Path, m => m.Generated, StringComparer.Ordinal);
        var synthesized = new Queue<PackageMember>(plan.Package.Where(m => m.Source is null && !plan.Decisions.Any(d => d.Path == m.Path)));
        foreach (var d in plan.Decisions)
        {
            while (synthesized.Count > 0 && string.CompareOrdinal(synthesized.Peek().Path, d.Path) < 0)
            {
                yield return Synthesized(synthesized.Dequeue());
            }

            yield return (d, d.Included ? generated.GetValueOrDefault(d.Path) : null);
        }

        while (synthesized.Count > 0)
        {
            yield return Synthesized(synthesized.Dequeue());
        }
    }

    private static (Decision, string?) Synthesized(PackageMember member) =>
        (new Decision(new WalkEntry(member.Path, string.Empty, EntryKind.File, member.Size, member.Executable), true, FreesoloPackageShape.SynthesizedReason), member.Generated);
}
