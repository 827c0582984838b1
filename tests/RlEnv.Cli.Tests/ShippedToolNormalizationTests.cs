using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

/// <summary>
/// NFC `café.md` and NFD `café.md` are one file on macOS. Path collision keys normalize with
/// string.Normalize, which does nothing under invariant globalization; the test host is not invariant,
/// so these run the built rlenv.dll in its own process, with its own runtimeconfig.json.
/// </summary>
public sealed class ShippedToolNormalizationTests : IDisposable
{
    private const string Nfc = "caf\u00e9.md";
    private const string Nfd = "cafe\u0301.md";

    private readonly TempEnvironment _env = new();

    private static string Tool => Path.Combine(AppContext.BaseDirectory, "rlenv.dll");

    private static (int ExitCode, JsonElement Json) RunShipped(params string[] args)
    {
        var run = Processes.Run("dotnet", [Tool, .. args], AppContext.BaseDirectory);
        using var document = JsonDocument.Parse(run.Stdout);
        return (run.ExitCode, document.RootElement.Clone());
    }

    private static IEnumerable<string> Codes(JsonElement json) =>
        json.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()!);

    [Fact]
    public void Shipped_tool_keeps_globalization_on_so_normalization_works()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rlenv.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.TryGetProperty("System.Globalization.Invariant", out var invariant) && invariant.GetBoolean());
    }

    [Fact]
    public void Shipped_tool_pack_reports_nfc_and_nfd_names_as_a_collision_warning()
    {
        _env.Write(Nfc, "a");
        _env.Write(Nfd, "b");

        var (exit, json) = RunShipped("pack", _env.Root, "-o", _env.Output, "--json");

        Assert.Equal(0, exit);
        Assert.Equal("warning", Assert.Single(json.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "RLENV1106").GetProperty("severity").GetString());
        Assert.Single(Directory.EnumerateFiles(_env.Output, "*.tar.gz"));
    }

    [Fact]
    public void Shipped_tool_pack_with_warnaserror_refuses_nfc_and_nfd_twins_and_writes_nothing()
    {
        _env.Write(Nfc, "a");
        _env.Write(Nfd, "b");

        var (exit, json) = RunShipped("pack", _env.Root, "-o", _env.Output, "--warnaserror", "RLENV1106", "--json");

        Assert.Equal(1, exit);
        Assert.Equal("error", Assert.Single(json.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "RLENV1106").GetProperty("severity").GetString());
        Assert.False(Directory.Exists(_env.Output) && Directory.EnumerateFiles(_env.Output, "*.tar.gz").Any());
    }

    [Fact]
    public void Shipped_tool_inspect_reports_nfc_and_nfd_members_as_twins()
    {
        var artifact = Path.Combine(_env.Root, "crafted.tar.gz");
        using (var file = File.Create(artifact))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, Nfc) { DataStream = new MemoryStream([1]) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, Nfd) { DataStream = new MemoryStream([2]) });
        }

        var (exit, json) = RunShipped("inspect", artifact, "--json");

        Assert.Equal(0, exit);
        var twin = Assert.Single(json.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "RLENV1106");
        Assert.Equal("warning", twin.GetProperty("severity").GetString());
        Assert.Contains("duplicates an earlier member", twin.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => _env.Dispose();
}
