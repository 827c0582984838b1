using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.ReinforceNow;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.ReinforceNow;

/// <summary>
/// The rules that closed the differential's known disagreements (issue 12): each case's expectation is what rnow's code
/// does with it (reinforcenow-cli fbb86f7; packaging's verdicts checked with packaging 24.1 on CPython), and each test
/// failed before the rule existed.
/// </summary>
public class RnVerdictRulesTests
{
    // ---- requirements.txt: rnow/cli/commands.py validate_requirements_txt (C:644-729) ------------------------------

    [Theory]
    // packaging's Requirement accepts these, and their markers hold for Python 3.11.
    [InlineData("numpy")]
    [InlineData("numpy >= 1.26, < 2")]
    [InlineData("requests[socks,security]>=2.0")]
    [InlineData("requests [socks] (>=2.0)")]
    [InlineData("pkg @ https://example.com/pkg.whl ; python_version >= \"3.8\"")]
    [InlineData("numpy==1.26.*")]
    [InlineData("Foo_Bar.baz>=1")]
    [InlineData("foo; python_version ~= \"3.10\"")]
    [InlineData("foo; python_version < \"3.10\" or python_version >= \"3.11\"")]
    [InlineData("foo; python_version in \"3.10 3.11\"")]
    [InlineData("foo; \"3.12\" > python_version")]
    [InlineData("foo; python_full_version >= \"3.11.0\"")]
    [InlineData("foo; python_version == \"3.*\"")]
    [InlineData("foo>=1.0;python_version>=\"3.0\"")]
    [InlineData("# a comment")]
    [InlineData("--index-url https://example.com/simple")]
    [InlineData("-e .")]
    public void A_requirement_rnow_accepts_passes(string line) =>
        Assert.Empty(Requirements("requests\n" + line + "\n"));

