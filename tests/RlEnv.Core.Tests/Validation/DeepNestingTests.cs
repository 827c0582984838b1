using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Validation;

/// <summary>100,000-deep inputs that used to overflow the stack (exit 134): each must end in a diagnostic at the file.</summary>
public class DeepNestingTests
{
    private const int Deep = 100_000;

    private static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();

    private static IReadOnlyList<Diagnostic> ValidateFreesolo(MockEnvironment env) =>
        new ValidateEngine(env.FileSystem).Validate(new PackRequest { EnvironmentDirectory = MockEnvironment.Root, OutputDirectory = "/out" }).Diagnostics;

    [Fact]
    public void Nested_f_strings_100k_deep_in_environment_py_are_a_tokenize_error_not_a_crash()
    {
        var source = new StringBuilder("x = ");
        source.Append(Repeat("f\"{", Deep)).Append('1').Append(Repeat("}\"", Deep)).Append("\ndef load_environment(**params):\n    return None\n");
        var env = new MockEnvironment(withEntryPoint: false).File("environment.py", source.ToString());

        var error = Assert.Single(ValidateFreesolo(env), d => d.Severity == Severity.Error);

        // CPython's own refusal (RLENV1010) replaces the tokenizer's (RLENV1006, "nest deeper than 200") for the same file.
        Assert.Equal((DiagnosticCatalog.PythonSyntaxInvalid.Code, "environment.py", 1), (error.Code, error.File, error.Line));
    }

    [Fact]
    public void F_strings_nested_200_deep_are_still_read()
    {
        var source = "x = " + Repeat("f\"{", 200) + "1" + Repeat("}\"", 200) + "\ndef load_environment(**params):\n    return None\n";
        var env = new MockEnvironment(withEntryPoint: false).File("environment.py", source);

        // The tokenizer reads it; CPython 3.11 refuses same-quote nesting (RLENV1010), which 3.12 (PEP 701) allows.
        Assert.DoesNotContain(ValidateFreesolo(env), d => d.Severity == Severity.Error && d.Code != DiagnosticCatalog.PythonSyntaxInvalid.Code);
    }

    [Fact]
    public void Brackets_100k_deep_in_environment_py_do_not_crash_the_scanner()
    {
        var source = "x = " + Repeat("(", Deep) + "1" + Repeat(")", Deep) + "\ndef load_environment(**params):\n    return None\n";
        var env = new MockEnvironment(withEntryPoint: false).File("environment.py", source);

        // CPython refuses it ("too many nested parentheses", RLENV1010); nothing else may.
        Assert.DoesNotContain(ValidateFreesolo(env), d => d.Severity == Severity.Error && d.Code != DiagnosticCatalog.PythonTokenizeError.Code && d.Code != DiagnosticCatalog.PythonSyntaxInvalid.Code);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a = ", "}")]
    public void A_toml_config_100k_deep_is_a_toml_syntax_error_at_its_line(string open, string close)
    {
        var toml = "[environment]\nid = \"org/project/env\"\nvalue = " + Repeat(open, Deep) + "1" + Repeat(close, Deep) + "\n";
        var env = new MockEnvironment().File("configs/deep.toml", toml);

        var error = Assert.Single(ValidateFreesolo(env), d => d.Code == DiagnosticCatalog.TomlSyntax.Code);

        Assert.Equal(("configs/deep.toml", 3), (error.File, error.Line));
        Assert.Contains("deeper than 200", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Brackets_inside_toml_strings_and_comments_do_not_count()
    {
        var brackets = Repeat("[", 500);
        var toml = $"# {brackets}\n[environment]\nid = \"org/project/env\"\nnote = \"{brackets}\"\nraw = '{brackets}'\nlong = \"\"\"\n{brackets}\n\"\"\"\n";

        Assert.Null(NestingDepth.Toml(toml, NestingDepth.MaxDepth));
        Assert.Equal(new NestingDepth.Position(2, 7), NestingDepth.Toml("a = 1\nb = [[[", 2));
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public void A_config_yml_100k_deep_is_an_rn_config_error_at_its_line(string open, string close)
    {
        var yaml = "project_name: math\nrollout: " + (open == "- " ? "\n  " : string.Empty) + Repeat(open, Deep) + "x" + Repeat(close, Deep) + "\n";
        var project = new ProjectFiles().File("rewards.py", "from rnow import reward\n").File("config.yml", yaml)
            .Lines("train.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        var error = Assert.Single(project.Validate().Diagnostics, d => d.Code == DiagnosticCatalog.RnConfigInvalid.Code);

        Assert.Equal(("config.yml", open == "- " ? 3 : 2), (error.File, error.Line));
        Assert.Contains("deeper than 200", error.Message, StringComparison.Ordinal);
    }
}
