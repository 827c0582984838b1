using RlEnv.Core.Walking;

namespace RlEnv.Core.Packing;

/// <summary>
/// One file the artifact holds, as it will be written: either a walked file streamed from disk as it is
/// (<see cref="Source"/>), or bytes the platform writes itself (<see cref="Content"/>: a synthesized file, or a
/// rewritten one read whole at analysis). Archives hold regular files only, never folder entries.
/// </summary>
public sealed record PackageMember(string Path, long Size, bool Executable)
{
    /// <summary>The walked file whose bytes are packed unchanged; null for a member with <see cref="Content"/>.</summary>
    public WalkEntry? Source { get; init; }

    /// <summary>The exact bytes packed, when the platform wrote or rewrote them.</summary>
    public ReadOnlyMemory<byte>? Content { get; init; }

    /// <summary>Why the bytes are not the user's file as it is (e.g. "readme-stub", "syspath-bootstrap"); null when they are.</summary>
    public string? Generated { get; init; }

    /// <summary>A walked file packed unchanged.</summary>
    public static PackageMember FromFile(WalkEntry entry) => new(entry.Path, entry.Size, entry.Executable) { Source = entry };
}
