using System.IO.Abstractions;
using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Python;

/// <summary>
/// The files Flash's import closure ships (flash/cli/commands/env/imports.py, <c>_iter_import_closure</c>): the local
/// modules and packages that environment.py and evaluations.py import, and what those import in turn.
/// <list type="bullet">
/// <item>Imports are <c>import</c>/<c>from</c> statements anywhere in a file (inside functions and try blocks too),
/// level-1 relative imports in root files only, and literal dynamic imports (<see cref="DynamicImportScanner"/>);
/// only the first segment of a name counts.</item>
/// <item>A name resolves at the environment root only: a package folder with <c>__init__.py</c> beats
/// <c>name.py</c>, which beats a bare namespace folder. A package ships whole (every file Flash's ignore rules
/// keep, of any extension); a linked folder or module is never one.</item>
/// <item>Files that do not tokenize or are not UTF-8 still ship, but their imports are not followed.</item>
/// </list>
/// </summary>
public sealed class ImportClosure
{
    public static readonly ImportClosure Empty = new(new HashSet<string>(StringComparer.Ordinal));

    private const string EvaluationsName = "evaluations.py";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);

    private ImportClosure(HashSet<string> files)
    {
        Files = files;
        foreach (var file in files)
        {
            for (var slash = file.LastIndexOf('/'); slash > 0; slash = file.LastIndexOf('/', slash - 1))
            {
                if (!_folders.Add(file[..slash]))
                {
                    break;
                }
            }
        }
    }

    /// <summary>The files the closure ships, relative to the root, '/'-separated.</summary>
    public IReadOnlySet<string> Files { get; }

    /// <summary>Whether the path is a shipped file or a folder holding one.</summary>
    /// <param name="path">Relative, '/'-separated.</param>
    public bool Contains(string path) => Files.Contains(path) || _folders.Contains(path);

    /// <summary>The closure of environment.py and evaluations.py at <paramref name="root"/>.</summary>
    /// <param name="fileSystem">The file system to read.</param>
    /// <param name="probe">Tells special files from regular ones; nothing else is ever opened.</param>
    /// <param name="root">The environment root, a full path.</param>
    public static ImportClosure Compute(IFileSystem fileSystem, IFileTypeProbe probe, string root)
    {
        var walker = new EnvironmentWalker(fileSystem, probe);

        // Problems reading are reported where the walk and the import check meet the same files, not twice.
        var scratch = new DiagnosticBag();
        var atRoot = new Dictionary<string, WalkEntry>(StringComparer.Ordinal);
        foreach (var entry in walker.DescribeChildren(root, string.Empty, scratch))
        {
            // Names that are not UTF-8 all decode alike (U+FFFD) and name no file: never a module.
            if (!entry.Name.Contains('\uFFFD', StringComparison.Ordinal))
            {
                atRoot.TryAdd(entry.Name, entry);
            }
        }

        var files = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<string>();
        foreach (var seed in new[] { FreesoloIgnoreRules.EntryPointName, EvaluationsName })
        {
            if (atRoot.TryGetValue(seed, out var entry) && Ships(entry, walker))
            {
                pending.AddRange(ImportedNames(fileSystem, entry, relativeNamesAreSiblings: true));
            }
        }

        pending.Sort(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var name = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            if (!visited.Add(name))
            {
                continue;
            }

            var package = atRoot.GetValueOrDefault(name);
            var module = atRoot.GetValueOrDefault(name + ".py");
            var moduleIsFile = module is not null && walker.IsRegularFile(module.FullPath);
            var shipsPackage = package is { Kind: EntryKind.Directory }
                && (walker.IsRegularFile(fileSystem.Path.Combine(package.FullPath, "__init__.py")) || !moduleIsFile);
            if (shipsPackage && Ships(package!, walker))
            {
                AddPackage(fileSystem, walker, package!, files, pending, scratch);
                continue;
            }

            if (moduleIsFile && !FreesoloIgnoreRules.IsEntryPoint(module!) && Ships(module!, walker) && files.Add(module!.Path))
            {
                pending.AddRange(ImportedNames(fileSystem, module, relativeNamesAreSiblings: true));
            }
        }

        return new ImportClosure(files);
    }

    /// <summary>
    /// The top-level names a Python file imports (Flash's <c>_imported_module_names</c>): the first segment of every
    /// absolute import and literal dynamic import, and for a root file the siblings its level-1 relative imports name.
    /// </summary>
    /// <param name="source">The file's text.</param>
    /// <param name="relativeNamesAreSiblings">Whether the file is at the root, where `from . import x` names x.</param>
    public static IReadOnlySet<string> ImportedNames(string source, bool relativeNamesAreSiblings)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var import in PythonModuleScanner.Scan(source).Imports)
        {
            if (import.Level == 0 || (import.Level == 1 && relativeNamesAreSiblings && import.Module.Length > 0))
            {
                names.Add(FirstSegment(import.Module));
            }
            else if (import.Level == 1 && relativeNamesAreSiblings)
            {
                names.UnionWith(import.Names.Where(n => n != "*").Select(FirstSegment));
            }
        }

        foreach (var dynamic in DynamicImportScanner.Find(PythonTokenizer.Tokenize(source)))
        {
            names.Add(FirstSegment(dynamic.Module));
        }

        names.Remove(string.Empty);
        return names;
    }

    private static string FirstSegment(string module) => module.Split('.', 2)[0];

    /// <summary>Whether Flash's ignore rules keep the path.</summary>
    private static bool Ships(WalkEntry entry, EnvironmentWalker walker) =>
        FreesoloIgnoreRules.IgnoreReason(entry, () => walker.IsVirtualenv(entry.FullPath)) is null;

    /// <summary>Every file the ignore rules keep under the package, whatever its extension; its .py files' imports are followed.</summary>
    private static void AddPackage(IFileSystem fileSystem, EnvironmentWalker walker, WalkEntry package, HashSet<string> files, List<string> pending, DiagnosticBag scratch)
    {
        var folders = new Stack<WalkEntry>();
        folders.Push(package);
        while (folders.Count > 0)
        {
            var folder = folders.Pop();
            foreach (var child in walker.DescribeChildren(folder.FullPath, folder.Path + "/", scratch))
            {
                if (!Ships(child, walker))
                {
                    continue;
                }

                if (child.Kind == EntryKind.Directory)
                {
                    folders.Push(child);
                }
                else if (child.Kind == EntryKind.File && files.Add(child.Path) && FreesoloNames.Suffix(child.Name) == ".py")
                {
                    // A package's own relative imports need nothing more: the package ships whole.
                    pending.AddRange(ImportedNames(fileSystem, child, relativeNamesAreSiblings: false));
                }
            }
        }
    }

    private static IReadOnlySet<string> ImportedNames(IFileSystem fileSystem, WalkEntry file, bool relativeNamesAreSiblings)
    {
        try
        {
            if (WalkedFileReader.ReadBytes(fileSystem, file, new DiagnosticBag(), pythonHelper: true) is not { } bytes)
            {
                return new HashSet<string>();
            }

            return ImportedNames(StrictUtf8.GetString(bytes), relativeNamesAreSiblings);
        }
        catch (Exception e) when (e is PythonSyntaxException or DecoderFallbackException)
        {
            return new HashSet<string>();
        }
    }
}
