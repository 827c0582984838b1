using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Python;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Tests.Platforms.Freesolo;

/// <summary>
/// Random real trees built from trap names (dot-names, secret patterns, virtualenvs whose pyvenv.cfg is a regular file,
/// a FIFO, a dangling link or a link, root-only names, case and Unicode variants with the Kelvin sign, links, FIFOs,
/// helper packages imported or not), checked against an oracle of Flash's <c>_ignore_env_push_path</c> written here
/// from the model of the tree, independently of RlEnv's rules:
/// flash-tree ships exactly what <c>flash env push DIR</c> ships; freesolo ⊆ flash-tree ∪ closure and ships the closure;
/// nothing Flash ignores is ever packed; every imported local module is packed or warned (RLENV1003).
/// </summary>
public class FreesoloSelectionPropertyTests
{
    private enum Kind
    {
        File,
        Fifo,
        LinkToFile,
        LinkToDirectory,
        DanglingLink,
        EmptyDirectory,
        Directory,
    }

    private sealed class Node(string name, Kind kind)
    {
        public string Name { get; } = name;

        public Kind Kind { get; set; } = kind;

        public string Content { get; set; } = "x";

        public List<string> Imports { get; } = [];

        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);
    }

    private sealed record Spec(string[] Segments, Kind Kind, int[] Imports, int Form);

    private static readonly string[] RootNames =
    [
        "helper.py", "judge.py", "graders.py", "graders", "utils", "pkg", "credentials_store", "dataset", "datasets", "configs", "secrets",
        "credentials", "venv", ".venv", "node_modules", "__pycache__", "source", "Source", "pyproject.toml", "PYPROJECT.TOML",
        "Environment.py", "ENVIRONMENT.PY", "environment.PY", "evaluations.py", ".env", ".env.local", ".hidden", ".prime", ".git", ".github",
        ".notes.md", ".local.py", "credentials.json", "Credentials.YAML", "credentials.py", "id_rsa", "id_rsa.pub", "\u0130d_rsa", "ID_RSA",
        "server.pem", "tls.KEY", "x.\u212Aey", "\u212Aeys", "prod.env", "cert.p12", "\u017Fecrets", "\uFF33\uFF25\uFF23\uFF32\uFF25\uFF34\uFF33",
        "credent\u0131als.json", "data.jsonl", "notes.md", "model.bin", "rl.toml", "readme.md", "trailing.", "key.PY", "stubs.pyi", "tools",
    ];

    private static readonly string[] NestedNames =
    [
        "__init__.py", "rules.py", "deep.py", "pyvenv.cfg", "pyvenv.cfg", "train.jsonl", ".hidden.jsonl", "secrets", "credentials", "api.key",
        "Credentials.YAML", "id_ed25519", "id_ed25519_loader.py", "sub", "nested", "source", "pyproject.toml", "x.\u212Aey", "data.bin", ".git",
        "environment.py", "Environment.py", "venv", "node_modules", "SECRETS", "cfg.env", "keys.txt",
    ];

    private static readonly string[] Modules =
    [
        "helper", "judge", "graders", "utils", "pkg", "credentials_store", "dataset", "configs", "secrets", "venv", "source", "Environment",
        "evaluations", "tools", "missing_mod",
    ];

    private static readonly string[] IgnoredNames =
    [
        ".prime", ".git", ".github", "__pycache__", ".venv", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".idea", ".vscode", ".ds_store",
        ".git-worktrees", ".env", ".netrc", ".aws", ".ssh", "venv", "node_modules", "credentials", "secrets",
    ];

    private static readonly Regex[] SecretPatterns =
        [.. new[] { ".env.*", "*.env", "*.pem", "*.key", "*.pfx", "*.p12", "credentials*", "id_rsa*", "id_dsa*", "id_ecdsa*", "id_ed25519*" }
            .Select(p => new Regex("^" + Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant))];

    private static Gen<Kind> KindGen => Gen.Int[0, 99].Select(n => n switch
    {
        < 60 => Kind.File,
        < 68 => Kind.Fifo,
        < 76 => Kind.LinkToFile,
        < 82 => Kind.LinkToDirectory,
        < 90 => Kind.DanglingLink,
        _ => Kind.EmptyDirectory,
    });

    private static Gen<Spec> SpecGen =>
        Gen.Select(Gen.Int[0, RootNames.Length - 1], Gen.Int[0, NestedNames.Length - 1].Array[0, 2], KindGen, Gen.Int[0, Modules.Length - 1].Array[0, 3], Gen.Int[0, 5],
            (root, nested, kind, imports, form) => new Spec([RootNames[root], .. nested.Select(n => NestedNames[n])], kind, imports, form));

    private static Gen<(Spec[] Specs, int[] EntryImports, int EntryForm)> TreeGen =>
        Gen.Select(SpecGen.Array[1, 25], Gen.Int[0, Modules.Length - 1].Array[0, 5], Gen.Int[0, 5]);

    [Fact]
    public void Random_trap_trees_keep_every_invariant() =>
        TreeGen.Sample(t => Check(t.Specs, t.EntryImports, t.EntryForm), iter: 150, threads: 1,
            print: t => string.Join("; ", t.Specs.Select(s => string.Join('/', s.Segments) + ":" + s.Kind + "[" + string.Join(',', s.Imports.Select(i => Modules[i])) + "]"))
                + " | entry imports " + string.Join(',', t.EntryImports.Select(i => Modules[i])));

    [Fact]
    public void The_oracles_lowercase_is_pythons_for_the_trap_names()
    {
        // Python: 'x.\u212aey'.lower() == 'x.key', '\u0130d'.lower() == 'i\u0307d', '\u017f'.lower() == '\u017f'.
        Assert.Equal("x.key", PythonLower("x.\u212Aey"));
        Assert.Equal("i\u0307d_rsa", PythonLower("\u0130d_RSA"));
        Assert.Equal("\u017Fecrets", PythonLower("\u017Fecrets"));
        Assert.Equal("\uFF53\uFF45", PythonLower("\uFF33\uFF25"));
    }

    private static void Check(Spec[] specs, int[] entryImports, int entryForm)
    {
        var root = new Node(string.Empty, Kind.Directory);
        var entry = new Node("environment.py", Kind.File);
        entry.Imports.AddRange(entryImports.Select(i => Modules[i]));
        entry.Content = Python(entry.Imports, entryForm) + "def load_environment(**k):\n    return None\n";
        root.Children.Add(entry.Name, entry);
        foreach (var spec in specs)
        {
            Insert(root, spec);
        }

        using var env = new RealEnvironment(withEntryPoint: false);
        Build(root, env.Root, env.Outside);
        var fs = new System.IO.Abstractions.FileSystem();
        var (freesolo, freesoloDiagnostics) = Analysis.Run(fs, env.Root, RuleSet.Freesolo);
        var (flashTree, flashTreeDiagnostics) = Analysis.Run(fs, env.Root, RuleSet.FlashTree);
        var closure = ImportClosure.Compute(fs, StatxFileTypeProbe.Instance, env.Root).Files;

        var freesoloFiles = Files(freesolo);
        var flashTreeFiles = Files(flashTree);
        var flashShips = new SortedSet<string>(StringComparer.Ordinal);
        CollectFlashShips(root, string.Empty, flashShips);

        Assert.Equal(flashShips, flashTreeFiles);
        Assert.Subset(flashTreeFiles.Union(closure).ToHashSet(StringComparer.Ordinal), freesoloFiles.ToHashSet(StringComparer.Ordinal));
        Assert.Subset(freesoloFiles.ToHashSet(StringComparer.Ordinal), closure.ToHashSet(StringComparer.Ordinal));
        foreach (var (plan, diagnostics) in new[] { (freesolo, freesoloDiagnostics), (flashTree, flashTreeDiagnostics) })
        {
            foreach (var member in plan.Members)
            {
                Assert.True(IsShippable(root, member.Path), $"{plan.Rules}: '{member.Path}' is packed, but Flash ignores it or it is not a regular file or folder");
            }

            CheckImportsPackedOrWarned(root, plan, diagnostics);
        }
    }

    private static SortedSet<string> Files(EnvironmentPlan plan) =>
        new(plan.Members.Where(m => m.Entry.Kind == EntryKind.File).Select(m => m.Path), StringComparer.Ordinal);

    private static void Insert(Node root, Spec spec)
    {
        var parent = root;
        for (var i = 0; i < spec.Segments.Length - 1; i++)
        {
            if (!parent.Children.TryGetValue(spec.Segments[i], out var next))
            {
                next = new Node(spec.Segments[i], Kind.Directory);
                parent.Children.Add(next.Name, next);
            }
            else if (next.Kind == Kind.EmptyDirectory)
            {
                next.Kind = Kind.Directory;
            }

            if (next.Kind != Kind.Directory)
            {
                return;
            }

            parent = next;
        }

        var name = spec.Segments[^1];
        if (parent.Children.ContainsKey(name))
        {
            return;
        }

        var leaf = new Node(name, spec.Kind);
        if (spec.Kind == Kind.File && name.EndsWith(".py", StringComparison.Ordinal) && spec.Segments[0] != "dataset")
        {
            leaf.Imports.AddRange(spec.Imports.Select(i => Modules[i]));
            leaf.Content = Python(leaf.Imports, spec.Form);
        }

        parent.Children.Add(name, leaf);
    }

    /// <summary>The module names, imported in one of the forms Flash follows.</summary>
    private static string Python(List<string> modules, int form)
    {
        var source = new StringBuilder("import importlib\nfrom importlib import import_module as load\npick = load\n");
        for (var i = 0; i < modules.Count; i++)
        {
            var module = modules[i];
            source.Append(((form + i) % 6) switch
            {
                0 => $"import {module}\n",
                1 => $"from {module} import thing\n",
                2 => $"importlib.import_module('{module}')\n",
                3 => $"pick(\"{module}\")\n",
                4 => $"def lazy():\n    try:\n        import {module}\n    except ImportError:\n        pass\n",
                _ => $"__import__(name='{module}')\n",
            });
        }

        return source.ToString();
    }

    private static void Build(Node node, string path, string outside)
    {
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "outside.txt"), "outside");
        var fifos = new List<string>();
        BuildChildren(node, path, outside, fifos);
        if (fifos.Count > 0)
        {
            TempDirectory.Shell("mkfifo " + string.Join(' ', fifos.Select(f => "'" + f.Replace("'", "'\\''", StringComparison.Ordinal) + "'")));
        }
    }

    private static void BuildChildren(Node node, string path, string outside, List<string> fifos)
    {
        Directory.CreateDirectory(path);
        foreach (var child in node.Children.Values)
        {
            var full = Path.Combine(path, child.Name);
            switch (child.Kind)
            {
                case Kind.File:
                    File.WriteAllText(full, child.Content);
                    break;
                case Kind.Fifo:
                    fifos.Add(full);
                    break;
                case Kind.LinkToFile:
                    File.CreateSymbolicLink(full, Path.Combine(outside, "outside.txt"));
                    break;
                case Kind.LinkToDirectory:
                    Directory.CreateSymbolicLink(full, outside);
                    break;
                case Kind.DanglingLink:
                    File.CreateSymbolicLink(full, Path.Combine(outside, "missing"));
                    break;
                default:
                    BuildChildren(child, full, outside, fifos);
                    break;
            }
        }
    }

    /// <summary>Every regular file <c>flash env push DIR</c> ships: walked from the root, ignored paths pruned.</summary>
    private static void CollectFlashShips(Node folder, string prefix, SortedSet<string> ships)
    {
        foreach (var child in folder.Children.Values)
        {
            var path = prefix + child.Name;
            if (FlashIgnores(child, atRoot: prefix.Length == 0))
            {
                continue;
            }

            if (child.Kind == Kind.File)
            {
                ships.Add(path);
            }
            else if (child.Kind is Kind.Directory or Kind.EmptyDirectory)
            {
                CollectFlashShips(child, path + "/", ships);
            }
        }
    }

    /// <summary>
    /// The oracle: Flash's <c>_ignore_env_push_path</c> (push.py) over the model, with Python's <c>str.lower()</c> (per
    /// character, U+0130 to two characters) and <c>fnmatchcase</c> as regular expressions.
    /// </summary>
    private static bool FlashIgnores(Node node, bool atRoot)
    {
        if (node.Kind is Kind.LinkToFile or Kind.LinkToDirectory or Kind.DanglingLink)
        {
            return true;
        }

        var isDirectory = node.Kind is Kind.Directory or Kind.EmptyDirectory;
        if (isDirectory && node.Children.TryGetValue("pyvenv.cfg", out var marker) && marker.Kind is Kind.File or Kind.LinkToFile)
        {
            return true;
        }

        var lowered = PythonLower(node.Name);
        if ((atRoot && lowered == "environment.py") || lowered.StartsWith('.') || IgnoredNames.Contains(lowered) || (atRoot && lowered is "pyproject.toml" or "source"))
        {
            // The canonical entry point is shipped by its own rule.
            return !(atRoot && node.Name == "environment.py" && node.Kind == Kind.File);
        }

        var dot = node.Name.LastIndexOf('.');
        var suffix = dot > 0 && dot < node.Name.Length - 1 ? PythonLower(node.Name[dot..]) : string.Empty;
        if (node.Kind == Kind.File && suffix is not (".py" or ".pyi") && SecretPatterns.Any(p => p.IsMatch(lowered)))
        {
            return true;
        }

        return !(isDirectory || node.Kind == Kind.File);
    }

    private static string PythonLower(string name) =>
        string.Concat(name.Select(c => c == '\u0130' ? "i\u0307" : char.ToLowerInvariant(c).ToString()));

    /// <summary>Whether every segment of the path is a file or folder Flash does not ignore.</summary>
    private static bool IsShippable(Node root, string path)
    {
        var node = root;
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!node.Children.TryGetValue(segments[i], out var child) || FlashIgnores(child, atRoot: i == 0)
                || child.Kind is not (Kind.File or Kind.Directory or Kind.EmptyDirectory) || (child.Kind == Kind.File && i < segments.Length - 1))
            {
                return false;
            }

            node = child;
        }

        return true;
    }

    private static void CheckImportsPackedOrWarned(Node root, EnvironmentPlan plan, IReadOnlyList<Diagnostic> diagnostics)
    {
        var packed = plan.Members.Where(m => m.Entry.Kind == EntryKind.File).Select(m => m.Path).ToList();
        foreach (var member in plan.Members.Where(m => m.Entry.Kind == EntryKind.File && m.Path.EndsWith(".py", StringComparison.Ordinal)))
        {
            if (Find(root, member.Path) is not { } file)
            {
                continue;
            }

            foreach (var module in file.Imports.Distinct(StringComparer.Ordinal))
            {
                var local = (root.Children.TryGetValue(module + ".py", out var m) && m.Kind is Kind.File or Kind.Fifo or Kind.LinkToFile)
                    || (root.Children.TryGetValue(module, out var d) && d.Kind is Kind.Directory or Kind.EmptyDirectory or Kind.LinkToDirectory);
                if (!local)
                {
                    continue;
                }

                var isPacked = packed.Contains(module + ".py") || packed.Any(p => p.StartsWith(module + "/", StringComparison.Ordinal));
                var warned = diagnostics.Any(x => x.Code == DiagnosticCatalog.ImportedModuleNotPacked.Code && x.File == member.Path
                    && x.Message.Contains($"'{module}", StringComparison.Ordinal));
                Assert.True(isPacked || warned, $"{plan.Rules}: {member.Path} imports '{module}', which is neither packed nor warned");
            }
        }
    }

    private static Node? Find(Node root, string path)
    {
        var node = root;
        foreach (var segment in path.Split('/'))
        {
            if (!node.Children.TryGetValue(segment, out var next))
            {
                return null;
            }

            node = next;
        }

        return node;
    }
}
