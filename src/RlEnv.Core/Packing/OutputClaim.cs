using System.IO.Abstractions;
using System.Text;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Packing;

/// <summary>
/// Which project an output pair (<c>name-version</c> artifact and manifest) belongs to, so two projects of one build that
/// share a name and an output folder (<c>dotnet pack envs.sln -o out</c>, a shared <c>PackageOutputPath</c>) fail
/// whatever the order and timing of their packs, instead of the later silently replacing the earlier. The SDK takes the
/// claim on every pack, also when the pack itself is skipped as up to date. A claim stops counting once its project is
/// gone or has been edited since (renaming its <c>RlEnvName</c> edits it), so fixing either project frees the name.
/// </summary>
public static class OutputClaim
{
    private const int MaxClaimBytes = 4096;

    public static string FileName(string name, string version) => "." + name + "-" + version + ".rlenv-project";

    /// <summary>Takes the claim for <paramref name="project"/>, or reports the project that holds it and returns false.</summary>
    /// <param name="fileSystem">Where the output folder and the projects are.</param>
    /// <param name="outputDirectory">The output folder.</param>
    /// <param name="name">The artifact's name.</param>
    /// <param name="version">The artifact's version.</param>
    /// <param name="project">The full path of the project being packed.</param>
    /// <param name="diagnostics">Where a claim by another project is reported.</param>
    public static bool Take(IFileSystem fileSystem, string outputDirectory, string name, string version, string project, DiagnosticBag diagnostics)
    {
        var path = fileSystem.Path.Combine(outputDirectory, FileName(name, version));
        var content = Encoding.UTF8.GetBytes(project);
        try
        {
            fileSystem.Directory.CreateDirectory(outputDirectory);
            try
            {
                // CreateNew: of two projects claiming a new name at once, exactly one wins.
                using var created = fileSystem.FileStream.New(path, FileMode.CreateNew, FileAccess.Write);
                created.Write(content);
                return true;
            }
            catch (IOException) when (fileSystem.File.Exists(path))
            {
            }

            var holder = Read(fileSystem, path);
            if (holder is not null && !string.Equals(holder, project, StringComparison.Ordinal) && StillClaims(fileSystem, holder, path))
            {
                diagnostics.Add(DiagnosticCatalog.OutputWrittenByAnotherProject(name + "-" + version, outputDirectory, project, holder, FileName(name, version)));
                return false;
            }

            fileSystem.File.WriteAllBytes(path, content);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.PackArtifactWriteFailed(e.Message));
            return false;
        }
    }

    /// <summary>Gives the claim up on clean, when it is this project's: a claim left by another project stays.</summary>
    /// <param name="fileSystem">Where the output folder is.</param>
    /// <param name="outputDirectory">The output folder.</param>
    /// <param name="name">The artifact's name.</param>
    /// <param name="version">The artifact's version.</param>
    /// <param name="project">The full path of the project being cleaned.</param>
    public static void Release(IFileSystem fileSystem, string outputDirectory, string name, string version, string project)
    {
        var path = fileSystem.Path.Combine(outputDirectory, FileName(name, version));
        try
        {
            if (fileSystem.File.Exists(path) && string.Equals(Read(fileSystem, path), project, StringComparison.Ordinal))
            {
                fileSystem.File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Clean is best effort, like MSBuild's Delete task: a claim left behind only names this project.
        }
    }

    private static bool StillClaims(IFileSystem fileSystem, string holder, string claimPath) =>
        fileSystem.File.Exists(holder) && fileSystem.File.GetLastWriteTimeUtc(holder) <= fileSystem.File.GetLastWriteTimeUtc(claimPath);

    private static string? Read(IFileSystem fileSystem, string path)
    {
        using var stream = fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new byte[MaxClaimBytes];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var text = Encoding.UTF8.GetString(buffer, 0, length).Trim();
        return text.Length == 0 ? null : text;
    }
}
