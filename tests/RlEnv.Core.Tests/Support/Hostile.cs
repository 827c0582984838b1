using System.IO.Abstractions.TestingHelpers;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Inspecting;
using RlEnv.Core.Packing;
using RlEnv.Core.Publishing;

namespace RlEnv.Core.Tests.Support;

/// <summary>Feeds crafted artifact bytes to the inspector and the extractor on a MockFileSystem.</summary>
internal static class Hostile
{
    public const string Artifact = "/in/a.tar.gz";
    public const string Target = "/work/out";

    public static InspectResult Inspect(byte[] gz, PackLimits? limits = null)
    {
        var fs = new MockFileSystem();
        fs.AddFile(Artifact, new MockFileData(gz));
        return new ArtifactInspector(fs, limits).Inspect(Artifact);
    }

    public static (int? Files, IReadOnlyList<Diagnostic> Diagnostics, MockFileSystem FileSystem) Extract(byte[] gz, PackLimits? limits = null)
    {
        var fs = new MockFileSystem();
        fs.AddFile(Artifact, new MockFileData(gz));
        fs.AddDirectory("/work");
        var bag = new DiagnosticBag();
        var files = SafeExtractor.Extract(fs, Artifact, Target, limits ?? PackLimits.Hub, bag);
        return (files, bag.ToSortedList(), fs);
    }

    public static Diagnostic Single(InspectResult result, string code) => Assert.Single(result.Diagnostics, d => d.Code == code);
}
