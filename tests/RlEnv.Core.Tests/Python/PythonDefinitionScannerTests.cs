using RlEnv.Core.Python;

namespace RlEnv.Core.Tests.Python;

public class PythonDefinitionScannerTests
{
    private static IReadOnlyList<PythonFunction> Functions(string source) => PythonModuleScanner.Scan(source).Functions;

    [Fact]
    public void Decorated_functions_with_arguments_and_async_are_found_with_their_decorators_as_written()
    {
        var source = "from rnow import reward, tool\n\n@reward\ndef accuracy(args, messages):\n    pass\n\n@reward(sandbox=True, timeout=30)\nasync def code_runs(args, messages):\n    pass\n\n@rnow.tool(\n    sandbox = True,\n)\ndef execute_python(code: str) -> str:\n    pass\n\ndef plain(x): pass\n";

        var functions = Functions(source);

        Assert.Equal(
            [("accuracy", "reward", false, 4), ("code_runs", "reward", true, 8), ("execute_python", "rnow.tool", false, 14), ("plain", "", false, 17)],
            functions.Select(f => (f.Name, f.Decorators.Count > 0 ? f.Decorators[0].Name!.Dotted : string.Empty, f.IsAsync, f.Line)));
        Assert.True(functions[2].Decorators[0].Keywords["sandbox"] is PyNumber { Text: "True" });
    }

    [Fact]
    public void Defs_under_if_in_classes_and_in_other_defs_are_found_as_ast_walk_finds_them()
    {
        // rnow/core/reward.py:281 walks the whole tree; names in comments and docstrings still never count.
        var source = "\"\"\"\n@reward\ndef fake(): pass\n\"\"\"\n# @reward\n# def commented(): pass\nif True:\n    @reward\n    def guarded(args, messages):\n        return 1.0\nclass Holder:\n    @reward\n    def method(self, args, messages): pass\ndef outer():\n    def inner():\n        return 2\n    return inner\n";

        var functions = Functions(source);

        Assert.Equal(["guarded", "method", "outer", "inner"], functions.Select(f => f.Name));
        Assert.True(functions[0].IsModuleLevel);
        Assert.Equal([(true, "Holder")], functions[1].Scopes.Select(s => (s.IsClass, s.Name)));
        Assert.Equal(["Holder"], PythonModuleScanner.Scan(source).Classes.Select(c => c.Name));

        // ast.walk(outer) meets inner's return as well as its own.
        Assert.Equal([16, 17], functions[2].Returns.Select(r => r.Line));
        Assert.Equal([16], functions[3].Returns.Select(r => r.Line));
    }

    [Theory]
    [InlineData("def reward_func(prompts, completions, **kwargs): pass", "prompts,completions,**kwargs")]
    [InlineData("def reward_fn(completion, **kwargs): pass", "completion,**kwargs")]
    [InlineData("def f(a, b=(1, 2), *args, c: dict[str, int] = {}, **kw) -> list[float]: pass", "a,b,*args,c,**kw")]
    [InlineData("def f(a, /, b, *, c): pass", "a,b,c")]
    public void Parameters_are_read_with_their_star_prefixes(string source, string expected) =>
        Assert.Equal(expected, string.Join(',', Assert.Single(Functions(source + "\n")).Parameters.Select(p => p.Display)));

    [Fact]
    public void Parameter_kinds_annotations_defaults_and_the_return_annotation_are_read()
    {
        var function = Assert.Single(Functions("def f(a, b: int, /, c: 'RewardArgs' = None, *rest: str, d, e: list[dict] = [], **kw) -> str | None:\n    pass\n"));

        Assert.Equal(
            [
                ("a", PythonParameterKind.PositionalOnly, null, false),
                ("b", PythonParameterKind.PositionalOnly, "int", false),
                ("c", PythonParameterKind.Positional, "'RewardArgs'", true),
                ("rest", PythonParameterKind.VarPositional, "str", false),
                ("d", PythonParameterKind.KeywordOnly, null, false),
                ("e", PythonParameterKind.KeywordOnly, "list[dict]", true),
                ("kw", PythonParameterKind.VarKeyword, null, false),
            ],
            function.Parameters.Select(p => (p.Name, p.Kind, p.Annotation?.Text, p.HasDefault)));
        var union = Assert.IsType<PyUnion>(function.ReturnAnnotation);
        Assert.Equal(("str", "None"), (((PyName)union.Left).Dotted, union.Right.Text));
    }

