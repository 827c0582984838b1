using System.CommandLine;
using System.IO.Abstractions;
using RlEnv.Cli.Output;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Inspecting;
using RlEnv.Core.Packing;
using RlEnv.Core.Walking;

namespace RlEnv.Cli.Commands;

internal static class InspectCommand
{
    public static Command Create(SharedOptions shared, IFileSystem fileSystem, TextWriter stdout, TextWriter stderr)
    {
        var artifact = new Argument<string>("artifact") { Description = "A .tar.gz written by rlenv pack; verified against the .manifest.json beside it, if any." };
        var command = new Command("inspect", "List an artifact's members and verify it against its manifest.") { artifact, shared.Json, shared.WarnAsError };
        command.SetAction(result =>
        {
            // The inspector applies the hub's caps and refuses a missing path, a folder, a FIFO or a device
            // (exit 2) before it opens anything, so --json gets its one object on every path.
            var inspected = new ArtifactInspector(fileSystem, PackLimits.Hub, shared.GetWarningsAsErrors(result)).Inspect(result.GetValue(artifact)!);
            if (result.GetValue(shared.Json))
            {
                WriteJson(stdout, inspected);
            }
            else if (inspected.Diagnostics.Any(d => d.Code == DiagnosticCatalog.ArtifactNotAFile.Code))
            {
                HumanReport.WriteDiagnostics(stderr, inspected.Diagnostics);
            }
            else
            {
                foreach (var m in inspected.Members)
                {
                    stdout.WriteLine($"{m.Mode} {m.Uid}/{m.Gid} {m.Size,12} {m.ModTime.UtcDateTime:yyyy-MM-dd HH:mm:ss} {PathPortability.Display(m.Path)}");
                }

                stdout.WriteLine($"{inspected.Members.Count} members, {HumanReport.Bytes(inspected.UncompressedBytes)} uncompressed, {HumanReport.Bytes(inspected.CompressedBytes)} compressed, sha256 {inspected.Sha256}");
                stdout.WriteLine(inspected.VerifiedAgainstManifest switch
                {
                    true => "Verified against its manifest.",
                    false => "Does NOT match its manifest.",
                    null => "No manifest beside it; nothing to verify against.",
                });
                HumanReport.WriteDiagnostics(stderr, inspected.Diagnostics);
            }

            return DiagnosticExit.For(inspected.Diagnostics);
        });
        return command;
    }

    private static void WriteJson(TextWriter stdout, InspectResult inspected) =>
        JsonReport.Write(stdout, inspected.Diagnostics, json =>
        {
            json.WriteString("artifact", inspected.ArtifactPath);
            JsonReport.WriteNullable(json, "sha256", inspected.Sha256);
            json.WriteNumber("compressedBytes", inspected.CompressedBytes);
            json.WriteNumber("uncompressedBytes", inspected.UncompressedBytes);
            JsonReport.WriteNullable(json, "contentDigest", inspected.Manifest?.ContentDigest);
            if (inspected.VerifiedAgainstManifest is { } verified)
            {
                json.WriteBoolean("verified", verified);
            }
            else
            {
                json.WriteNull("verified");
            }

            json.WriteStartArray("members");
            foreach (var m in inspected.Members)
            {
                json.WriteStartObject();
                json.WriteString("path", m.Path);
                json.WriteString("type", m.Type);
                json.WriteNumber("size", m.Size);
                json.WriteString("mode", m.Mode);
                json.WriteNumber("uid", m.Uid);
                json.WriteNumber("gid", m.Gid);
                json.WriteNumber("mtime", m.ModTime.ToUnixTimeSeconds());
                JsonReport.WriteNullable(json, "sha256", m.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
}
