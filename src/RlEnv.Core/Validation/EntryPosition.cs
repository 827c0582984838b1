namespace RlEnv.Core.Validation;

/// <summary>Where a finding about a whole ReinforceNow entry or RunRL prompt line points: the record's first byte.</summary>
internal static class EntryPosition
{
    public static int Column(in RecordContext context) => (int)Math.Min(int.MaxValue, context.ColumnBase + 1L);
}
