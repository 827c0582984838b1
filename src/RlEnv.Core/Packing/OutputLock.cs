using System.Globalization;
using System.IO.Abstractions;
using System.Text;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Packing;

/// <summary>
/// The exclusive right to write one <c>name-version</c> pair (artifact and manifest) into an output folder, so the two
/// renames of one pack never interleave with another's and the folder always holds a pair from the same pack.
/// The lock is a hidden file created with <see cref="FileMode.CreateNew"/> (atomic on every file system RlEnv writes to),
/// held open for the whole write and deleted on every way out. It names its writer (process id, host, what it packs), so a
/// second pack can say who holds it, and a later pack recognizes the lock of a process that died (killed, power loss) and
/// takes it over. A second pack fails at once rather than waiting: two writers of one name are a mistake (the later would
/// silently replace the earlier), and waiting would only hide it.
/// </summary>
public sealed class OutputLock : IDisposable
{
    private const int MaxLockBytes = 4096;

    private readonly IFileSystem fileSystem;
    private readonly FileSystemStream stream;

    private OutputLock(IFileSystem fileSystem, string path, FileSystemStream stream)
    {
        this.fileSystem = fileSystem;
        Path = path;
        this.stream = stream;
    }

    public string Path { get; }

    /// <summary>The lock file's name for an output pair: hidden, and never taken for one of <see cref="TempFiles"/>' temps.</summary>
    public static string FileName(string name, string version) => "." + name + "-" + version + ".rlenv-lock";

    /// <summary>Takes the lock, or reports who holds it and returns null.</summary>
    /// <param name="fileSystem">Where the output folder is.</param>
    /// <param name="outputDirectory">The output folder, which exists.</param>
    /// <param name="name">The artifact's name.</param>
    /// <param name="version">The artifact's version.</param>
    /// <param name="writer">What this pack writes from, named in the other pack's error if it has to wait for this one.</param>
    /// <param name="isAlive">Whether a process on this host still runs.</param>
    /// <param name="diagnostics">Where a held lock is reported.</param>
    public static OutputLock? TryAcquire(IFileSystem fileSystem, string outputDirectory, string name, string version, string writer,
        Func<int, bool> isAlive, DiagnosticBag diagnostics)
    {
        var path = fileSystem.Path.Combine(outputDirectory, FileName(name, version));
        var content = Encoding.UTF8.GetBytes(Describe(Environment.ProcessId, Environment.MachineName, writer));

        // Two tries: the second follows the removal of a dead process's lock. Should another pack win the race for the
        // removed name, the second try reports that pack.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var stream = fileSystem.FileStream.New(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                stream.Write(content);
                stream.Flush();
                return new OutputLock(fileSystem, path, stream);
            }
            catch (IOException) when (fileSystem.File.Exists(path))
            {
                var holder = ReadHolder(fileSystem, path);
                if (attempt == 0 && holder is { } dead && dead.Host == Environment.MachineName && dead.ProcessId != Environment.ProcessId && !isAlive(dead.ProcessId))
                {
                    TempFiles.DeleteQuietly(fileSystem, path);
                    continue;
                }

                diagnostics.Add(DiagnosticCatalog.OutputLockedByAnotherPack(name + "-" + version, outputDirectory, Who(holder), fileSystem.Path.GetFileName(path)));
                return null;
            }
        }

        return null;
    }

    public void Dispose()
    {
        stream.Dispose();
        TempFiles.DeleteQuietly(fileSystem, Path);
    }

    private static string Describe(int processId, string host, string writer) =>
        string.Create(CultureInfo.InvariantCulture, $"pid={processId}\nhost={host}\nwriter={writer.ReplaceLineEndings(" ")}\nsince={DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\n");

    private static string Who(Holder? holder) => holder is { } h
        ? string.Create(CultureInfo.InvariantCulture, $"process {h.ProcessId} on {h.Host}, packing {h.Writer}, since {h.Since}")
        : "a writer whose lock file cannot be read";

    private static Holder? ReadHolder(IFileSystem fileSystem, string path)
    {
        try
        {
            using var stream = fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[MaxLockBytes];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var fields = Encoding.UTF8.GetString(buffer, 0, length).Split('\n')
                .Select(line => line.Split('=', 2))
                .Where(pair => pair.Length == 2)
                .GroupBy(pair => pair[0], StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.First()[1], StringComparer.Ordinal);
            return fields.TryGetValue("pid", out var pid) && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
                ? new Holder(processId, fields.GetValueOrDefault("host") ?? "", fields.GetValueOrDefault("writer") ?? "?", fields.GetValueOrDefault("since") ?? "?")
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed between the failed create and this read: the pack that held it just finished.
            return null;
        }
    }

    private readonly record struct Holder(int ProcessId, string Host, string Writer, string Since);
}
