using System.Text;
using System.Text.Json;
using RlEnv.Cli.Tests.Support;

namespace RlEnv.Cli.Tests;

/// <summary>
/// The packages users install: packed with one `dotnet pack`, installed with `dotnet tool install` from that feed
/// (a clean NUGET_PACKAGES), and run as a real process. On linux-x64 the install is the Native AOT build: its pack
/// fails on any trim or AOT warning (TreatWarningsAsErrors reaches ILC), and it must give the JIT build's results.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("rlenv-tool-").FullName;

    private static string JitTool => Path.Combine(AppContext.BaseDirectory, "rlenv.dll");

    [Fact]
    public void Installed_tool_is_the_native_build_and_gives_the_jit_builds_artifacts_and_reports()
    {
        var repo = Processes.RepositoryRoot();
        var feed = Path.Combine(_temp, "feed");
        var tools = Path.Combine(_temp, "tools");
        var isolated = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_temp, "packages") };

        var pack = Processes.Run("dotnet", ["pack", Path.Combine(repo, "src", "RlEnv.Cli"), "-c", "Release", "-o", feed, "-nologo", "-p:NuGetAudit=false"], repo);
        Assert.True(pack.ExitCode == 0, pack.Stdout + pack.Stderr);
        Assert.DoesNotContain(pack.Stdout.Split('\n'), line => line.Contains(" warning ", StringComparison.Ordinal));
        Assert.Equal(["rlenv.0.1.0.nupkg", "rlenv.any.0.1.0.nupkg", "rlenv.linux-x64.0.1.0.nupkg"], Directory.GetFiles(feed).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var install = Processes.Run("dotnet", ["tool", "install", "rlenv", "--tool-path", tools, "--add-source", feed, "--prerelease"], _temp, isolated);
        Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);

        // Native: the command is an ELF executable from the linux-x64 package, alone (no managed assembly, runtime config or symbols).
        var native = new FileInfo(Path.Combine(tools, "rlenv")).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.Combine(tools, "rlenv");
        Assert.Contains($"{Path.DirectorySeparatorChar}rlenv.linux-x64{Path.DirectorySeparatorChar}", native, StringComparison.Ordinal);
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(native)[..4]);
        Assert.Equal(["DotnetToolSettings.xml", "rlenv"], Directory.GetFiles(Path.GetDirectoryName(native)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var environment = MixedEnvironment(repo);
        var nativeValidate = Processes.Run(native, ["validate", environment, "--json"], _temp);
        var jitValidate = Processes.Run("dotnet", [JitTool, "validate", environment, "--json"], _temp);
        Assert.Equal((jitValidate.ExitCode, jitValidate.Stdout), (nativeValidate.ExitCode, nativeValidate.Stdout));
        Assert.Equal(string.Empty, nativeValidate.Stderr);
        using (var report = JsonDocument.Parse(nativeValidate.Stdout))
        {
            // Unicode normalization works in the native binary: NFC and NFD twins are reported.
            Assert.Contains(report.RootElement.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "RLENV1106");
            var splits = report.RootElement.GetProperty("splits").EnumerateArray().Select(split => split.GetProperty("name").GetString()).ToList();
            Assert.Contains("extra", splits);
            Assert.Contains("more", splits);
        }

        foreach (var source in new[] { Path.Combine(repo, "tests", "examples", "math"), environment })
        {
            var nativeOut = Path.Combine(_temp, "out-native", Path.GetFileName(source));
            var jitOut = Path.Combine(_temp, "out-jit", Path.GetFileName(source));
            var nativePack = Processes.Run(native, ["pack", source, "-o", nativeOut, "--version", "0.3", "--json"], _temp);
            var jitPack = Processes.Run("dotnet", [JitTool, "pack", source, "-o", jitOut, "--version", "0.3", "--json"], _temp);

            Assert.True(nativePack.ExitCode == 0, nativePack.Stdout + nativePack.Stderr);
            Assert.Equal(string.Empty, nativePack.Stderr);
            Assert.Equal((jitPack.ExitCode, jitPack.Stdout.Replace(jitOut, nativeOut, StringComparison.Ordinal)), (nativePack.ExitCode, nativePack.Stdout));
            var artifacts = Directory.GetFiles(jitOut).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(artifacts, Directory.GetFiles(nativeOut).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Contains(artifacts, a => a!.EndsWith(".tar.gz", StringComparison.Ordinal));
            foreach (var artifact in artifacts)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(jitOut, artifact!)), File.ReadAllBytes(Path.Combine(nativeOut, artifact!)));
            }
        }
    }

    /// <summary>The example plus what the native build reads differently from the JIT one if anything: .csv and .bson splits, NFC/NFD names.</summary>
    private string MixedEnvironment(string repo)
    {
        var root = Path.Combine(_temp, "mixed");
        foreach (var file in Directory.GetFiles(Path.Combine(repo, "tests", "examples", "math"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(Path.Combine(repo, "tests", "examples", "math"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(root, "dataset", "extra.csv"), "input,output,metadata,board\n\"What is 2 + 2?\",4,\"{\"\"k\"\": 1}\",x\n\"Multi\nline\",5,,y\n");
        File.WriteAllBytes(Path.Combine(root, "dataset", "more.bson"), [.. BsonDocument(("input", "What is 3 + 3?"), ("output", "6")), .. BsonDocument(("input", "caf\u00e9 \U0001F600"), ("extra", "dropped"))]);
        File.WriteAllText(Path.Combine(root, "caf\u00e9.md"), "a");
        File.WriteAllText(Path.Combine(root, "cafe\u0301.md"), "b");
        return root;
    }

    private static byte[] BsonDocument(params (string Name, string Value)[] strings)
    {
        using var body = new MemoryStream();
        foreach (var (name, value) in strings)
        {
            var text = Encoding.UTF8.GetBytes(value);
            body.WriteByte(0x02);
            body.Write(Encoding.UTF8.GetBytes(name));
            body.WriteByte(0);
            body.Write(BitConverter.GetBytes(text.Length + 1));
            body.Write(text);
            body.WriteByte(0);
        }

        return [.. BitConverter.GetBytes((int)body.Length + 5), .. body.ToArray(), 0];
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);
}
