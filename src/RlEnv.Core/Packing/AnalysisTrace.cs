namespace RlEnv.Core.Packing;

/// <summary>
/// A test hook, not a feature: when RLENV_TEST_WALK_LOG names a file, every walk and every analysis appends one line
/// to it ("walk ROOT", "analyze ROOT"), so the SDK's end-to-end tests can count them across MSBuild's processes.
/// </summary>
internal static class AnalysisTrace
{
    public const string VariableName = "RLENV_TEST_WALK_LOG";

    public static void Record(string stage, string root)
    {
        if (Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } path)
        {
            // Append is one write of a short line: concurrent builds interleave whole lines.
            File.AppendAllText(path, $"{stage} {root}\n");
        }
    }
}
