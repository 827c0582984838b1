using System.Text;
using System.Text.RegularExpressions;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Python;

/// <summary>
/// The interpreter a pyenv shim would run, found without running it. A shim is a bash script that runs
/// <c>pyenv exec</c>, which starts a dozen processes to choose the version: about 0.3 s before Python itself starts,
/// paid on every <c>rlenv validate</c> and <c>pack</c> where <c>python3</c> on PATH is a shim (measured here: the 7-row
/// example took 0.36 s through the shim, 0.08 s with the interpreter named).
/// </summary>
/// <remarks>
/// pyenv's own choice is mirrored (libexec/pyenv-version-file, -version-file-read, -version-name, -which): the
/// versions named by PYENV_VERSION, else by the first <c>.python-version</c> found from PYENV_DIR, then from the
/// working directory, up to the root, else by <c>$PYENV_ROOT/version</c>; the first of them whose
/// <c>versions/NAME/bin/COMMAND</c> is an executable file, or pyenv's failure when none holds it and nothing else could
/// (see NoneHolds). Only answers every pyenv release gives alike are taken: "system", a version that is not installed
/// under its exact name (pyenv would try a prefix or a <c>python-</c> name, or fail), a system program newer pyenv
/// would fall back to, a file that is not a shim as pyenv writes them, or anything unreadable leaves the command to
/// run as given, shim and all. pyenv's <c>which</c> hooks act only when no listed version holds the command, so they
/// never change an interpreter chosen here.
/// </remarks>
internal static partial class PyenvShim
{
    private const int MaxShimBytes = 4096;
    private const int MaxVersionFileBytes = 64 * 1024;

    /// <summary>
    /// What pyenv would do for <paramref name="command"/>: run an interpreter (<see cref="PyenvAnswer.Interpreter"/>),
    /// fail (<see cref="PyenvAnswer.Refusal"/>), or neither is certain (both null: run the command as given).
    /// </summary>
    /// <param name="command">A command name (searched on PATH) or a path.</param>
    /// <param name="workingDirectory">The directory the command would run in: pyenv looks for <c>.python-version</c> from there.</param>
    /// <param name="environment">The environment the command would see.</param>
    public static PyenvAnswer Resolve(string command, string workingDirectory, Func<string, string?> environment)
    {
        try
        {
            if (Locate(command, environment("PATH")) is not { } shim || RootOf(shim) is not { } root)
            {
                return default;
            }

            var program = Path.GetFileName(shim);
            if (VersionNames(root, workingDirectory, environment) is not { } versions)
            {
                return default;
            }

            // pyenv-version-name refuses the whole list when one name is not installed.
            if (versions.Any(v => v != "system" && !Directory.Exists(Path.Combine(root, "versions", v))))
            {
                return default;
            }

            foreach (var version in versions)
            {
                if (version == "system")
                {
                    return default;
                }

                var interpreter = Path.Combine(root, "versions", version, "bin", program);
                if (IsExecutableFile(interpreter))
                {
                    return new PyenvAnswer(interpreter, null);
                }
            }

            return NoneHolds(root, program, versions, workingDirectory, environment);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return default;
        }
    }

