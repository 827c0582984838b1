using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;

namespace RlEnv.Core.Tests.Support;

/// <summary>An environment on the real file system, with an output folder beside it.</summary>
internal sealed class RealEnvironment : IDisposable
{
    private readonly TempDirectory _temp = new();

    public RealEnvironment(bool withEntryPoint = true)
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Output);
        if (withEntryPoint)
        {
            Write("environment.py", MockEnvironment.ValidEntryPoint);
        }
    }

    public string Root => _temp.Combine("env");

    public string Output => _temp.Combine("out");

    public string Outside => _temp.Combine("outside");

    public string Write(string relative, string content) => _temp.Write(Path.Combine("env", relative), content);

    public string Sparse(string relative, long length) => _temp.Sparse(Path.Combine("env", relative), length);

    public PackResult Pack(Func<PackRequest, PackRequest>? configure = null)
    {
        var request = new PackRequest { EnvironmentDirectory = Root, OutputDirectory = Output, Name = "env", Version = "1.0.0" };
        return new PackEngine(new FileSystem()).Pack(configure is null ? request : configure(request));
    }

    public string[] OutputListing() =>
        [.. Directory.EnumerateFileSystemEntries(Output).Select(p => Path.GetFileName(p) + ":" + new FileInfo(p).Length + ":" + File.GetLastWriteTimeUtc(p).Ticks).Order(StringComparer.Ordinal)];

    public static Diagnostic SingleError(PackResult result) => Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);

    public void Dispose() => _temp.Dispose();
}
