using System.Numerics;
using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.ReinforceNow;
using static RlEnv.Core.Tests.Platforms.ReinforceNow.RnConfigSchemaTests;

namespace RlEnv.Core.Tests.Platforms.ReinforceNow;

/// <summary>
/// config.yml is read by yaml.safe_load (rnow/cli/commands.py C:1896), PyYAML 6.0.3: YAML 1.1 scalars
/// (yaml/resolver.py implicit resolvers, yaml/constructor.py SafeConstructor), one document, `&lt;&lt;` merges,
/// and a repeated key keeping its last value. These are where it differs from YamlDotNet and YAML 1.2.
/// </summary>
public class RnYamlDialectTests
{
    [Theory]
    [InlineData("1e-4", RnKind.Str)] // the float resolver needs a dot: "1e-4" stays a string
    [InlineData("1.0e-4", RnKind.Real)]
    [InlineData("1.0e4", RnKind.Str)] // ... and a signed exponent
    [InlineData("-.5", RnKind.Str)] // a leading dot is unsigned only
    [InlineData(".5", RnKind.Real)]
    [InlineData(".inf", RnKind.Real)]
    [InlineData("on", RnKind.Bool)]
    [InlineData("Off", RnKind.Bool)]
    [InlineData("yes", RnKind.Bool)]
    [InlineData("y", RnKind.Str)]
    [InlineData("tRue", RnKind.Str)]
    [InlineData("~", RnKind.None)]
    [InlineData("", RnKind.None)]
    [InlineData("none", RnKind.Str)]
    [InlineData("2024-01-01", RnKind.Date)]
    [InlineData("0o10", RnKind.Str)]
    [InlineData("09", RnKind.Str)]
    public void Plain_scalars_get_PyYAMLs_YAML_1_1_types(string plain, RnKind kind)
    {
        var value = Load($"a: {plain}\n")["a"]!;
        Assert.Equal(kind, value.Kind);
    }

    [Theory]
    [InlineData("010", 8)] // octal
    [InlineData("0x10", 16)]
    [InlineData("0b101", 5)]
    [InlineData("1_000", 1000)]
    [InlineData("12:30", 750)] // base 60
    [InlineData("-0", 0)]
    public void Integers_follow_construct_yaml_int(string plain, int expected) =>
        Assert.Equal(new BigInteger(expected), (BigInteger)Load($"a: {plain}\n")["a"]!.Scalar!);

    [Theory]
    [InlineData("a: ! 12\n", RnKind.Integral)] // the non-specific tag '!' is resolved implicitly, even quoted
    [InlineData("a: ! \"12\"\n", RnKind.Integral)]
    [InlineData("a: !!str 12\n", RnKind.Str)]
    [InlineData("a: \"12\"\n", RnKind.Str)]
    [InlineData("a: !!float 1\n", RnKind.Real)]
    [InlineData("a: !!binary aGk=\n", RnKind.Bytes)]
    public void Tags_and_quotes_decide_before_the_resolver(string yaml, RnKind kind) =>
        Assert.Equal(kind, Load(yaml)["a"]!.Kind);

    [Fact]
    public void A_repeated_key_keeps_its_last_value_with_a_warning_not_an_invalid_YAML_error()
    {
        // construct_mapping assigns into a dict: the last value wins. YamlDotNet throws "Duplicate key" instead.
        var wins = Check(Config(data: "  batch_size: 40\n  batch_size: 4"));
        var warning = Assert.Single(wins);
        Assert.Equal((DiagnosticCatalog.RnConfigDuplicateKey.Code, Severity.Warning, 5, 3), (warning.Code, warning.Severity, warning.Line, warning.Column));
        Assert.Contains("'batch_size' is given again (first on line 4): PyYAML keeps this last value", warning.Message, StringComparison.Ordinal);

        var loses = Check(Config(data: "  batch_size: 4\n  batch_size: 40"));
        Assert.Equal(
            [(DiagnosticCatalog.RnConfigFieldRange.Code, 5), (DiagnosticCatalog.RnConfigDuplicateKey.Code, 5)],
            loses.Select(d => (d.Code, d.Line ?? 0)));
    }

    [Fact]
    public void Merge_keys_are_applied_and_a_mappings_own_key_overrides_them_silently()
    {
        // SafeConstructor.flatten_mapping: `<<` values come first, the mapping's own keys after (and win).
        var yaml = "project_id: p1\ndataset_type: rl\ndata:\n  <<: {batch_size: 40, group_size: 4}\n  batch_size: 8\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer:\n  num_epochs: 1\n";
        Assert.Empty(Check(yaml));
        Assert.Empty(Check(yaml.Replace("  batch_size: 8\n", string.Empty, StringComparison.Ordinal).Replace("40", "8", StringComparison.Ordinal)));
    }

