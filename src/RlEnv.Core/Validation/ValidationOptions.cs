namespace RlEnv.Core.Validation;

public sealed record ValidationOptions
{
    public const long DefaultMaxLineBytes = 64L * 1024 * 1024;
    public const int DefaultMaxDiagnosticsPerFileAndCode = 50;

    public static readonly ValidationOptions Default = new();

    /// <summary>A JSONL line (or a whole .json file) longer than this is an error; memory never holds more.</summary>
    public long MaxLineBytes { get; init; } = DefaultMaxLineBytes;

    public int MaxDiagnosticsPerFileAndCode { get; init; } = DefaultMaxDiagnosticsPerFileAndCode;

    /// <summary>Python's json module recurses once per level and stops near 1,000 (sys.getrecursionlimit()).</summary>
    public int MaxDepth { get; init; } = 1000;
}
