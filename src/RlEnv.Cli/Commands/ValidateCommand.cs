using System.CommandLine;
using System.IO.Abstractions;
using RlEnv.Cli.Output;
using RlEnv.Core.Packing;
using Spectre.Console;

namespace RlEnv.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create(SharedOptions shared, IFileSystem fileSystem, TextWriter stdout, TextWriter stderr)
    {
        var dir = SharedOptions.EnvironmentDirectory();
        var command = new Command("validate", "Run every check a pack makes (files, imports, tokens, caps, datasets, configs) without writing anything.") { dir, shared.Json };
        shared.AddRulesAndCaps(command);
        command.SetAction(result =>
        {
            var json = result.GetValue(shared.Json);
            var request = shared.Request(result, result.GetValue(dir)!);
            var validated = ProgressReporter.Run(!json, reporter => new ValidateEngine(fileSystem).Validate(request with { Progress = reporter }));
            if (json)
            {
                JsonReport.Write(stdout, validated.Diagnostics, writer =>
                {
                    JsonReport.WriteProfile(writer, validated.Profile);
                    writer.WriteStartArray("splits");
                    foreach (var split in validated.Splits)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", split.Name);
                        writer.WriteString("path", split.Path);
                        writer.WriteNumber("rows", split.Rows);
                        writer.WriteNumber("bytes", split.Bytes);
                        writer.WriteNumber("rowsWithOutput", split.RowsWithOutput);
                        writer.WriteNumber("rowsWithoutOutput", split.RowsWithoutOutput);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                });
            }
            else
            {
                HumanReport.WriteProfile(stderr, validated.Profile);
                HumanReport.WriteDiagnostics(stderr, validated.Diagnostics);
                var table = new Table().Border(TableBorder.Rounded).AddColumns("split", "path", "rows", "bytes", "with output", "without output");
                foreach (var split in validated.Splits)
                {
                    table.AddRow(Markup.Escape(split.Name), Markup.Escape(split.Path), split.Rows.ToString("N0"), HumanReport.Bytes(split.Bytes),
                        split.RowsWithOutput.ToString("N0"), split.RowsWithoutOutput.ToString("N0"));
                }

                HumanReport.Console(stdout).Write(table);
            }

            return DiagnosticExit.For(validated.Diagnostics);
        });
        return command;
    }
}