    [Theory]
    [InlineData("def f():\n    \"\"\"Search the web.\"\"\"\n", "Search the web.")]
    [InlineData("def f(): 'one line'; return 1\n", "one line")]
    [InlineData("def f():\n    ('a' 'b')\n", "ab")]
    [InlineData("def f():\n    '''   '''\n", "   ")]
    [InlineData("def f():\n    f'''not {1} a docstring'''\n", null)]
    [InlineData("def f():\n    b'bytes'\n", null)]
    [InlineData("def f():\n    x = 'no'\n", null)]
    [InlineData("def f():\n    'a'.strip()\n", null)]
    public void The_docstring_is_the_first_statement_when_it_is_a_str_constant(string source, string? expected) =>
        Assert.Equal(expected, Assert.Single(Functions(source)).Docstring);

    [Theory]
    [InlineData("return 5", "PyNumber:5")]
    [InlineData("return -0.5", "PyNegation")]
    [InlineData("return (1e3)", "PyNumber:1000")]
    [InlineData("return 0x1F", "PyNumber:31")]
    [InlineData("return True", "PyNumber:1")]
    [InlineData("return 2 if ok else -1", "PyConditional")]
    [InlineData("return -2 ** 2", "PyNegation")]
    [InlineData("return 1 + 1", "PyOther")]
    [InlineData("return 1, 2", "PyOther")]
    [InlineData("return 3j", "PyOther")]
    [InlineData("return lambda: 5", "PyOther")]
    [InlineData("return", "null")]
    public void Returned_values_keep_the_shape_python_parses(string statement, string expected)
    {
        var value = Assert.Single(Assert.Single(Functions($"def f(ok):\n    {statement}\n")).Returns).Value;

        Assert.Equal(expected, value switch
        {
            null => "null",
            PyNumber number => $"PyNumber:{number.Value}",
            _ => value.GetType().Name,
        });
    }

    [Fact]
    public void A_negated_power_is_not_a_negated_constant()
    {
        // -2 ** 2 is -(2 ** 2): the operand is a BinOp, so rnow's get_numeric_value gives None.
        var value = Assert.IsType<PyNegation>(Assert.Single(Assert.Single(Functions("def f():\n    return -2 ** 2\n")).Returns).Value);

        Assert.IsType<PyOther>(value.Operand);
    }

    [Fact]
    public void Hostile_nesting_in_returns_annotations_and_defs_is_read_without_overflowing_the_stack()
    {
        const int Deep = 100_000;
        var parens = "def f(x: " + new string('[', Deep) + new string(']', Deep) + ") -> int:\n    return " + new string('(', Deep) + "1" + new string(')', Deep) + " if a else " + string.Concat(Enumerable.Repeat("b if c else ", 5_000)) + "d\n";
        var defs = string.Concat(Enumerable.Range(0, 2_000).Select(i => new string(' ', i) + "def f" + i + "():\n")) + new string(' ', 2_000) + "return 1\n";

        var function = Assert.Single(Functions(parens));
        Assert.IsType<PyConditional>(Assert.Single(function.Returns).Value);

        // CPython stops at 100 levels of indentation; past them defs are found but are no longer scopes.
        var nested = Functions(defs);
        Assert.Equal(2_000, nested.Count);
        Assert.Equal(PythonDefinitionScanner.MaxScopes, nested.Max(f => f.Scopes.Count));
    }
}
