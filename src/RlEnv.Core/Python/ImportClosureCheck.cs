using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Rules;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Python;

/// <summary>
/// Requires the platform's entry point (Freesolo: environment.py with a module-level load_environment), and warns when
/// a packed Python file imports a module that exists in the folder but is not packed: the failure found only on the
/// GPU worker. The files come from the analysis's <see cref="PythonSources"/>, read once.
/// </summary>
public sealed class ImportClosureCheck(IFileSystem fileSystem, string root, PythonSources sources)
{
    /// <summary>Freesolo needs environment.py with load_environment; other platforms have no entry point.</summary>
    public bool RequireEntryPoint { get; init; } = true;

    /// <summary>CPython's verdict: a file it refused has its exact error (RLENV1010), so the tokenizer's is not repeated.</summary>
    public PythonSyntaxReport Syntax { get; init; } = PythonSyntaxReport.NothingToCheck;

    public void Run(IReadOnlyList<Decision> decisions, DiagnosticBag diagnostics)
    {
        var byPath = decisions.ToDictionary(d => d.Path, StringComparer.Ordinal);
        var packed = decisions.Where(d => d.Included && d.Entry.Kind == EntryKind.File).Select(d => d.Path).ToHashSet(StringComparer.Ordinal);

        if (RequireEntryPoint && (!byPath.TryGetValue(FreesoloPackageShape.EntryPointName, out var entry) || !entry.Included || entry.Entry.Kind != EntryKind.File))
        {
            var why = byPath.TryGetValue(FreesoloPackageShape.EntryPointName, out var found) ? $"it is left out ({found.Reason})" : "there is none at the environment's root";
            diagnostics.Add(DiagnosticCatalog.EntryPointNotPacked(FreesoloPackageShape.EntryPointName, why));
        }

        foreach (var decision in decisions.Where(d => d.Included && IsScannedPython(d)))
        {
            var info = ScanFile(decision, diagnostics);
            if (info is null)
            {
                continue;
            }

            if (RequireEntryPoint && decision.Reason == Reasons.EntryPoint && FreesoloEntryPoint.CheckLoadEnvironment(decision.Path, info) is { } finding)
            {
                diagnostics.Add(finding);
            }

            CheckImports(decision.Path, info, packed, byPath, diagnostics);
        }
    }

    private static bool IsScannedPython(Decision d) =>
        d.Entry.Kind == EntryKind.File && d.Reason is Reasons.EntryPoint or Reasons.PythonHelper or Reasons.Tree or Reasons.UploadSet or Reasons.ImportClosure
        && d.Path.EndsWith(".py", StringComparison.Ordinal);

    private PythonModuleInfo? ScanFile(Decision decision, DiagnosticBag diagnostics)
    {
        var entryPoint = decision.Reason == Reasons.EntryPoint;

        // Only what the walk saw as a regular file, and at most 16 MiB (RLENV1608 past it).
        var source = sources.Get(decision.Entry);
        if (source.Read.Problem(decision.Entry, WalkedFileReader.MaxBytes, pythonHelper: !entryPoint) is { } unread)
        {
            diagnostics.Add(unread);
            return null;
        }

        if (source.Module is { } info)
        {
            // Literal import_module/__import__ calls need their module packed as much as an import statement does.
            return info with { Imports = [.. info.Imports, .. source.DynamicImports] };
        }

        // A file CPython refused has its exact error (RLENV1010); the tokenizer's or the decoder's is not repeated.
        if (source.Bytes is null || Syntax.Refuses(decision.Path))
        {
            return null;
        }

        if (source.DecodeProblem is { } problem)
        {
            // A codec CPython has and .NET lacks: CPython's acceptance stands, only the imports go unseen.
            if (!Syntax.Accepts(decision.Path))
            {
                diagnostics.Add(DiagnosticCatalog.PythonFileNotDecodable(decision.Path, problem, entryPoint));
            }
        }
        else if (source.TokenizeError is { } e)
        {
            diagnostics.Add(DiagnosticCatalog.PythonFileNotTokenizable(decision.Path, e.Message, entryPoint, e.Line, e.Column));
        }

        return null;
    }

