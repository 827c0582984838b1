using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Profiles;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Packing;

/// <summary>
/// Every check a pack makes, without writing: the walk's decisions, paths, imports, caps, the token scan
/// and the dataset and config rules. Only the compressed cap needs a real pack.
/// </summary>
public sealed class ValidateEngine(IFileSystem fileSystem, IFileTypeProbe probe)
{
    public ValidateEngine(IFileSystem fileSystem)
        : this(fileSystem, FileTypeProbes.For(fileSystem))
    {
    }

    /// <summary>Where walks are kept between the steps of one run (the SDK's build); null walks every time.</summary>
    public IWalkCache? WalkCache { get; init; }

    public ValidateResult Validate(PackRequest request)
    {
        var diagnostics = new DiagnosticBag(request.WarningsAsErrors);
        if (OptionRanges.Refuse(request, diagnostics, needsOutput: false))
        {
            return new ValidateResult(diagnostics.ToSortedList(), []);
        }

        // CPython checks the .py files while the dataset pass runs; validate reports every finding either way.
        var plan = new EnvironmentAnalyzer(fileSystem, probe) { WalkCache = WalkCache, DeferPythonChecks = true }.Analyze(request, diagnostics);
        if (plan is null)
        {
            return new ValidateResult(diagnostics.ToSortedList(), []);
        }

        // The dataset checks may hold temp files (input digests past their memory budget) until disposed.
        using var datasets = plan.Datasets;
        var reader = new MemberReader(fileSystem, plan, diagnostics);
        var total = plan.UncompressedBytes;
        long done = 0;
        try
        {
            foreach (var member in plan.Package)
            {
                reader.Read(member, sink: null, bytes =>
                {
                    done += bytes;
                    request.Progress?.Report(new PackProgress(done, total, member.Path));
                });
            }

            plan.Datasets.Finish(diagnostics);
        }
        catch (PackFileException e)
        {
            diagnostics.Add(e.Diagnostic);
        }

        plan.CompleteDeferredChecks(diagnostics);
        return new ValidateResult(diagnostics.ToSortedList(), [.. plan.Datasets.Splits]) { Profile = (plan.Profile.ToName(), plan.ProfileReason) };
    }
}
