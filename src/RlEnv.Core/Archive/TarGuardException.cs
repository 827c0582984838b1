namespace RlEnv.Core.Archive;

/// <summary>What kind of problem <see cref="TarGuardStream"/> found; each reader maps it to its own diagnostic through the catalog.</summary>
public enum TarGuardProblem
{
    /// <summary>Not a well-formed tar stream: bad checksum, malformed number, truncated.</summary>
    Corrupt,

    /// <summary>Well-formed, but holds something the hub refuses (an unknown member type, a NUL in a path).</summary>
    Unsafe,

    /// <summary>Past one of the hub's caps (members, bytes, tar-stream bytes).</summary>
    OverCap,

    /// <summary>An extended header (PAX or GNU long name/link) larger than any real path needs.</summary>
    NameTooLong,
}

/// <summary>
/// Thrown by <see cref="TarGuardStream"/> before the tar reader sees a header it should not parse. The message
/// is complete and user-facing; <see cref="Member"/> is the member's name when the header got that far.
/// </summary>
public sealed class TarGuardException : Exception
{
    public TarGuardException(TarGuardProblem problem, string message, string? member = null)
        : base(message)
    {
        Problem = problem;
        Member = member;
    }

    public TarGuardException()
    {
    }

    public TarGuardException(string message)
        : base(message)
    {
    }

    public TarGuardException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TarGuardProblem Problem { get; }

    public string? Member { get; }
}
