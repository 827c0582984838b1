using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Packing;

public class OutOfRangeLimitTests
{
    [Theory]
    [InlineData(long.MaxValue, int.MaxValue)]
    [InlineData(long.MaxValue - 1, 1)]
    [InlineData(OptionRanges.MaxBytes, (int)OptionRanges.MaxMembers)]
    public void The_tar_stream_bound_never_overflows_into_a_negative_number(long uncompressed, int members)
    {
        var limits = new PackLimits { MaxUncompressedBytes = uncompressed, MaxMembers = members };

        Assert.True(limits.MaxTarStreamBytes >= uncompressed, limits.MaxTarStreamBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_engine_refuses_negative_caps_itself_with_RLENV1704_and_writes_nothing()
    {
        var env = new MockEnvironment();

        var result = new PackEngine(env.FileSystem).Pack(new PackRequest
        {
            EnvironmentDirectory = MockEnvironment.Root,
            OutputDirectory = "/out",
            Limits = new PackLimits { MaxMembers = -1, MaxUncompressedBytes = -5 },
            Validation = ValidationOptions.Default with { MaxLineBytes = 0 },
        });

        Assert.Equal(3, result.Diagnostics.Count(d => d.Code == DiagnosticCatalog.InvalidOption.Code));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("--max-members must be between 1", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCatalog.MemberCapExceeded.Code);
        Assert.False(env.FileSystem.Directory.Exists("/out"));
    }

    [Fact]
    public void An_empty_output_folder_is_a_diagnostic_not_an_exception()
    {
        var env = new MockEnvironment();

        var result = new PackEngine(env.FileSystem).Pack(new PackRequest { EnvironmentDirectory = MockEnvironment.Root, OutputDirectory = "" });

        Assert.Equal(DiagnosticCatalog.InvalidOption.Code, Assert.Single(result.Diagnostics).Code);
    }
}
