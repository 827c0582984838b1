using RlEnv.Core.Python;

namespace RlEnv.Core.Tests.Python;

/// <summary>The dynamic-import forms Flash's closure follows (flash/cli/commands/env/imports.py), read from tokens.</summary>
public class DynamicImportScannerTests
{
    private static List<string> Found(string source) =>
        [.. DynamicImportScanner.Find(PythonTokenizer.Tokenize(source)).Select(i => i.Module)];

    private static IReadOnlySet<string> Names(string source) => ImportClosure.ImportedNames(source, relativeNamesAreSiblings: true);

    [Fact]
    public void Literal_import_module_and_dunder_import_on_any_receiver() =>
        Assert.Equal(["judge", "rubric", "a.b", "c", "d", "e"],
            Found("importlib.import_module('judge')\n__import__(\"rubric\")\nil.import_module('a.b')\nbuiltins.__import__('c')\nself.import_module('d')\nimport_module('e')\n"));

    [Fact]
    public void Keyword_name_is_used_only_without_a_positional_argument() =>
        Assert.Equal(["kw", "pos", "kw2", "rubric"],
            Found("import_module(name='kw')\nimport_module('pos', name='other')\nimport_module(package='p', name='kw2')\n__import__(name='rubric')\n"));

    [Fact]
    public void Only_str_literals_name_a_module() =>
        Assert.Equal(["ab", "paren", "esc"],
            Found("import_module('a' 'b')\nimport_module(('paren'))\nimport_module('e\\x73c')\nimport_module(name)\nimport_module(f'j4')\n"
                + "import_module('j'+'5')\nimport_module(b'bytes')\nimport_module(*['sa'])\nimport_module(name=f'x')\nimport_module(x for x in y)\n"));

    [Fact]
    public void Relative_empty_and_path_like_names_are_skipped() =>
        Assert.Equal(["a"], Found("import_module('.rel', package='p')\nimport_module('')\nimport_module('sub/thing')\nimport_module('a..b')\n"));

    [Fact]
    public void A_def_or_class_named_import_module_is_not_a_call() =>
        Assert.Empty(Found("def import_module(name='judge'):\n    pass\nclass __import__(name='x'):\n    pass\n"));

    [Fact]
    public void From_importlib_alias_is_a_callee() // T:515
    {
        var callees = DynamicImportScanner.Callees(PythonTokenizer.Tokenize("from importlib import import_module as load\n"));

        Assert.Contains("load", callees);
        Assert.Equal(["judge"], Found("from importlib import import_module as load\ndef f():\n    return load('judge')\n"));
    }

    [Fact]
    public void Assignment_chains_resolve_in_any_order() => // T:595
        Assert.Equal(["judge", "rubric"],
            Found("import importlib\npick = load\nload = importlib.import_module\ngrab = __import__\ndef f():\n    pick('judge')\n    grab('rubric')\n"));

    [Fact]
    public void Annotated_multi_target_and_one_line_compound_bindings_count() =>
        Assert.Equal(["one", "two", "three", "four"],
            Found("im: Callable[..., Any] = importlib.import_module\na = b = x.__import__\nclass C: load = importlib.import_module\n"
                + "im('one')\nb('two')\nload('three')\nif True: late = a\nlate('four')\n"));

    [Fact]
    public void Binding_forms_flash_does_not_follow_are_not_callees()
    {
        var callees = DynamicImportScanner.Callees(PythonTokenizer.Tokenize(
            "t, u = importlib.import_module, 1\nv = getattr(importlib, 'import_module')\nw = a if c else importlib.import_module\n"
            + "x = lambda: importlib.import_module\ny = importlib.import_module('m')\nz += importlib.import_module\nq = not(i).import_module\n"));

        Assert.Equal(["__import__", "import_module"], callees.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unrelated_load_calls_are_not_imports() // T:542, T:693
    {
        Assert.Empty(Found("import json\njson.load('judge')\n"));
        Assert.Empty(Found("import os\nload = os.path.join\nload('judge')\n"));
    }

    [Fact]
    public void Scope_and_flow_are_ignored_as_flash_ignores_them() =>
        Assert.Equal(["x", "y"], Found("load = importlib.import_module\nload = json.load\nload('x')\ndef f(pick):\n    pick('y')\npick = load\n"));

    [Fact]
    public void A_300_link_reversed_chain_resolves() // T:634
    {
        var lines = Enumerable.Range(0, 300).Select(i => i == 299 ? "a299 = importlib.import_module" : $"a{i} = a{i + 1}");
        var callees = DynamicImportScanner.Callees(PythonTokenizer.Tokenize(string.Join('\n', lines) + "\na0('judge')\n"));

        Assert.All(Enumerable.Range(0, 300), i => Assert.Contains($"a{i}", callees));
    }

    [Fact]
    public void Deeply_nested_calls_are_read_in_linear_time()
    {
        const int Depth = 200_000;
        var source = string.Concat(Enumerable.Repeat("import_module(", Depth)) + "'x'" + new string(')', Depth) + "\n";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var found = Found(source);

        Assert.Equal(["x"], found);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Imported_names_keep_the_first_segment_and_relative_siblings_only_at_the_root()
    {
        const string Source = "import a.b.c, d as e\nfrom x.y import z\nfrom s import *\nfrom .u.v import w\nfrom . import p, q\nfrom .. import up\n"
            + "try:\n    from eval_guarded import score\nexcept ImportError:\n    pass\ndef f():\n    import eval_lazy\n    importlib.import_module('dyn.sub')\n";

        Assert.Equal(["a", "d", "dyn", "eval_guarded", "eval_lazy", "p", "q", "s", "u", "x"], Names(Source).Order(StringComparer.Ordinal));
        Assert.Equal(["a", "d", "dyn", "eval_guarded", "eval_lazy", "s", "x"],
            ImportClosure.ImportedNames(Source, relativeNamesAreSiblings: false).Order(StringComparer.Ordinal));
    }
}
