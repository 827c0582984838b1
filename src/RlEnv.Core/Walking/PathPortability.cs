using System.Buffers;
using System.Globalization;
using System.Text;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Walking;

/// <summary>The systems a member name is written to when an artifact is extracted on this machine.</summary>
public enum HostSystem
{
    /// <summary>Case-sensitive, every byte but NUL and '/' allowed: the hub's worker.</summary>
    Linux,

    /// <summary>Case-insensitive and normalization-insensitive by default (APFS, HFS+).</summary>
    MacOs,

    /// <summary>Case-insensitive, with reserved characters, device names and trailing dots or spaces stripped.</summary>
    Windows,
}

/// <summary>
/// Which packed names the hub changes or cannot hold (errors) and which only another system cannot hold
/// (warnings: Flash pushes them, the hub's Linux worker runs them, a Windows or macOS checkout breaks).
/// </summary>
public static class PathPortability
{
    private const string WindowsReservedCharacters = ":*?\"<>|";

    private static readonly SearchValues<char> WindowsReserved = SearchValues.Create(WindowsReservedCharacters);

    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    /// <summary>The system this process extracts to.</summary>
    public static HostSystem Host =>
        OperatingSystem.IsWindows() ? HostSystem.Windows : OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() ? HostSystem.MacOs : HostSystem.Linux;

    /// <summary>
    /// Checks one packed path; returns its most severe problem (an error before any warning), or null.
    /// Case and normalization twins need every path at once: see <see cref="CollisionKey"/>.
    /// </summary>
    public static Diagnostic? Check(string path) => Unrepresentable(path) ?? NotPortable(path);

    /// <summary>What the hub changes or RlEnv cannot represent faithfully: control characters, undecodable bytes, a backslash.</summary>
    private static Diagnostic? Unrepresentable(string path)
    {
        foreach (var c in path)
        {
            if (IsControl(c))
            {
                return DiagnosticCatalog.PathHasControlCharacter(Display(path), c);
            }
        }

        for (var i = 0; i < path.Length; i++)
        {
            // .NET decodes undecodable file-name bytes to U+FFFD; a lone surrogate cannot be UTF-8 either.
            if (path[i] == '\uFFFD' || (char.IsSurrogate(path[i]) && !IsPairedAt(path, i)))
            {
                return DiagnosticCatalog.PathNotUtf8(Display(path));
            }
        }

        // The hub's tar_member_segments turns '\' into '/', so the worker would get another path.
        return path.Contains('\\', StringComparison.Ordinal) ? DiagnosticCatalog.PathHasBackslash(Display(path)) : null;
    }

    /// <summary>What only Windows (or a Windows checkout) refuses or rewrites.</summary>
    private static Diagnostic? NotPortable(string path)
    {
        foreach (var segment in path.Split('/'))
        {
            if (WindowsProblem(segment) is { } problem)
            {
                return problem switch
                {
                    WindowsNameProblem.ReservedCharacter => DiagnosticCatalog.PathHasReservedCharacter(Display(path), segment[segment.AsSpan().IndexOfAny(WindowsReserved)]),
                    WindowsNameProblem.TrailingDotOrSpace => DiagnosticCatalog.PathNameEndsWithDotOrSpace(Display(path), segment),
                    _ => DiagnosticCatalog.PathNameIsDeviceName(Display(path), segment, DeviceStem(segment)),
                };
            }
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot be created as itself on <paramref name="host"/>, or null. Extraction refuses
    /// these: on Windows `a:b` writes an alternate data stream of `a`, `CON.txt` writes to the console, and `x.` lands on `x`.
    /// </summary>
    public static string? HostProblem(string path, HostSystem host)
    {
        if (host != HostSystem.Windows)
        {
            return null;
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Any(c => c < 0x20))
            {
                return $"'{Display(segment)}' holds a control character, which Windows cannot create";
            }

            switch (WindowsProblem(segment))
            {
                case WindowsNameProblem.ReservedCharacter:
                    return $"'{segment}' holds one of {WindowsReservedCharacters}, which Windows reads as a stream, drive or wildcard";
                case WindowsNameProblem.TrailingDotOrSpace:
                    return $"'{segment}' ends with a dot or a space, which Windows strips";
                case WindowsNameProblem.DeviceName:
                    return $"'{segment}' is the Windows device name {DeviceStem(segment).ToUpperInvariant()}";
            }
        }

        return null;
    }

    /// <summary>Whether two names that differ only in case or normalization land on one file on <paramref name="host"/>.</summary>
    public static bool FoldsNames(HostSystem host) => host != HostSystem.Linux;

    private enum WindowsNameProblem
    {
        ReservedCharacter,
        TrailingDotOrSpace,
        DeviceName,
    }

    private static WindowsNameProblem? WindowsProblem(string segment)
    {
        if (segment.AsSpan().ContainsAny(WindowsReserved))
        {
            return WindowsNameProblem.ReservedCharacter;
        }

        if (segment.EndsWith('.') || segment.EndsWith(' '))
        {
            return WindowsNameProblem.TrailingDotOrSpace;
        }

        return DeviceNames.Contains(DeviceStem(segment)) ? WindowsNameProblem.DeviceName : null;
    }

    /// <summary>The part of a name Windows compares with its device names: before the first dot, trailing spaces dropped.</summary>
    private static string DeviceStem(string segment) => segment.Split('.')[0].TrimEnd(' ');

    private static bool IsControl(char c) => c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);

    private static bool IsPairedAt(string s, int i) =>
        char.IsHighSurrogate(s[i])
            ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
            : i > 0 && char.IsHighSurrogate(s[i - 1]);

    /// <summary>The key under which two paths would land on the same file on a case-insensitive, normalizing file system.</summary>
    public static string CollisionKey(string path)
    {
        string normalized;
        try
        {
            normalized = path.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            normalized = path;
        }

        return normalized.ToUpperInvariant().ToLowerInvariant();
    }

    /// <summary>A path safe to print: control characters become escapes, so a diagnostic cannot rewrite the terminal.</summary>
    public static string Display(string path)
    {
        var builder = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
