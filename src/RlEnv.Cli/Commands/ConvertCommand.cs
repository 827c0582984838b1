using System.CommandLine;
using System.IO.Abstractions;
using RlEnv.Cli.Output;
using RlEnv.Core.Conversion;

namespace RlEnv.Cli.Commands;

internal static class ConvertCommand
{
    public static Command Create(SharedOptions shared, IFileSystem fileSystem, TextWriter stdout, TextWriter stderr)
    {
        var formats = RecordFormatNames.ByName.Keys.ToArray();
        var from = new Option<string>("--from") { Description = "The input format: " + string.Join(", ", formats) + ".", Required = true };
        var to = new Option<string>("--to") { Description = "The output format: " + string.Join(", ", formats) + ".", Required = true };
        from.AcceptOnlyFromAmong(formats);
        to.AcceptOnlyFromAmong(formats);
        var input = new Argument<string>("in") { Description = "The JSONL file to read." };
        var output = new Argument<string>("out") { Description = "The JSONL file to write (replaced only when the conversion succeeds)." };
        var command = new Command("convert", "Convert records between freesolo, reinforcenow, runrl and openai JSONL, reporting every field the target cannot hold.") { from, to, input, output, shared.Json, shared.WarnAsError };
        command.SetAction(result =>
        {
            var converted = new Converter(fileSystem, shared.GetWarningsAsErrors(result)).Convert(result.GetValue(input)!, result.GetValue(output)!,
                RecordFormatNames.ByName[result.GetValue(from)!], RecordFormatNames.ByName[result.GetValue(to)!]);
            if (result.GetValue(shared.Json))
            {
                JsonReport.Write(stdout, converted.Diagnostics, json =>
                {
                    JsonReport.WriteNullable(json, "output", converted.OutputPath);
                    json.WriteNumber("records", converted.Records);
                    json.WriteStartArray("dropped");
                    foreach (var (field, count) in converted.Dropped.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        json.WriteStartObject();
                        json.WriteString("field", field);
                        json.WriteNumber("count", count);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                });
            }
            else
            {
                HumanReport.WriteDiagnostics(stderr, converted.Diagnostics);
                stdout.WriteLine(converted.OutputPath is null ? "Nothing was written." : $"{converted.Records:N0} records -> {converted.OutputPath}");
            }

            return DiagnosticExit.For(converted.Diagnostics);
        });
        return command;
    }
}
