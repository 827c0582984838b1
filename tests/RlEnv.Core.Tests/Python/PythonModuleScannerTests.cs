using RlEnv.Core.Python;

namespace RlEnv.Core.Tests.Python;

public class PythonModuleScannerTests
{
    private static List<string> Modules(string source) =>
        [.. PythonModuleScanner.Scan(source).Imports.Select(i => new string('.', i.Level) + i.Module + (i.Names.Count > 0 ? ":" + string.Join(",", i.Names) : string.Empty))];

    [Fact]
    public void Plain_imports_with_aliases_and_lists() =>
        Assert.Equal(["a.b", "d", "e.f"], Modules("import a.b as c, d\nimport e.f\n"));

    [Fact]
    public void From_imports_relative_parenthesized_and_star() =>
        Assert.Equal([".:x", "..pkg.mod:a,b", "x:a,b", "m:*"],
            Modules("from . import x\nfrom ..pkg.mod import (a,\n    b as c,\n)\nfrom x import (a, b)\nfrom m import *\n"));

    [Fact]
    public void Imports_inside_comments_strings_and_docstrings_do_not_count()
    {
        var source = "\"\"\"Module doc.\nimport fake_one\n\"\"\"\n# import fake_two\ns = 'import fake_three'\nb = r\"\"\"\nfrom fake_four import x\n\"\"\"\nf = f\"{'import fake_five'}\"\nimport real\n";

        Assert.Equal(["real"], Modules(source));
    }

    [Fact]
    public void Backslash_continuation_joins_the_import_line() =>
        Assert.Equal(["a", "b.c"], Modules("import a, \\\n    b.c\n"));

    [Fact]
    public void Imports_after_semicolons_and_one_line_compound_statements_count() =>
        Assert.Equal(["os", "utils", "fallback"], Modules("import os; import utils\ntry: import fallback\nexcept ImportError: pass\n"));

    [Fact]
    public void Nested_imports_in_functions_count_but_do_not_bind_module_names()
    {
        var info = PythonModuleScanner.Scan("def f():\n    import late\n    from x import load_environment\n");

        Assert.Equal(["late", "x"], info.Imports.Select(i => i.Module));
        Assert.DoesNotContain("load_environment", info.TopLevelNames);
        Assert.Contains("f", info.TopLevelNames);
    }

    [Theory]
    [InlineData("def load_environment(**params):\n    pass\n")]
    [InlineData("async def load_environment(**params):\n    pass\n")]
    [InlineData("load_environment = make()\n")]
    [InlineData("load_environment: Callable = make()\n")]
    [InlineData("from .impl import load_environment\n")]
    [InlineData("from impl import make as load_environment\n")]
    [InlineData("class load_environment:\n    pass\n")]
    public void Module_level_bindings_of_load_environment_are_found(string source) =>
        Assert.Contains("load_environment", PythonModuleScanner.Scan(source).TopLevelNames);

    [Theory]
    [InlineData("# def load_environment(): pass\n")]
    [InlineData("\"\"\"def load_environment(): pass\"\"\"\n")]
    [InlineData("class Env:\n    def load_environment(self):\n        pass\n")]
    [InlineData("x = load_environment\n")]
    public void Mentions_that_are_not_module_level_bindings_are_not_found(string source) =>
        Assert.DoesNotContain("load_environment", PythonModuleScanner.Scan(source).TopLevelNames);

    [Fact]
    public void Fstrings_with_nested_quotes_format_specs_and_braces_tokenize()
    {
        var source = "x = f\"{d[\"k\"]!r:>{width}} {{literal}} {f'{1}'}\"\ny = f'''\n{a\n + b}'''\nimport after\n";

        Assert.Equal(["after"], Modules(source));
    }

    [Fact]
    public void Import_positions_are_one_based_lines_and_columns()
    {
        var import = Assert.Single(PythonModuleScanner.Scan("\n\nif True:\n    from utils import x\n").Imports);

        Assert.Equal((4, 5), (import.Line, import.Column));
    }

    [Theory]
    [InlineData("s = 'unterminated\n", 1, 5, "unterminated string literal")]
    [InlineData("x = 1\ns = \"\"\"never closed\n", 2, 5, "unterminated triple-quoted string literal")]
    [InlineData("call(1,\n  2\n", 1, 5, "'(' was never closed")]
    public void Syntax_that_Python_cannot_tokenize_reports_line_and_column(string source, int line, int column, string message)
    {
        var error = Assert.Throws<PythonSyntaxException>(() => PythonModuleScanner.Scan(source));

        Assert.Equal((line, column, message), (error.Line, error.Column, error.Message));
    }

    [Fact]
    public void Crlf_line_endings_and_a_bom_are_accepted() =>
        Assert.Equal(["a", "b"], Modules("\uFEFFimport a\r\nimport b\r\n"));
}
