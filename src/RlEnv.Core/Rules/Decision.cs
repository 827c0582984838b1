using RlEnv.Core.Walking;

namespace RlEnv.Core.Rules;

/// <summary>Whether one walked path goes into the artifact, and which rule said so.</summary>
public sealed record Decision(WalkEntry Entry, bool Included, string Reason)
{
    public string Path => Entry.Path;
}
