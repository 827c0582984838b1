namespace RlEnv.Core.Conversion;

/// <summary>
/// What converting one record lost, changed in kind, or could not do. The converter counts each entry once per
/// record, so a report says how many records lost a part, never how many keys or messages.
/// </summary>
public sealed class RecordLosses
{
    /// <summary>Parts the target cannot hold, by label ("metadata", "prompt message (system)", "user content part (image)").</summary>
    public HashSet<string> Dropped { get; } = new(StringComparer.Ordinal);

    public HashSet<RecordReshaping> Reshaped { get; } = [];

    /// <summary>Set when the record has no counterpart in the target: it is then an error and nothing is written.</summary>
    public NoCounterpart? Missing { get; set; }

    public void Drop(string part) => Dropped.Add(part);
}
