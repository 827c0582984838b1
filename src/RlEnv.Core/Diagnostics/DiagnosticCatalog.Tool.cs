namespace RlEnv.Core.Diagnostics;

// How the tool and the SDK were called, and how a run ended.
public static partial class DiagnosticCatalog
{
    /// <summary>The text of RLENV0001, which Sdk.targets raises itself before any task can load (a test keeps the two equal).</summary>
    public const string SdkTasksUnavailableMessage =
        "RlEnv.Sdk runs its tasks on .NET: build with `dotnet build` / `dotnet pack`, or with Visual Studio 2026 (MSBuild 18) or later.";

    public static Diagnostic RulesPropertyUnknown(string value) =>
        InvalidRulesProperty.At(null, $"RlEnvRules '{value}' is not freesolo or flash-tree.");

    public static Diagnostic ProfilePropertyUnknown(string value) =>
        InvalidRulesProperty.At(null, $"RlEnvProfile '{value}' is not freesolo, reinforcenow or runrl.");

    public static Diagnostic NumberPropertyNotWhole(string property, string value) =>
        InvalidNumberProperty.At(null, $"{property} '{value}' is not a whole number.");

    /// <param name="problem">What <c>OptionRange.Problem</c> says about the value.</param>
    public static Diagnostic NumberPropertyOutOfRange(string problem) => InvalidNumberProperty.At(null, problem);

    /// <param name="problem">The parser's own sentence about the command line.</param>
    public static Diagnostic CommandLineInvalid(string problem) => InvalidOption.At(null, problem);

    public static Diagnostic RunCancelled() => Cancelled.At(null, "Cancelled; nothing was left half-written.");

    public static Diagnostic RunCrashed(Exception exception) =>
        InternalFailure.At(null, $"Internal failure ({exception.GetType().Name}): {exception.Message}");
}