    private void CheckImports(string importer, PythonModuleInfo info, HashSet<string> packed, Dictionary<string, Decision> byPath, DiagnosticBag diagnostics)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var import in info.Imports)
        {
            var missing = Requirements(importer, import)
                .Where(r => !(r.IsDirectory ? packed.Any(p => p.StartsWith(r.Path + "/", StringComparison.Ordinal)) : packed.Contains(r.Path)))
                .Select(r => r.IsDirectory ? r.Path + "/" : r.Path)
                .ToList();

            // A namespace package folder is named only when nothing more precise inside it is.
            missing.RemoveAll(m => m.EndsWith('/') && missing.Any(other => other != m && other.StartsWith(m, StringComparison.Ordinal)));
            missing.RemoveAll(m => !reported.Add(m));
            if (missing.Count == 0)
            {
                continue;
            }

            var module = new string('.', import.Level) + import.Module;
            var what = string.Join(", ", missing.Select(m => $"{m} ({ReasonFor(m.TrimEnd('/'), byPath)})"));
            diagnostics.Add(DiagnosticCatalog.ImportedModuleLeftOut(importer, module.Length == 0 ? string.Join(", ", import.Names) : module, what,
                import.Line, import.Column));
        }
    }

    /// <summary>The files and package folders that an import needs, as far as they exist in the environment.</summary>
    private IEnumerable<(string Path, bool IsDirectory)> Requirements(string importer, PythonImport import)
    {
        var baseDir = string.Empty;
        if (import.Level > 0)
        {
            var parts = importer.Split('/').SkipLast(1).ToList();
            if (import.Level - 1 > parts.Count)
            {
                yield break;
            }

            baseDir = string.Join('/', parts.Take(parts.Count - (import.Level - 1)));
        }

        var current = baseDir;
        foreach (var segment in import.Module.Length == 0 ? [] : import.Module.Split('.'))
        {
            var resolved = ResolveSegment(current, segment);
            if (resolved is null)
            {
                yield break;
            }

            yield return resolved.Value;
            if (!resolved.Value.IsDirectory && !resolved.Value.Path.EndsWith("/__init__.py", StringComparison.Ordinal))
            {
                // A module file: what follows are its attributes, not files.
                yield break;
            }

            current = Join(current, segment);
        }

        foreach (var name in import.Names.Where(n => n != "*"))
        {
            if (ResolveSegment(current, name) is { } submodule)
            {
                yield return submodule;
            }
        }
    }

    /// <summary>Python's order: a package with __init__.py, then a module file, then a bare (namespace) folder.</summary>
    private (string Path, bool IsDirectory)? ResolveSegment(string directory, string segment)
    {
        var package = Join(directory, segment);
        var isFolder = fileSystem.Directory.Exists(Full(package));
        var init = package + "/__init__.py";
        if (isFolder && fileSystem.File.Exists(Full(init)))
        {
            return (init, false);
        }

        var file = Join(directory, segment + ".py");
        if (fileSystem.File.Exists(Full(file)))
        {
            return (file, false);
        }

        return isFolder ? (package, true) : null;
    }

    private static string ReasonFor(string path, Dictionary<string, Decision> byPath)
    {
        for (var p = path; p.Length > 0; p = p.Contains('/', StringComparison.Ordinal) ? p[..p.LastIndexOf('/')] : string.Empty)
        {
            if (byPath.TryGetValue(p, out var decision) && !decision.Included)
            {
                return p == path ? $"left out: {decision.Reason}" : $"{p}/ is left out: {decision.Reason}";
            }
        }

        return $"left out: {Reasons.NotInUploadSet}";
    }

    private static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    private string Full(string relative) => fileSystem.Path.Combine(root, relative.Replace('/', fileSystem.Path.DirectorySeparatorChar));
}
