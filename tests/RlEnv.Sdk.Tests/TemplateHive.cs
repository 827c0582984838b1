using System.Text.RegularExpressions;

namespace RlEnv.Sdk.Tests;

/// <summary>
/// `dotnet new rlenv` from the packed template package, installed once into a custom hive (global `dotnet new list`
/// stays clean). Each option combination is generated once and shared by the tests that read it; a test that
/// changes or builds a project works on <see cref="CopyOf"/>.
/// </summary>
public sealed partial class TemplateHive : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _generated = new(StringComparer.Ordinal);
    private bool _installed;

    public string Root { get; } = Directory.CreateTempSubdirectory("rlenv-templates-").FullName;

    private string Hive => Path.Combine(Root, "hive");

    private string Packages => Path.Combine(Root, ".packages");

    /// <summary>Runs `dotnet new rlenv ARGS` in <paramref name="directory"/> (under <see cref="Root"/> unless rooted).</summary>
    /// <param name="feed">The feed holding the template package.</param>
    /// <param name="directory">Where dotnet new runs.</param>
    /// <param name="args">The template's options.</param>
    public (int ExitCode, string Output) New(SdkFeed feed, string directory, params string[] args)
    {
        lock (_gate)
        {
            if (!_installed)
            {
                var install = Dotnet.Run(Root, Packages, "new", "install", feed.Templates, "--debug:custom-hive", Hive);
                Assert.True(install.ExitCode == 0, install.Output);
                _installed = true;
            }
        }

        var where = Path.Combine(Root, directory);
        Directory.CreateDirectory(where);
        return Dotnet.Run(where, Packages, ["new", "rlenv", .. args, "--debug:custom-hive", Hive]);
    }

    /// <summary>The project `dotnet new rlenv -n math` makes with these options; shared, so read it only.</summary>
    /// <param name="feed">The feed holding the template package.</param>
    /// <param name="platform">--platform.</param>
    /// <param name="thinking">--thinking.</param>
    /// <param name="multiTurn">--multi-turn.</param>
    /// <param name="ci">--ci.</param>
    public string Generated(SdkFeed feed, string platform, bool thinking, bool multiTurn, string ci)
    {
        var key = $"{platform}-{(thinking ? "thinking" : "plain")}-{(multiTurn ? "multi" : "single")}-{ci}";
        lock (_gate)
        {
            if (_generated.TryGetValue(key, out var existing))
            {
                return existing;
            }
        }

        List<string> args = ["-n", "math", "--platform", platform, "--ci", ci];
        if (thinking)
        {
            args.Add("--thinking");
        }

        if (multiTurn)
        {
            args.Add("--multi-turn");
        }

        var created = New(feed, Path.Combine("generated", key), [.. args]);
        Assert.True(created.ExitCode == 0, created.Output);
        var dir = Path.Combine(Root, "generated", key, "math");
        lock (_gate)
        {
            _generated[key] = dir;
        }

        return dir;
    }

    /// <summary>A private copy of a generated project, in a folder no other nuget.config sits above (as on a runner).</summary>
    /// <param name="generated">The generated project.</param>
    public string CopyOf(string generated)
    {
        var target = Path.Combine(Root, "copies", Guid.NewGuid().ToString("N"), Path.GetFileName(generated));
        foreach (var file in Directory.EnumerateFiles(generated, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(generated, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    /// <summary>
    /// Changes the one line the generated README names, the `rlenv` source of nuget.config, to <paramref name="feed"/>;
    /// fails unless that line is the config's only package source.
    /// </summary>
    /// <param name="project">The project folder.</param>
    /// <param name="feed">A feed URL or folder.</param>
    public static void PointNuGetConfigAt(string project, string feed)
    {
        var path = Path.Combine(project, "nuget.config");
        var text = File.ReadAllText(path);
        Assert.Single(AddSource().Matches(text));
        var changed = RlEnvSource().Replace(text, m => m.Groups["head"].Value + feed + "\"", 1);
        Assert.NotEqual(text, changed);
        Assert.Equal(1, changed.Split('\n').Zip(text.Split('\n')).Count(pair => pair.First != pair.Second));
        File.WriteAllText(path, changed);
    }

    [GeneratedRegex("<add ")]
    private static partial Regex AddSource();

    [GeneratedRegex("(?<head><add key=\"rlenv\" value=\")[^\"]*\"")]
    private static partial Regex RlEnvSource();

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
    }
}
