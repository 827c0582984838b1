using System.Globalization;
using System.Text;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Walking;

/// <summary>Rules that keep a packed path extractable on Linux, macOS and Windows alike.</summary>
public static class PathPortability
{
    private const string ReservedCharacters = "\\:*?\"<>|";

    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    /// <summary>Checks one path's segments; returns the first problem found, or null.</summary>
    public static Diagnostic? Check(string path)
    {
        foreach (var segment in path.Split('/'))
        {
            var problem = CheckSegment(path, segment);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static Diagnostic? CheckSegment(string path, string segment)
    {
        foreach (var c in segment)
        {
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
            {
                return DiagnosticCatalog.PathHasControlCharacter(Display(path), c);
            }

            if (ReservedCharacters.Contains(c, StringComparison.Ordinal))
            {
                return DiagnosticCatalog.PathHasReservedCharacter(Display(path), c);
            }

            // .NET decodes undecodable file-name bytes to U+FFFD; a lone surrogate cannot be UTF-8 either.
            if (c == '\uFFFD' || char.IsSurrogate(c) && !IsPaired(segment, c))
            {
                return DiagnosticCatalog.PathNotUtf8(Display(path));
            }
        }

        if (segment.EndsWith('.') || segment.EndsWith(' '))
        {
            return DiagnosticCatalog.PathNameEndsWithDotOrSpace(Display(path), segment);
        }

        var stem = segment.Split('.')[0].TrimEnd(' ');
        if (DeviceNames.Contains(stem))
        {
            return DiagnosticCatalog.PathNameIsDeviceName(Display(path), segment, stem);
        }

        return null;
    }

    private static bool IsPaired(string segment, char c)
    {
        var i = segment.IndexOf(c, StringComparison.Ordinal);
        return char.IsHighSurrogate(c)
            ? i + 1 < segment.Length && char.IsLowSurrogate(segment[i + 1])
            : i > 0 && char.IsHighSurrogate(segment[i - 1]);
    }

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
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
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
