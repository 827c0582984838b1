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
                return Diagnostic.Error(DiagnosticCatalog.PathControlCharacter.Code, Display(path),
                    $"The path contains the control character U+{(int)c:X4}; rename it, since other systems cannot create it.");
            }

            if (ReservedCharacters.Contains(c, StringComparison.Ordinal))
            {
                return Diagnostic.Error(DiagnosticCatalog.PathReservedCharacter.Code, Display(path),
                    $"The path contains '{c}', which Windows does not allow in file names; rename it.");
            }

            // .NET decodes undecodable file-name bytes to U+FFFD; a lone surrogate cannot be UTF-8 either.
            if (c == '\uFFFD' || char.IsSurrogate(c) && !IsPaired(segment, c))
            {
                return Diagnostic.Error(DiagnosticCatalog.PathInvalidUtf8.Code, Display(path),
                    "The path is not valid UTF-8; rename it so that every reader decodes it the same way.");
            }
        }

        if (segment.EndsWith('.') || segment.EndsWith(' '))
        {
            return Diagnostic.Error(DiagnosticCatalog.PathTrailingDotOrSpace.Code, Display(path),
                $"The name '{segment}' ends with a dot or a space, which Windows strips; rename it.");
        }

        var stem = segment.Split('.')[0].TrimEnd(' ');
        if (DeviceNames.Contains(stem))
        {
            return Diagnostic.Error(DiagnosticCatalog.PathDeviceName.Code, Display(path),
                $"The name '{segment}' is a Windows device name ({stem.ToUpperInvariant()}), whatever its extension; rename it.");
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
