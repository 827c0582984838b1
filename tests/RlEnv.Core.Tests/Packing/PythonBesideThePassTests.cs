using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Packing;

/// <summary>
/// Issue 15: pack lets CPython check the .py files while the archive is written, and settles its verdict before
/// anything is renamed. When CPython refuses a file the report is the analysis's alone, exactly what the analysis
/// reports when it waits for CPython (no pass findings, no artifact, an earlier artifact intact); when it accepts,
/// the pass's findings are there as always. Needs Python 3.11+ on PATH, as .ci/run installs.
/// </summary>
public class PythonBesideThePassTests
{
    private const string Broken = "def load_environment(**params)\n    return None\n";

    // A dataset with findings of its own: a key Flash drops and a duplicated input.
    private static MockEnvironment Environment(string entryPoint) => new MockEnvironment(withEntryPoint: false)
        .File("environment.py", entryPoint)
        .File("helpers.py", "x = (\n")
        .File("dataset/train.jsonl", "{\"input\":\"a\",\"output\":\"1\",\"extra\":1}\n{\"input\":\"a\",\"output\":\"2\"}\n");

    private static PackRequest Request() => new() { EnvironmentDirectory = MockEnvironment.Root, OutputDirectory = "/out", Name = "env", Version = "1.0.0" };

    [Fact]
    public void A_file_cpython_refuses_fails_the_pack_with_what_the_waiting_analysis_reports_and_no_pass_findings()
    {
        var env = Environment(Broken);
        var waiting = new DiagnosticBag();
        new EnvironmentAnalyzer(env.FileSystem).Analyze(Request(), waiting);

        var result = new PackEngine(env.FileSystem).Pack(Request());

        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCatalog.PythonSyntaxInvalid.Code && d.File == "environment.py" && d.Severity == Severity.Error);
        Assert.Equal(waiting.ToSortedList().Select(d => d.ToCanonicalString()), result.Diagnostics.Select(d => d.ToCanonicalString()));
        Assert.DoesNotContain(result.Diagnostics, d => d.File == "dataset/train.jsonl");
        Assert.Null(result.ArtifactPath);
        Assert.Empty(env.FileSystem.Directory.GetFiles("/out"));
    }

    [Fact]
    public void A_refused_file_leaves_the_earlier_artifact_as_it_was()
    {
        var env = Environment(MockEnvironment.ValidEntryPoint);
        var first = new PackEngine(env.FileSystem).Pack(Request());
        var before = env.FileSystem.File.ReadAllBytes(first.ArtifactPath!);
        env.FileSystem.File.WriteAllText(MockEnvironment.Full("environment.py"), Broken);

        var second = new PackEngine(env.FileSystem).Pack(Request());

        Assert.Null(second.ArtifactPath);
        Assert.Equal(before, env.FileSystem.File.ReadAllBytes(first.ArtifactPath!));
        Assert.Equal(["env-1.0.0.manifest.json", "env-1.0.0.tar.gz"], env.FileSystem.Directory.GetFiles("/out").Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void When_cpython_accepts_the_entry_point_the_pass_findings_and_the_helpers_warning_are_reported_together()
    {
        var env = Environment(MockEnvironment.ValidEntryPoint);

        var result = new PackEngine(env.FileSystem).Pack(Request());

        Assert.NotNull(result.ArtifactPath);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCatalog.PythonSyntaxInvalid.Code && d.File == "helpers.py" && d.Severity == Severity.Warning);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCatalog.KeyDropped.Code && d.File == "dataset/train.jsonl");
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCatalog.DuplicateInputs.Code && d.File == "dataset/train.jsonl");
    }
}
