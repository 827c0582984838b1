using Microsoft.Build.Framework;
using RlEnv.Core.Packing;

namespace RlEnv.Sdk.Tasks;

/// <summary>`dotnet build`: every check a pack makes, writing nothing.</summary>
public sealed class RlEnvValidate : RlEnvTask
{
    protected override void Run(PackRequest request)
    {
        var result = new ValidateEngine(new System.IO.Abstractions.FileSystem()) { WalkCache = WalkCache }.Validate(request);
        DiagnosticLogging.Log(Log, result.Diagnostics, Path.GetFullPath(request.EnvironmentDirectory));
        foreach (var split in result.Splits)
        {
            Log.LogMessage(MessageImportance.Normal, $"split {split.Name}: {split.Rows:N0} rows, {split.RowsWithOutput:N0} with output ({split.Path})");
        }
    }
}
