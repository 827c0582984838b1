using System.IO.Abstractions;
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
/// <item>Files that do not tokenize or cannot be decoded (CPython's rule, <see cref="PythonSourceEncoding"/>) still
/// ship, but their imports are not followed.</item>
/// </list>
/// </summary>
public sealed class ImportClosure
{
    public static readonly ImportClosure Empty = new(new HashSet<string>(StringComparer.Ordinal));

    private const string EvaluationsName = "evaluations.py";

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
    /// <param name="sources">The analysis's .py files, so each is read once; null reads into a set of its own.</param>
    public static ImportClosure Compute(IFileSystem fileSystem, IFileTypeProbe probe, string root, PythonSources? sources = null)
    {
        sources ??= new PythonSources(fileSystem);
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
                pending.AddRange(ImportedNames(sources.Get(entry), relativeNamesAreSiblings: true));
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
                AddPackage(sources, walker, package!, files, pending, scratch);
                continue;
            }

            if (moduleIsFile && !FreesoloIgnoreRules.IsEntryPoint(module!) && Ships(module!, walker) && files.Add(module!.Path))
            {
                pending.AddRange(ImportedNames(sources.Get(module), relativeNamesAreSiblings: true));
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
        var tokens = PythonTokenizer.Tokenize(source);
        return ImportedNames(PythonModuleScanner.Scan(tokens).Imports, DynamicImportScanner.Find(tokens), relativeNamesAreSiblings);
    }

    private static HashSet<string> ImportedNames(IReadOnlyList<PythonImport> imports, IReadOnlyList<PythonImport> dynamicImports, bool relativeNamesAreSiblings)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var import in imports)
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

        foreach (var dynamic in dynamicImports)
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
    private static void AddPackage(PythonSources sources, EnvironmentWalker walker, WalkEntry package, HashSet<string> files, List<string> pending, DiagnosticBag scratch)
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
                    pending.AddRange(ImportedNames(sources.Get(child), relativeNamesAreSiblings: false));
                }
            }
        }
    }

    /// <summary>
    /// What a file the closure reaches imports; nothing when it cannot be read or tokenized, or when its bytes are not
    /// UTF-8: Flash parses <c>read_text(encoding="utf-8")</c> and gives up on a UnicodeDecodeError, whatever a coding
    /// declaration says (imports.py 163-166, 298-301). Validity is all that is asked of UTF-8 here; the text is the one
    /// CPython's rule gives, which is the same text for every file Flash follows but a few non-ASCII characters.
    /// </summary>
    private static HashSet<string> ImportedNames(PythonSource file, bool relativeNamesAreSiblings) =>
        file.Module is { } module && (file.Encoding == PythonSourceEncoding.Utf8 || System.Text.Unicode.Utf8.IsValid(file.Bytes))
            ? ImportedNames(module.Imports, file.DynamicImports, relativeNamesAreSiblings)
            : [];
}
