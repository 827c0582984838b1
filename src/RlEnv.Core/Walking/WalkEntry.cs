namespace RlEnv.Core.Walking;

/// <summary>One path under the environment root. <see cref="Path"/> is relative, '/'-separated.</summary>
public sealed record WalkEntry(string Path, string FullPath, EntryKind Kind, long Size, bool Executable)
{
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>0 for entries directly under the root.</summary>
    public int Depth => Path.Count(c => c == '/');
}
