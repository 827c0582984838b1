using System.Globalization;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Packing;

/// <summary>
/// The values each front accepts for the caps: checked once here so the rlenv tool, the MSBuild tasks and
/// the engine refuse the same things. The upper bounds keep every derived sum (the tar-stream bound adds
/// 1 KiB per member) far from overflowing a long.
/// </summary>
public static class OptionRanges
{
    /// <summary>1 PiB: no hub takes more, and twice it still fits a long many times over.</summary>
    public const long MaxBytes = 1L << 50;

    /// <summary>A line is held whole in one array, which .NET caps near 2 GiB; 1 GiB stays clear of it.</summary>
    public const long MaxLineBytes = 1L << 30;

    public const long MaxMembers = 100_000_000;

    public static readonly OptionRange CompressedBytes = new("max-compressed-bytes", 1, MaxBytes);
    public static readonly OptionRange UncompressedBytes = new("max-uncompressed-bytes", 0, MaxBytes);
    public static readonly OptionRange Members = new("max-members", 1, MaxMembers);
    public static readonly OptionRange FileBytes = new("max-file-bytes", 1, MaxBytes);
    public static readonly OptionRange LineBytes = new("max-line-bytes", 1, MaxLineBytes);
    public static readonly OptionRange CompressionLevel = new("compression-level", 0, 9);

    /// <summary>Every out-of-range value of a request, each as a message naming the option.</summary>
    public static IEnumerable<string> Problems(PackRequest request)
    {
        string?[] problems =
        [
            CompressedBytes.Problem(request.Limits.MaxCompressedBytes),
            UncompressedBytes.Problem(request.Limits.MaxUncompressedBytes),
            Members.Problem(request.Limits.MaxMembers),
            FileBytes.Problem(request.Limits.MaxFileBytes),
            LineBytes.Problem(request.Validation.MaxLineBytes),
            CompressionLevel.Problem(request.CompressionLevel),
        ];
        return problems.OfType<string>();
    }

    /// <summary>Requests no front should have let through: caps out of range, or no folder to read or write.</summary>
    public static bool Refuse(PackRequest request, DiagnosticBag diagnostics, bool needsOutput)
    {
        foreach (var problem in OptionRanges.Problems(request))
        {
            diagnostics.Add(DiagnosticCatalog.PackOptionOutOfRange(problem));
        }

        if (string.IsNullOrWhiteSpace(request.EnvironmentDirectory))
        {
            diagnostics.Add(DiagnosticCatalog.EnvironmentFolderOptionEmpty());
        }

        if (needsOutput && string.IsNullOrWhiteSpace(request.OutputDirectory))
        {
            diagnostics.Add(DiagnosticCatalog.OutputFolderOptionEmpty());
        }

        return diagnostics.HasErrors;
    }
}

public sealed record OptionRange(string Name, long Min, long Max)
{
    public bool Contains(long value) => value >= Min && value <= Max;

    /// <summary>Null when <paramref name="value"/> is in range, else a message for the user.</summary>
    public string? Problem(long value, string? displayName = null) => Contains(value)
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"{displayName ?? "--" + Name} must be between {Min:N0} and {Max:N0}; {value:N0} is out of range.");
}
