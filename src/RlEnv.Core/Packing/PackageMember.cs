using RlEnv.Core.Walking;

namespace RlEnv.Core.Packing;

/// <summary>
/// One file the artifact holds, as it will be written: either a walked file streamed from disk as it is
/// (<see cref="Source"/>), or bytes held in memory (<see cref="Content"/>: a synthesized file, a rewritten one read
/// whole at analysis, or a walked .py file as the analysis read it, which then has both). Archives hold regular files
/// only, never folder entries.
/// </summary>
public sealed record PackageMember(string Path, long Size, bool Executable)
{
    /// <summary>The walked file whose bytes are packed unchanged; null for a member the platform wrote.</summary>
    public WalkEntry? Source { get; init; }

    /// <summary>The exact bytes packed, when they are already in memory (the platform wrote them, or the analysis read them); null streams <see cref="Source"/>.</summary>
    public ReadOnlyMemory<byte>? Content { get; init; }

    /// <summary>Why the bytes are not the user's file as it is (e.g. "readme-stub", "syspath-bootstrap"); null when they are.</summary>
    public string? Generated { get; init; }

    /// <summary>A walked file packed unchanged.</summary>
    public static PackageMember FromFile(WalkEntry entry) => new(entry.Path, entry.Size, entry.Executable) { Source = entry };
}
