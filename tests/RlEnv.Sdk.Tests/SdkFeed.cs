using System.Diagnostics;

namespace RlEnv.Sdk.Tests;

/// <summary>Packs RlEnv.Sdk once per test run into a temp feed, as users get it from NuGet.</summary>
public sealed class SdkFeed : IDisposable
{
    public SdkFeed()
    {
        Root = Directory.CreateTempSubdirectory("rlenv-sdk-feed-").FullName;
        Feed = Path.Combine(Root, "feed");
        var repo = RepositoryRoot();
        var (exit, output) = Dotnet.Run(repo, null, "pack", Path.Combine(repo, "src", "RlEnv.Sdk"), "-c", "Release", "-o", Feed, "-p:NuGetAudit=false");
        if (exit != 0)
        {
            throw new InvalidOperationException("Packing RlEnv.Sdk failed:\n" + output);
        }

        Version = Path.GetFileNameWithoutExtension(Directory.GetFiles(Feed, "RlEnv.Sdk.*.nupkg").Single())["RlEnv.Sdk.".Length..];
        (exit, output) = Dotnet.Run(repo, null, "pack", Path.Combine(repo, "templates", "RlEnv.Templates"), "-c", "Release", "-o", Feed, "-p:NuGetAudit=false");
        if (exit != 0)
        {
            throw new InvalidOperationException("Packing RlEnv.Templates failed:\n" + output);
        }

        Templates = Directory.GetFiles(Feed, "RlEnv.Templates.*.nupkg").Single();
    }

    /// <summary>The template package, versioned in lockstep with the SDK.</summary>
    public string Templates { get; }

    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Packager.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Packager.sln not found");
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

[CollectionDefinition(nameof(SdkFeed))]
public sealed class SdkFeedShared : ICollectionFixture<SdkFeed>, ICollectionFixture<TemplateHive>;

internal static class Dotnet
{
    /// <summary>Runs `dotnet ARGS` in a clean environment (none of the test host's MSBuild variables) and returns exit code and all output.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, string? nugetPackages, params string[] args) =>
        Run(workingDirectory, nugetPackages, null, args);

    /// <summary>As above, with <paramref name="environment"/> set on top (a null value removes the variable).</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, string? nugetPackages, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && k != "MSBUILDDISABLENODEREUSE").ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("SOURCE_DATE_EPOCH");
        if (nugetPackages is not null)
        {
            start.Environment["NUGET_PACKAGES"] = nugetPackages;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
