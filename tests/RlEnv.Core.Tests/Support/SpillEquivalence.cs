using RlEnv.Core.Packing;

namespace RlEnv.Core.Tests.Support;

/// <summary>The same validation with input digests in memory and spilled to disk must report the same, to the byte.</summary>
internal static class SpillEquivalence
{
    public static void AssertSame(ValidateResult inMemory, ValidateResult spilled)
    {
        Assert.Equal(inMemory.Diagnostics.Select(Describe), spilled.Diagnostics.Select(Describe));
        Assert.Equal(inMemory.Splits, spilled.Splits);
        Assert.Equal(inMemory.Profile, spilled.Profile);
    }

    private static string Describe(RlEnv.Core.Diagnostics.Diagnostic d) => $"{d.File}({d.Line},{d.Column}): {d.Severity} {d.Code}: {d.Message}";
}
