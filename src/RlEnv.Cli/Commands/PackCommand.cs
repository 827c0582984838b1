using System.CommandLine;
using System.IO.Abstractions;
using RlEnv.Cli.Output;
using RlEnv.Core.Packing;
using Spectre.Console;

namespace RlEnv.Cli.Commands;

internal static class PackCommand
{
    public static Command Create(SharedOptions shared, IFileSystem fileSystem, TextWriter stdout, TextWriter stderr)
    {
        var dir = SharedOptions.EnvironmentDirectory();
        var output = new Option<string>("--output", "-o") { Description = "Folder to write the artifact and its manifest into.", DefaultValueFactory = _ => "." };
        var version = new Option<string?>("--version") { Description = "The artifact's SemVer 2.0 version (default 1.0.0); 1.0 is normalized to 1.0.0." };
        var name = new Option<string?>("--name") { Description = "The artifact's name (default: the folder's name), normalized to [a-z0-9][a-z0-9._-]*." };
        var level = new Option<int?>("--compression-level") { Description = "zlib compression level: 0 stores, 1 is fastest, 9 smallest (default 6)." };
        SharedOptions.InRange(level, OptionRanges.CompressionLevel);
        SharedOptions.NotEmpty(output);
        var command = new Command("pack", "Check an environment and write <name>-<version>.tar.gz and its manifest.") { dir, output, version, name, level, shared.Json };
        shared.AddRulesAndCaps(command);
        command.SetAction((result, cancellation) =>
        {
            var json = result.GetValue(shared.Json);
            var request = shared.Request(result, result.GetValue(dir)!, result.GetValue(output)!) with
            {
                Name = result.GetValue(name),
                Version = result.GetValue(version),
                SourceDateEpoch = Environment.GetEnvironmentVariable(SourceDateEpoch.VariableName),
            };
            if (result.GetValue(level) is { } chosen)
            {
                request = request with { CompressionLevel = chosen };
            }

            // Program.cs turns Ctrl+C and SIGTERM into this token, so the pack removes its temp files instead of dying mid-write.
            var packed = ProgressReporter.Run(!json, reporter =>
                new PackEngine(fileSystem).Pack(request with { Progress = reporter, CancellationToken = cancellation }));
            if (json)
            {
                WriteJson(stdout, packed);
            }
            else
            {
                HumanReport.WriteProfile(stderr, packed.Profile);
                HumanReport.WriteDiagnostics(stderr, packed.Diagnostics);
                WriteSummary(stdout, packed);
            }

            return Task.FromResult(DiagnosticExit.For(packed.Diagnostics));
        });
        return command;
    }

    private static void WriteJson(TextWriter stdout, PackResult packed) =>
        JsonReport.Write(stdout, packed.Diagnostics, json =>
        {
            var manifest = packed.Manifest;
            JsonReport.WriteNullable(json, "artifact", packed.ArtifactPath);
            JsonReport.WriteNullable(json, "manifest", packed.ManifestPath);
            JsonReport.WriteNullable(json, "name", packed.Name);
            JsonReport.WriteNullable(json, "version", packed.Version);
            JsonReport.WriteNullable(json, "sha256", manifest?.ArchiveSha256);
            JsonReport.WriteNullable(json, "contentDigest", manifest?.ContentDigest);
            JsonReport.WriteNullable(json, "rules", manifest?.Rules);
            JsonReport.WriteProfile(json, packed.Profile);
            JsonReport.WriteNullable(json, "compressedBytes", manifest?.ArchiveBytes);
            JsonReport.WriteNullable(json, "uncompressedBytes", manifest?.UncompressedBytes);
            json.WriteStartArray("files");
            foreach (var file in manifest?.Files ?? [])
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteNumber("size", file.Size);
                json.WriteString("sha256", file.Sha256);
                if (file.Generated is { } generated)
                {
                    json.WriteString("generated", generated);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        });

    private static void WriteSummary(TextWriter stdout, PackResult packed)
    {
        if (packed.Manifest is not { } manifest)
        {
            stdout.WriteLine("Nothing was written.");
            return;
        }

        var ratio = manifest.UncompressedBytes == 0 ? 0 : (double)manifest.ArchiveBytes / manifest.UncompressedBytes;
        var table = new Table().Border(TableBorder.Rounded).AddColumns("", "");
        table.ShowHeaders = false;
        table.AddRow("artifact", Markup.Escape(packed.ArtifactPath!));
        table.AddRow("files", manifest.Files.Count.ToString("N0"));
        table.AddRow("uncompressed", HumanReport.Bytes(manifest.UncompressedBytes));
        table.AddRow("compressed", HumanReport.Bytes(manifest.ArchiveBytes));
        table.AddRow("ratio", $"{ratio:P1}");
        table.AddRow("sha256", manifest.ArchiveSha256);
        table.AddRow("content", manifest.ContentDigest);
        HumanReport.Console(stdout).Write(table);
    }
}
