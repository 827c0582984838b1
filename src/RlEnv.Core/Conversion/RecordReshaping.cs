namespace RlEnv.Core.Conversion;

/// <summary>A record written as another kind of record, which a conversion back does not restore.</summary>
public enum RecordReshaping
{
    /// <summary>A midtrain document written as Freesolo `input` with no `output`: read back, it is a user message.</summary>
    MidtrainTextAsFreesoloInput,
}
