using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Python;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Python;

/// <summary>
/// The one decode rule every reader of a .py file uses: CPython's (Parser/tokenizer.c check_bom, check_coding_spec,
/// get_coding_spec, get_normal_name; PEP 263, PEP 3120). Each verdict below is what `compile(bytes, name, "exec")`
/// says on CPython 3.11.7.
/// </summary>
public class PythonSourceEncodingTests
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    public static TheoryData<string, string, string?> Decodable() => new()
    {
        // bytes (as Latin-1 text), expected codec, expected first statement line (null: not checked)
        { "x = 1\n", "utf-8", "x = 1" },
        { "\u00EF\u00BB\u00BFx = 1\n", "utf-8", "x = 1" },
        { "# -*- coding: latin-1 -*-\nx = '\u00E9'\n", "iso-8859-1", "x = '\u00E9'" },
        { "#!/usr/bin/env python\n# coding=cp1252\nx = '\u0080'\n", "cp1252", "x = '\u20AC'" },
        { "\n# coding: latin-1\ny = '\u00E9'\n", "iso-8859-1", "y = '\u00E9'" },
        { "   \n  # coding: latin-1\ny = '\u00E9'\n", "iso-8859-1", "y = '\u00E9'" },
        { "\f# coding: latin-1\nx = '\u00E9'\n", "iso-8859-1", "x = '\u00E9'" },
        { "#coding:latin-1\nx = '\u00E9'\n", "iso-8859-1", "x = '\u00E9'" },
        { "# vim: set fileencoding=UTF_8 :\nx = '\u00C3\u00A9'\n", "utf-8", "x = '\u00E9'" },
        { "# coding: utf-8-sig\nx = 1\n", "utf-8", "x = 1" },
        { "\u00EF\u00BB\u00BF# coding: utf-8\nx = 1\n", "utf-8", "x = 1" },
    };

    [Theory]
    [MemberData(nameof(Decodable))]
    public void CPython_reads_these_files_and_so_does_RlEnv(string latin1Bytes, string codec, string? line)
    {
        var decoded = PythonSourceEncoding.Decode(Latin1.GetBytes(latin1Bytes));

        Assert.Null(decoded.Problem);
        Assert.Equal(codec, decoded.Encoding);
        Assert.Contains(line!, decoded.Text!.Split('\n'));
        Assert.False(decoded.Text.StartsWith('\uFEFF'));
    }

    [Theory]
    [InlineData("x = '\u00E9'\n", "not valid UTF-8, Python's default source encoding")]
    [InlineData("x = 1\n# coding: latin-1\ny = '\u00E9'\n", "not valid UTF-8")]
    [InlineData("x=1 # coding: latin-1\ny='\u00E9'\n", "not valid UTF-8")]
    [InlineData("#\n#\n# coding: latin-1\ny='\u00E9'\n", "not valid UTF-8")]
    [InlineData("# coding = latin-1\nx='\u00E9'\n", "not valid UTF-8")]
    [InlineData("\\\n# coding: latin-1\nx='\u00E9'\n", "not valid UTF-8")]
    [InlineData("\u00EF\u00BB\u00BF# coding: latin-1\nx=1\n", "encoding problem: iso-8859-1 with BOM")]
    [InlineData("# coding: ascii\nx='\u00E9'\n", "not valid ascii")]
    [InlineData("# coding: nope\nx=1\n", "'nope', which RlEnv cannot decode")]
    public void CPython_refuses_these_files_and_RlEnv_cannot_read_them_either(string latin1Bytes, string why)
    {
        var decoded = PythonSourceEncoding.Decode(Latin1.GetBytes(latin1Bytes));

        Assert.Null(decoded.Text);
        Assert.Contains(why, decoded.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_point_declared_latin1_is_read_as_such_and_its_imports_checked()
    {
        // Before, the import check decoded strict UTF-8 only: RLENV1006 "not valid UTF-8" for a file CPython imports.
        var env = new MockEnvironment(withEntryPoint: false);
        env.FileSystem.AddFile(MockEnvironment.Full("environment.py"), new System.IO.Abstractions.TestingHelpers.MockFileData(
            Latin1.GetBytes("# -*- coding: latin-1 -*-\n# caf\u00E9\nimport helpers\n\ndef load_environment(**params):\n    return None\n")));
        env.Directory("helpers");

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        Assert.DoesNotContain(diagnostics, d => d.Code is "RLENV1006" or "RLENV1001" or "RLENV1002");
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCatalog.ImportedModuleNotPacked.Code && d.File == "environment.py" && d.Line == 3);
    }

    [Fact]
    public void A_declared_encoding_the_bytes_break_is_named_in_the_message()
    {
        var env = new MockEnvironment().File("helper.py", "placeholder");
        env.FileSystem.AddFile(MockEnvironment.Full("helper.py"), new System.IO.Abstractions.TestingHelpers.MockFileData(
            Latin1.GetBytes("# coding: ascii\nx = '\u00E9'\n")));

        var (_, diagnostics) = Analysis.Run(env.FileSystem, MockEnvironment.Root);

        // CPython refuses it too (RLENV1010) when an interpreter is found; without one the decoder's reason stands.
        Assert.Contains(diagnostics, d => (d.Code == "RLENV1006" && d.Message.Contains("not valid ascii, the encoding its coding declaration names", StringComparison.Ordinal))
            || d.Code == "RLENV1010");
    }
}