    [Theory]
    // Requirement(line) raises InvalidRequirement; the column is where packaging's caret points.
    [InlineData("not a == requirement ==", "Expected end or semicolon (after name and no valid version specifier)", 5)]
    [InlineData("numpy>=1.26.*", ".* suffix can only be used with `==` or `!=` operators", 6)]
    [InlineData("numpy>=1.0+local", "Local version label can only be used with `==` or `!=` operators", 6)]
    [InlineData("foo-", "Expected end or semicolon (after name and no valid version specifier)", 4)]
    [InlineData("foo[bar", "Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras", 4)]
    [InlineData("foo (>=1.0", "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier", 5)]
    [InlineData("foo; python_version", "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in", 20)]
    [InlineData("foo; os_name = \"posix\"", "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in", 14)]
    [InlineData("foo==1.0 python_version", "Expected end or semicolon (after version specifier)", 4)]
    public void A_line_packaging_cannot_parse_is_an_error_at_its_column(string line, string reason, int column)
    {
        // Failed before: requirements.txt was packed unchecked (differential case req-invalid-line).
        var error = Assert.Single(Requirements("requests\n" + line + "\n"));
        Assert.Equal((DiagnosticCatalog.RnRequirementInvalid.Code, 2, column), (error.Code, error.Line, error.Column));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // marker.evaluate(env) is False with python_version = python_full_version = "3.11" and extra = "" (C:689-719).
    [InlineData("foo; python_version < \"3.10\"")]
    [InlineData("foo; python_version > \"3.9\" and python_version < \"3.11\"")]
    [InlineData("foo; (python_version < \"3.10\" or python_version > \"3.11\") and extra == \"x\"")]
    [InlineData("foo; python_version < \"3.10\" or python_version > \"3.11\" and extra == \"\"")]
    [InlineData("foo; extra == \"test\"")]
    [InlineData("foo; python_version not in \"3.11\"")]
    [InlineData("foo; python_version == \"3.1*\"")]
    [InlineData("foo ; python_version < \"3.8\" and sys_platform == \"linux\"")]
    public void A_marker_false_for_python_311_is_an_error(string line)
    {
        var error = Assert.Single(Requirements(line + "\n"));
        Assert.Equal((DiagnosticCatalog.RnRequirementExcluded.Code, 1), (error.Code, error.Line));
        Assert.Equal(line.IndexOf(';', StringComparison.Ordinal) + 3, error.Column);
    }

    [Theory]
    // sys_platform is the machine running `rnow run`: true on Linux (rnow accepts), false on macOS (rnow refuses).
    [InlineData("foo; sys_platform == \"linux\"", "sys_platform")]
    [InlineData("foo; python_version >= \"3.8\" and platform_machine == \"x86_64\"", "platform_machine")]
    [InlineData("foo; python_version >= \"3.11rc1\"", "the version '3.11rc1'")]
    public void A_marker_that_depends_on_the_machine_is_a_warning(string line, string why)
    {
        var warning = Assert.Single(Requirements(line + "\n"));
        Assert.Equal((DiagnosticCatalog.RnRequirementMachineMarker.Code, Severity.Warning), (warning.Code, warning.Severity));
        Assert.Contains(why, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_toml_requirements_file_is_refused() =>
        // C:664-670: stripped content starts with "[" and its first line holds "]" (differential case req-toml).
        Assert.Equal(DiagnosticCatalog.RnRequirementsToml.Code, Assert.Single(Requirements("\n  [project]\ndependencies = [\"numpy\"]\n")).Code);

    [Fact]
    public void A_bom_makes_the_first_requirement_unparsable() =>
        // read_text(encoding="utf-8") keeps U+FEFF, and str.strip() does not remove it.
        Assert.Equal((DiagnosticCatalog.RnRequirementInvalid.Code, 1), Assert.Single(Requirements("\uFEFFnumpy\n")) is var d ? (d.Code, d.Line) : default);

    [Fact]
    public void Lines_are_counted_as_str_splitlines_counts_them() =>
        // A form feed ends a line for splitlines(): the bad requirement is on line 3.
        Assert.Equal(3, Assert.Single(Requirements("numpy\fscipy\r\nfoo-\n")).Line);

    [Fact]
    public void A_requirements_file_that_is_not_utf8_is_refused()
    {
        var bag = new DiagnosticBag();
        RnRequirementsFile.Check([(byte)'n', 0xFF, (byte)'\n'], multiModel: false, bag);
        Assert.Equal(DiagnosticCatalog.RnRequirementsUnreadable.Code, Assert.Single(bag.ToSortedList()).Code);
    }

    [Fact]
    public void The_multi_model_path_reports_what_breaks_pip_but_not_markers()
    {
        // _submit_single_run (C:1496-1651) never calls validate_requirements_txt; pip on the trainer still fails on a
        // line it cannot parse, but only skips a requirement whose marker is false.
        var bag = new DiagnosticBag();
        RnRequirementsFile.Check("foo; python_version < \"3.10\"\nfoo-\n"u8.ToArray(), multiModel: true, bag);
        Assert.Equal((DiagnosticCatalog.RnRequirementInvalid.Code, 2), Assert.Single(bag.ToSortedList()) is var d ? (d.Code, d.Line) : default);
    }

    [Fact]
    public void A_hostile_requirements_file_is_answered_without_recursion_and_with_short_messages()
    {
        // 200,000 atoms joined by and: packaging evaluates the chain in a loop, and so does RlEnv (no stack overflow);
        // a line of 400,000 characters is quoted by its start only.
        var chain = "c; " + string.Concat(Enumerable.Repeat("python_version == \"3.11\" and ", 200_000)) + "python_version < \"3.10\"";
        var findings = Requirements(chain + "\na>=" + string.Concat(Enumerable.Repeat("1.", 200_000)) + "x\n");

        Assert.Equal([(DiagnosticCatalog.RnRequirementExcluded.Code, 1), (DiagnosticCatalog.RnRequirementInvalid.Code, 2)], findings.Select(d => (d.Code, d.Line ?? 0)));
        Assert.All(findings, d => Assert.True(d.Message.Length < 1000, d.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static List<Diagnostic> Requirements(string text) =>
        [.. RnProject.Of("rl", RnProject.RlRow).File("requirements.txt", text).Check().Diagnostics.Where(d => d.File == "requirements.txt")];

    // ---- train.jsonl in Python's JSON dialect and universal newlines (C:485-564) ------------------------------------

    [Fact]
    public void A_nan_in_a_row_is_accepted_with_a_warning_and_the_row_is_checked()
    {
        // json.loads accepts NaN (differential case clean-json-nan); failed before: RLENV2002 "invalid start of a value".
        var result = RnProject.Of("rl", RnProject.RlRow, "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"rewards\":[\"accuracy\"],\"metadata\":{\"w\":NaN,\"x\":-Infinity}}").Check();

        var findings = result.RowFindings().Where(d => d.Code == DiagnosticCatalog.RnRowNonFiniteNumber.Code).ToList();
        Assert.Equal([(2, 84), (2, 92)], findings.Select(d => (d.Line ?? 0, d.Column ?? 0)));
        Assert.All(findings, d => Assert.Equal(Severity.Warning, d.Severity));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(2, result.Splits.Single().Rows);
    }

    [Fact]
    public void A_nan_where_rnow_wants_a_string_is_still_refused()
    {
        // The entry model refuses a float for docker (str | None, models.py:148), NaN or not.
        var findings = RnProject.Of("rl", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"rewards\":[\"accuracy\"],\"docker\":NaN}").Check().RowFindings();
        Assert.Contains(findings, d => d.Code == DiagnosticCatalog.RnDockerFieldType.Code && d.Severity == Severity.Error);
    }

    [Theory]
    // json.loads keeps the last value (differential case clean-json-duplicate-key): the verdict follows it.
    [InlineData("\"rewards\":5,\"rewards\":[\"accuracy\"]", false)]
    [InlineData("\"rewards\":[\"accuracy\"],\"rewards\":5", true)]
    public void A_repeated_key_keeps_its_last_value_with_a_warning(string rewards, bool refused)
    {
        var findings = RnProject.Of("rl", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]," + rewards + "}").Check().RowFindings();

        Assert.Contains(findings, d => d.Code == DiagnosticCatalog.RnRowRepeatedKey.Code && d.Severity == Severity.Warning);
        Assert.Equal(refused, findings.Any(d => d.Severity == Severity.Error));
    }

    [Fact]
    public void Unicode_whitespace_around_a_row_is_stripped_as_str_strip_does()
    {
        // line.strip() drops U+00A0 and U+2028; a line of only such whitespace is blank to rnow.
        var result = RnProject.Of("rl", "\u00A0" + RnProject.RlRow + "\u2028", "\u00A0\u3000", RnProject.RlRow).Check();

        result.RowsClean();
        Assert.Equal(2, result.Splits.Single().Rows);
    }

    [Fact]
    public void A_lone_carriage_return_ends_a_row_as_in_universal_newlines()
    {
        // Differential case clean-lone-cr; failed before: one "line" holding two objects, RLENV2002.
        var project = new ProjectFiles().File("config.yml", RnProject.Config("rl")).File("rewards.py", RnProject.Rewards).File("tools.py", RnProject.Tools)
            .File("train.jsonl", RnProject.RlRow + "\r" + RnProject.RlRow + "\r\n" + RnProject.RlRow + "\r" + "{\"messages\":[]}\n");

        var findings = project.Check().RowFindings();

        // Lines 1 and 3 end with a lone CR (warnings); the bad row is line 4, as Python numbers it.
        Assert.Equal([1, 3], findings.Where(d => d.Code == DiagnosticCatalog.RnRowLoneCarriageReturn.Code).Select(d => d.Line ?? 0));
        Assert.All(findings.Where(d => d.Severity == Severity.Error), d => Assert.Equal(4, d.Line));
        Assert.Contains(findings, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void Lone_carriage_returns_keep_line_numbers_across_blocks()
    {
        // More than one 4 MiB validation block of CR-separated rows, with CRLF pairs too: the last row's number is
        // Python's, so no line was lost or counted twice where a block was cut.
        var row = RnProject.RlRow;
        var rows = 30_000;
        var text = new System.Text.StringBuilder();
        for (var i = 1; i < rows; i++)
        {
            text.Append(row).Append(i % 3 == 0 ? "\r\n" : "\r");
        }

        text.Append("{\"messages\":[]}\n");
        var project = new ProjectFiles().File("config.yml", RnProject.Config("rl")).File("rewards.py", RnProject.Rewards).File("tools.py", RnProject.Tools)
            .File("train.jsonl", text.ToString());

        var result = project.Check();

        var errors = result.RowFindings().Where(d => d.Severity == Severity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, d => Assert.Equal(rows, d.Line));
        Assert.Equal(rows, result.Splits.Single().Rows);
    }

    // ---- the context window: validate_context_window (C:212-228), run (C:2141-2261) ---------------------------------

    [Theory]
    // A prompt is at least one token, so a window of 2000 or less never leaves 2000 for generation (differential cases
    // cfg-context-window-small, cfg-context-window-2000); above that, the tokenizer decides and RlEnv says nothing.
    [InlineData("rl", 1000, true)]
    [InlineData("rl", 2000, true)]
    [InlineData("rl", 2001, false)]
    [InlineData("distill", 2000, true)]
    [InlineData("sft", 1000, false)]
    public void A_context_window_of_2000_or_less_is_refused_for_rl_and_distill(string type, int window, bool refused)
    {
        var row = type switch
        {
            "rl" => RnProject.RlRow,
            "distill" => "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}",
            _ => RnProject.SftRow,
        };
        var config = RnProject.Config(type) + $"rollout:\n  max_context_window: {window}\n";
        var result = new ProjectFiles().File("config.yml", config).File("rewards.py", RnProject.Rewards).File("tools.py", RnProject.PlainTools).Lines("train.jsonl", row).Check();

        var error = result.Diagnostics.SingleOrDefault(d => d.Code == DiagnosticCatalog.RnContextWindowTooSmall.Code);
        Assert.Equal(refused, error is not null);
        if (error is not null)
        {
            Assert.Equal(("config.yml", Severity.Error), (error.File, error.Severity));
            Assert.Equal(config.Split('\n').ToList().FindIndex(l => l.Contains("max_context_window", StringComparison.Ordinal)) + 1, error.Line);
        }
    }

    // ---- config.yml as yaml.safe_load reads it -----------------------------------------------------------------------

    [Fact]
    public void A_tab_in_indentation_is_reported_where_pyyaml_finds_it()
    {
        // PyYAML: "found character '\t' that cannot start any token ... line 6, column 1" (differential case
        // cfg-tab-indent); failed before: YamlDotNet's plain-scalar error at line 5.
        var bag = new DiagnosticBag();
        RnConfigFile.CheckYaml(System.Text.Encoding.UTF8.GetBytes("project_id: p1\nproject_name: t\ndataset_type: rl\ndata:\n  train_file: train.jsonl\n\tbatch_size: 4\n"), bag);

        var error = Assert.Single(bag.ToSortedList(), d => d.Code == DiagnosticCatalog.RnConfigInvalid.Code);
        Assert.Equal((6, 1), (error.Line, error.Column));
        Assert.Contains("found character '\\t' that cannot start any token", error.Message, StringComparison.Ordinal);
    }

    // ---- required files: run (C:2081-2108) --------------------------------------------------------------------------

    [Fact]
    public void An_rl_project_without_rewards_py_is_refused_for_the_missing_file()
    {
        // "✗ Required files missing: • rewards.py at ..." (rnow's first-rl template ships without it); failed before:
        // only the rows' reward names were reported, and nothing at all without train.jsonl.
        var result = new ProjectFiles().File("config.yml", RnProject.Config("rl")).Check();

        var error = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.RnRewardsFileMissing.Code);
        Assert.Equal(("rewards.py", Severity.Error), (error.File, error.Severity));
    }

    [Theory]
    [InlineData("sft")]
    [InlineData("midtrain")]
    public void Other_dataset_types_need_no_rewards_py(string type) =>
        Assert.DoesNotContain(new ProjectFiles().File("config.yml", RnProject.Config(type)).Lines("train.jsonl", type == "sft" ? RnProject.SftRow : RnProject.MidtrainRow).Check().Diagnostics,
            d => d.Code == DiagnosticCatalog.RnRewardsFileMissing.Code);
}
