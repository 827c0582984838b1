namespace RlEnv.Core.Validation;

/// <summary>What one record contributes to its split's figures.</summary>
public struct RecordFacts
{
    public bool IsRecord { get; set; }

    public bool HasOutput { get; set; }

    /// <summary>XxHash128 of the input's raw JSON string bytes; null without a usable input.</summary>
    public UInt128? InputHash { get; set; }
}
