using System.Diagnostics;
using System.IO.Abstractions;

namespace RlEnv.Core.Packing;

/// <summary>
/// Names of the hidden files a pack writes before renaming them into place: "." + the final name + "." +
/// the writing process's id in base 36. The id adds at most 5 bytes on Linux (pid_max is 2^22), so a temp
/// name is never more than 7 bytes longer than the final name, and a name the file system accepts for the
/// artifact also fits while it is written. The id also tells a later pack which temps nobody owns any more.
/// </summary>
public static class TempFiles
{
    private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static string Name(string finalName, int processId) => "." + finalName + "." + ToBase36(processId);

    /// <summary>The process that owns <paramref name="fileName"/>, when it is a temp of <paramref name="finalName"/>.</summary>
    public static int? Owner(string fileName, string finalName)
    {
        var prefix = "." + finalName + ".";
        if (!fileName.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var digits = fileName.AsSpan(prefix.Length);
        if (digits.Length is 0 or > 7)
        {
            return null;
        }

        long value = 0;
        foreach (var c in digits)
        {
            var digit = Digits.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return null;
            }

            value = (value * 36) + digit;
        }

        return value is > 0 and <= int.MaxValue ? (int)value : null;
    }

    /// <summary>
    /// Deletes temps of these final names left by processes that no longer run (killed mid-pack, power loss),
    /// and this process's own, which only an earlier pack in this process that was interrupted can have left:
    /// the caller holds the per-artifact lock. A temp whose owner is alive is another pack still running.
    /// </summary>
    public static void RemoveStale(IFileSystem fileSystem, string directory, IEnumerable<string> finalNames, Func<int, bool> isAlive)
    {
        if (!fileSystem.Directory.Exists(directory))
        {
            return;
        }

        foreach (var finalName in finalNames)
        {
            foreach (var path in fileSystem.Directory.EnumerateFiles(directory, "." + finalName + ".*"))
            {
                if (Owner(fileSystem.Path.GetFileName(path), finalName) is { } owner && (owner == Environment.ProcessId || !isAlive(owner)))
                {
                    DeleteQuietly(fileSystem, path);
                }
            }
        }
    }

    /// <summary>Whether a process with this id runs on this machine (a reused id counts as alive, which only keeps a temp longer).</summary>
    public static bool IsProcessAlive(int processId)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists("/proc/" + processId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    public static void DeleteQuietly(IFileSystem fileSystem, string path)
    {
        try
        {
            if (fileSystem.File.Exists(path))
            {
                fileSystem.File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temp is hidden, and a later pack removes it once its owner is gone.
        }
    }

    private static string ToBase36(int value)
    {
        var number = (uint)value;
        Span<char> buffer = stackalloc char[8];
        var start = buffer.Length;
        do
        {
            buffer[--start] = Digits[(int)(number % 36)];
            number /= 36;
        }
        while (number > 0);

        return new string(buffer[start..]);
    }
}
