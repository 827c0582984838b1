namespace RlEnv.Sdk.Tests;

/// <summary>
/// Counts the engine's walks and analyses through its test hook (RLENV_TEST_WALK_LOG appends one line per walk and
/// per analysis, from whichever MSBuild process runs the task).
/// </summary>
[Collection(nameof(SdkFeed))]
public sealed class AnalysisOncePerBuildTests(SdkFeed feed)
{
    [Fact]
    public void Pack_walks_and_analyzes_the_environment_once()
    {
        // The everyday loop: a project packed before (bin and obj exist), a dataset edited, packed again.
        using var project = new EnvironmentProject(feed);
        Assert.True(project.Dotnet("pack").ExitCode == 0);
        project.Write("dataset/train.jsonl", EnvironmentProject.Record + "{\"input\":\"What is 3 + 3?\",\"output\":\"6\"}\n");
        project.Backdate();

        var (walks, analyses, run) = Count(project, "pack");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(File.Exists(project.ArtifactPath));
        Assert.Equal((1, 1), (walks, analyses));
    }

    [Fact]
    public void Build_walks_and_analyzes_the_environment_once()
    {
        using var project = new EnvironmentProject(feed);
        Assert.True(project.Dotnet("build").ExitCode == 0);
        project.Write("dataset/train.jsonl", EnvironmentProject.Record + "{\"input\":\"What is 3 + 3?\",\"output\":\"6\"}\n");
        project.Backdate();

        var (walks, analyses, run) = Count(project, "build");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal((1, 1), (walks, analyses));
    }

    [Fact]
    public void Clean_names_the_artifact_without_walking()
    {
        using var project = new EnvironmentProject(feed);
        Assert.True(project.Dotnet("pack").ExitCode == 0);

        var (walks, analyses, run) = Count(project, "clean", "-c", "Release");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.False(File.Exists(project.ArtifactPath));
        Assert.Equal((0, 0), (walks, analyses));
    }

    [Fact]
    public void Up_to_date_pack_walks_once_and_does_not_analyze()
    {
        using var project = new EnvironmentProject(feed);
        Assert.True(project.Dotnet("pack").ExitCode == 0);

        var (walks, analyses, run) = Count(project, "pack");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal((1, 0), (walks, analyses));
    }

    [Fact]
    public void A_file_changed_between_the_walk_and_the_pack_is_walked_again()
    {
        // A target between RlEnvResolve and the pack edits the dataset: the cached walk's stamp is stale, so the pack walks
        // again and packs what is there now.
        using var project = new EnvironmentProject(feed, properties: """
            <Target Name="EditDataset" AfterTargets="RlEnvResolve">
              <WriteLinesToFile File="dataset/train.jsonl" Lines="{&quot;input&quot;:&quot;edited&quot;,&quot;output&quot;:&quot;1&quot;}" Overwrite="true" />
              <WriteLinesToFile File="dataset/extra.jsonl" Lines="{&quot;input&quot;:&quot;new&quot;,&quot;output&quot;:&quot;2&quot;}" Overwrite="true" />
            </Target>
            """);
        Assert.True(project.Dotnet("pack").ExitCode == 0);
        project.Backdate();

        var (walks, analyses, run) = Count(project, "pack");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal((2, 1), (walks, analyses));
        using var archive = new System.Formats.Tar.TarReader(new System.IO.Compression.GZipStream(File.OpenRead(project.ArtifactPath), System.IO.Compression.CompressionMode.Decompress));
        var names = new List<string>();
        while (archive.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        Assert.Contains(names, n => n.EndsWith("dataset/extra.jsonl", StringComparison.Ordinal));
    }

    private static (int Walks, int Analyses, (int ExitCode, string Output) Run) Count(EnvironmentProject project, params string[] args)
    {
        var log = Path.Combine(project.Base, "walks.log");
        File.Delete(log);
        var run = project.DotnetWith(new Dictionary<string, string?> { ["RLENV_TEST_WALK_LOG"] = log }, args);
        var lines = File.Exists(log) ? File.ReadAllLines(log) : [];
        return (lines.Count(l => l.StartsWith("walk ", StringComparison.Ordinal)), lines.Count(l => l.StartsWith("analyze ", StringComparison.Ordinal)), run);
    }
}
