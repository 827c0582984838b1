using System.Diagnostics;
using System.Text.Json;
using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

/// <summary>The real tool in a child process, stopped by a signal while it writes the artifact.</summary>
public class PackSignalTests
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_mid_pack_exits_2_with_one_json_object_and_leaves_no_temp_file(string signal)
    {
        using var env = new TempEnvironment();
        // Incompressible bytes at level 9: the pack takes long enough to be caught while its temp file exists.
        using (var blob = File.Create(Path.Combine(env.Root, "blob.md")))
        {
            var random = new Random(7);
            var buffer = new byte[1 << 20];
            for (var i = 0; i < 160; i++)
            {
                random.NextBytes(buffer);
                blob.Write(buffer);
            }
        }

        // Through env --default-signal: a test run started in the background (`dotnet test &`, some CI shells) inherits
        // SIGINT ignored, and .NET leaves an ignored SIGINT ignored, so the child would never see the signal.
        var start = new ProcessStartInfo("env",
            ["--default-signal=INT,TERM", "dotnet", Path.Combine(AppContext.BaseDirectory, "rlenv.dll"), "pack", env.Root, "-o", env.Output, "--json", "--compression-level", "9", "--max-compressed-bytes", "1000000000", "--max-file-bytes", "1000000000"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        while (!(Directory.Exists(env.Output) && Directory.EnumerateFiles(env.Output, ".my-env-1.0.0.tar.gz.*").Any()))
        {
            if (process.HasExited)
            {
                Assert.Fail($"The pack ended before its temp file was seen: {await stdout}{await stderr}");
            }

            await Task.Delay(5);
        }

        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        using var json = JsonDocument.Parse(await stdout);
        var diagnostic = Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("RLENV0010", diagnostic.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("artifact").ValueKind);
        Assert.Empty(Directory.EnumerateFileSystemEntries(env.Output));
    }
}