    /// <summary>
    /// No listed version holds the command. Older pyenv then fails; newer pyenv runs the system's (PATH without the
    /// shims), and a <c>which</c> hook may still find one (pyenv-virtualenv's look into a virtualenv's base). Certain
    /// only when none of those can: no such program outside the shims, no listed version a virtualenv, no hook but
    /// pyenv-virtualenv's (which act only for conda, python-config and virtualenvs), no custom shim path.
    /// </summary>
    private static PyenvAnswer NoneHolds(string root, string program, List<string> versions, string workingDirectory, Func<string, string?> environment)
    {
        var shimVariable = "_PYENV_SHIM_PATHS_" + new string([.. program.ToUpperInvariant().Select(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') ? c : '_')]);
        if (program.StartsWith("conda", StringComparison.Ordinal) || program.EndsWith("-config", StringComparison.Ordinal)
            || environment(shimVariable) is { Length: > 0 }
            || versions.Any(v => File.Exists(Path.Combine(root, "versions", v, "bin", "activate")))
            || WhichHooks(root, environment("PYENV_HOOK_PATH")).Any(hook => !PyenvVirtualenvWhichHooks.Contains(Path.GetFileName(hook)))
            || SystemSearchPath(root, environment("PATH"), workingDirectory).Any(folder => IsExecutableFile(Path.Combine(folder, program))))
        {
            return default;
        }

        return new PyenvAnswer(null, $"pyenv: no version it selects ({string.Join(":", versions)}) has {program}, and none is found outside its shims");
    }

    private static readonly HashSet<string> PyenvVirtualenvWhichHooks = new(["conda.bash", "python-config.bash", "system-site-packages.bash"], StringComparer.Ordinal);

    /// <summary>The <c>which/*.bash</c> hooks pyenv would source: PYENV_HOOK_PATH, its own, the system's, and its plugins'.</summary>
    private static IEnumerable<string> WhichHooks(string root, string? hookPath)
    {
        var plugins = Path.Combine(root, "plugins");
        IEnumerable<string> folders = [
            .. (hookPath ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries),
            Path.Combine(root, "pyenv.d"), "/usr/etc/pyenv.d", "/usr/local/etc/pyenv.d", "/etc/pyenv.d", "/usr/lib/pyenv/hooks",
            .. Directory.Exists(plugins) ? Directory.EnumerateDirectories(plugins).Select(p => Path.Combine(p, "etc", "pyenv.d")) : [],
        ];
        return folders.Select(f => Path.Combine(f, "which")).Where(Directory.Exists).SelectMany(w => Directory.EnumerateFiles(w, "*.bash"));
    }

    /// <summary>Where newer pyenv looks for the system's program: its own and its plugins' bin folders, then PATH without the shims.</summary>
    private static IEnumerable<string> SystemSearchPath(string root, string? path, string workingDirectory)
    {
        var plugins = Path.Combine(root, "plugins");
        var shims = Path.Combine(root, "shims");
        return [
            Path.Combine(root, "libexec"),
            .. Directory.Exists(plugins) ? Directory.EnumerateDirectories(plugins).Select(p => Path.Combine(p, "bin")) : [],
            .. (path ?? "").Split(':').Where(f => f != shims).Select(f => f.Length == 0 ? workingDirectory : f),
        ];
    }

    /// <summary>
    /// Where <paramref name="command"/> starts from, as Process.Start resolves it: a rooted path as given; a name beside
    /// the running program or in the current folder before PATH (such a file is not followed: null), then on PATH.
    /// A relative path with a folder is looked up beside the program first: not followed either.
    /// </summary>
    private static string? Locate(string command, string? path)
    {
        if (Path.IsPathRooted(command))
        {
            return command;
        }

        if (command.Contains('/', StringComparison.Ordinal)
            || (Path.GetDirectoryName(Environment.ProcessPath) is { } programFolder && File.Exists(Path.Combine(programFolder, command)))
            || File.Exists(Path.Combine(Environment.CurrentDirectory, command)))
        {
            return null;
        }

        foreach (var folder in (path ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, command);
            if (IsExecutableFile(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    /// <summary>The PYENV_ROOT a shim exports, when <paramref name="shim"/> is one as pyenv writes them and sits in that root's shims folder.</summary>
    private static string? RootOf(string shim)
    {
        if (!IsRegularFile(shim) || new FileInfo(shim).Length > MaxShimBytes)
        {
            return null;
        }

        var text = File.ReadAllText(shim, Encoding.UTF8);
        if (!text.StartsWith("#!/usr/bin/env bash\n", StringComparison.Ordinal)
            || RootLine().Match(text) is not { Success: true } root
            || !text.Contains($"exec \"{root.Groups[1].Value}/libexec/pyenv\" exec \"$program\" \"$@\"", StringComparison.Ordinal))
        {
            return null;
        }

        var folder = root.Groups[1].Value;
        return Path.IsPathFullyQualified(folder) && Path.GetDirectoryName(shim) == Path.Combine(folder, "shims") ? folder : null;
    }

    /// <summary>The version names pyenv would try, in order; null when it would find none (its "system").</summary>
    private static List<string>? VersionNames(string root, string workingDirectory, Func<string, string?> environment)
    {
        if (environment("PYENV_VERSION") is { Length: > 0 } named)
        {
            var names = named.Split(':').ToList();
            return names.Any(n => n.Length == 0) ? null : names;
        }

        var file = VersionFile(root, workingDirectory, environment("PYENV_DIR"));
        var read = file is null ? null : ReadVersionFile(file);
        return read is { Count: > 0 } ? read : null;
    }

    private static string? VersionFile(string root, string workingDirectory, string? pyenvDir)
    {
        if (pyenvDir is { Length: > 0 })
        {
            if (!Directory.Exists(pyenvDir))
            {
                // pyenv stops with "cannot change working directory".
                return null;
            }

            if (LocalVersionFile(Path.GetFullPath(pyenvDir)) is { } fromPyenvDir)
            {
                return fromPyenvDir;
            }
        }

        return LocalVersionFile(Path.GetFullPath(workingDirectory)) ?? Path.Combine(root, "version");
    }

    /// <summary>The first <c>.python-version</c> regular file (pyenv's <c>-f</c>) in <paramref name="folder"/> or a folder above it.</summary>
    private static string? LocalVersionFile(string folder)
    {
        for (var current = folder.TrimEnd('/'); ; current = current[..current.LastIndexOf('/')])
        {
            var candidate = current + "/.python-version";
            if (IsRegularFile(candidate))
            {
                return candidate;
            }

            if (current.Length == 0)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// The first word of every line that is neither empty nor a comment, as pyenv-version-file-read takes them. Null when
    /// the file is missing or too large, or holds a name pyenv versions treat differently: ".." or one holding '/' (older
    /// pyenv skips it, CVE-2022-35861; newer pyenv keeps it when it stays inside versions/), or a line longer than the
    /// 1,024 characters pyenv reads at a time.
    /// </summary>
    private static List<string>? ReadVersionFile(string file)
    {
        if (!IsRegularFile(file) || new FileInfo(file).Length > MaxVersionFileBytes)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var line in File.ReadAllText(file, Encoding.UTF8).Split('\n'))
        {
            var words = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('#'))
            {
                continue;
            }

            if (line.Length > 1024 || words[0] == ".." || words[0].Contains('/', StringComparison.Ordinal))
            {
                return null;
            }

            names.Add(words[0]);
        }

        return names;
    }

    /// <summary>
    /// A regular file once links are followed: a FIFO or a device (which a folder anyone writes to, such as the temp
    /// folder the interpreter runs in, may hold) is never opened, since opening or reading one can block forever.
    /// </summary>
    private static bool IsRegularFile(string path) =>
        File.Exists(path) && !StatxFileTypeProbe.Instance.IsSpecial(File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path);

    private static bool IsExecutableFile(string path) =>
        !OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    [GeneratedRegex("^export PYENV_ROOT=\"([^\"\\n]+)\"$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex RootLine();
}

/// <summary>What pyenv would do: run <paramref name="Interpreter"/>, or fail for <paramref name="Refusal"/>; neither when that is not certain.</summary>
/// <param name="Interpreter">The interpreter's path.</param>
/// <param name="Refusal">Why pyenv would find none.</param>
internal readonly record struct PyenvAnswer(string? Interpreter, string? Refusal);
