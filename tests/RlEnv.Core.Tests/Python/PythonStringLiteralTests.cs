using RlEnv.Core.Python;

namespace RlEnv.Core.Tests.Python;

public class PythonStringLiteralTests
{
    [Theory]
    [InlineData("'judge'", "judge")]
    [InlineData("\"judge\"", "judge")]
    [InlineData("u'judge'", "judge")]
    [InlineData("'''tri'''", "tri")]
    [InlineData("r'a\\d'", "a\\d")]
    [InlineData("'a\\x41\\101\\u0042\\U00000043\\n'", "aAABC\n")]
    [InlineData("'keep\\q'", "keep\\q")]
    [InlineData("'line\\\ncont'", "linecont")]
    [InlineData("''", "")]
    public void Str_literals_decode_as_python_does(string source, string expected) =>
        Assert.Equal(expected, PythonStringLiteral.Value(source));

    [Theory]
    [InlineData("b'x'")]
    [InlineData("f'x'")]
    [InlineData("rb'x'")]
    [InlineData("t'x'")]
    [InlineData("'\\N{LATIN SMALL LETTER A}'")]
    [InlineData("'\\x4'")]
    [InlineData("")]
    public void Bytes_f_strings_and_undecodable_literals_have_no_value(string source) => Assert.Null(PythonStringLiteral.Value(source));

    [Fact]
    public void Tokenizer_keeps_literal_text_up_to_its_bound()
    {
        var big = "'" + new string('x', PythonTokenizer.MaxStringLiteralText) + "'";
        var tokens = PythonTokenizer.Tokenize("f('judge', rb\"x\")\ns = " + big + "\n");

        var literals = tokens.Where(t => t.Kind == PyTokenKind.StringLiteral).Select(t => t.Text).ToList();
        Assert.Equal(["'judge'", "rb\"x\"", string.Empty], literals);
    }
}