    [Fact]
    public void Anchors_and_aliases_resolve_and_an_unused_anchor_holder_is_an_unknown_key()
    {
        var yaml = "defaults: &d {batch_size: 4}\nproject_id: p1\ndataset_type: rl\ndata: *d\nmodel:\n  path: Qwen/Qwen3-8B\ntrainer:\n  num_epochs: 1\n";
        var error = Assert.Single(Check(yaml));
        Assert.Equal((DiagnosticCatalog.RnConfigUnknownKey.Code, 1, 1), (error.Code, error.Line, error.Column));
    }

    [Theory]
    // safe_load raises a YAMLError: rnow says "Invalid YAML in config file" (C:1899-1900).
    [InlineData("---\nx: 1\n", "expected a single document in the stream", 9, 1)]
    [InlineData("x: *nope\n", "found undefined alias 'nope'", 9, 4)]
    [InlineData("a: &x 1\nb: &x 2\n", "found duplicate anchor 'x'", 10, 4)]
    [InlineData("? [1]\n: x\n", "found unhashable key", 9, 3)]
    [InlineData("x: =\n", "could not determine a constructor for the tag 'tag:yaml.org,2002:value'", 9, 4)]
    [InlineData("x: !foo 1\n", "could not determine a constructor for the tag '!foo'", 9, 4)]
    [InlineData("x: [1\n", "Invalid YAML in config file", 10, 1)]
    [InlineData("x: \"a\u0007\"\n", "unacceptable character #x0007", 9, 6)]
    public void What_safe_load_refuses_is_invalid_YAML_at_its_line(string extra, string says, int line, int column)
    {
        var error = Assert.Single(Check(Config(extra: extra)));
        Assert.Equal((DiagnosticCatalog.RnConfigInvalid.Code, line, column), (error.Code, error.Line, error.Column));
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Exceptions that are not YAMLErrors: rnow does not catch them, so `rnow run` ends in a traceback.
    [InlineData("  num_epochs: !!int x", "ValueError")]
    [InlineData("  num_epochs: 0x_", "ValueError")]
    [InlineData("  num_epochs: 1\n  save_step: 2024-13-45", "is not a real date")]
    [InlineData("  num_epochs: !!bool maybe", "KeyError")]
    public void What_crashes_PyYAMLs_constructors_is_a_crash_finding(string trainer, string says)
    {
        var error = Assert.Single(Errors(Config(trainer: trainer)));
        Assert.Equal(DiagnosticCatalog.RnConfigCrash.Code, error.Code);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // yaml.safe_load gives None for these, and `rnow run` crashes at C:1911 (AttributeError).
    [InlineData("")]
    [InlineData("# nothing yet\n")]
    [InlineData("---\n")]
    [InlineData("~\n")]
    public void An_empty_config_is_an_error_that_says_rnow_crashes(string yaml)
    {
        var error = Assert.Single(Check(yaml));
        Assert.Equal((DiagnosticCatalog.RnConfigEmpty.Code, Severity.Error, 1, 1), (error.Code, error.Severity, error.Line, error.Column));
        Assert.Contains("crashes (AttributeError: 'NoneType' object has no attribute 'get')", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- a\n- b\n", "not a list")]
    [InlineData("just text\n", "not a str")]
    public void A_config_that_is_not_a_mapping_is_invalid(string yaml, string says)
    {
        var error = Assert.Single(Check(yaml));
        Assert.Equal(DiagnosticCatalog.RnConfigInvalid.Code, error.Code);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_is_accepted_and_invalid_UTF_8_crashes_rnow()
    {
        var bag = new DiagnosticBag();
        RnConfigFile.CheckYaml([.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes(Config())], bag);
        Assert.Empty(bag.ToSortedList());

        RnConfigFile.CheckYaml([.. Encoding.UTF8.GetBytes("project_id: "), 0xFF, (byte)'\n'], bag);
        Assert.Equal(DiagnosticCatalog.RnConfigCrash.Code, Assert.Single(bag.ToSortedList()).Code);
    }

    private static RnNode Load(string yaml)
    {
        var loaded = RnYamlLoader.Load(yaml);
        Assert.False(loaded.Failed, loaded.Error);
        return loaded.Root!;
    }

    private static List<Diagnostic> Errors(string yaml) => [.. Check(yaml).Where(d => d.Severity == Severity.Error)];
}
