using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Validation;

public class ConfigAndSplitTests
{
    private const string Record = "{\"input\":\"What is 2 + 2?\",\"output\":\"4\"}";
    private const string ThinkRecord = "{\"input\":\"What is 2 + 2?\",\"output\":\"<think>2 and 2</think>4\"}";

    private static DatasetEnvironment WithSplits() =>
        new DatasetEnvironment().Lines("dataset/train.jsonl", Record).Lines("dataset/eval.jsonl", "{\"input\":\"What is 5 + 5?\",\"output\":\"10\"}");

    private static string Config(string body) =>
        "model = \"Qwen/Qwen3.5-4B\"\nproject = \"00000000-0000-4000-8000-000000000000\"\n\n[environment]\nid = \"my-org/my-project/math\"\n" + body;

    [Fact]
    public void Config_selecting_an_existing_split_passes() =>
        DatasetEnvironment.Clean(WithSplits().Text("configs/rl.toml", Config("\n[environment.params]\nsplit = \"eval\"\n")).Validate());

    [Fact]
    public void Config_selecting_a_missing_split_beside_a_train_file_is_an_error_at_its_line()
    {
        var error = DatasetEnvironment.Single(WithSplits().Text("configs/rl.toml", Config("\n[environment.params]\nsplit = \"test\"\n")).Validate(), DiagnosticCatalog.SplitNotFound.Code);

        Assert.Equal(("configs/rl.toml", 8, 1), (error.File, error.Line, error.Column));
        Assert.Contains("split='test' was requested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_toml_with_an_environment_table_is_a_config_too() =>
        DatasetEnvironment.Single(WithSplits().Text("flash.toml", Config("[environment.params]\nsplit = \"nope\"\n")).Validate(), DiagnosticCatalog.SplitNotFound.Code);

    [Fact]
    public void Dataset_path_overrides_split_and_must_be_in_the_artifact()
    {
        DatasetEnvironment.Clean(WithSplits().Text("configs/rl.toml", Config("[environment.params]\nsplit = \"missing\"\ndataset_path = \"dataset/eval.jsonl\"\n")).Validate());

        var error = DatasetEnvironment.Single(WithSplits().Text("configs/rl.toml", Config("[environment.params]\ndataset_path = \"data/other.jsonl\"\n")).Validate(), DiagnosticCatalog.DatasetPathNotFound.Code);
        Assert.Equal(7, error.Line);
    }

    [Theory]
    [InlineData("id = \"math\"")]
    [InlineData("id = \"org/math\"")]
    [InlineData("id = \"org/\"")]
    [InlineData("id = 3")]
    [InlineData("name = \"org/project/math\"")]
    public void Environment_id_must_have_the_org_project_name_shape(string idLine)
    {
        var result = WithSplits().Text("configs/rl.toml", $"[environment]\n{idLine}\n").Validate();

        Assert.Equal("configs/rl.toml", DatasetEnvironment.Single(result, DiagnosticCatalog.EnvironmentIdInvalid.Code).File);
    }

    [Fact]
    public void A_config_without_environment_is_a_warning_and_checked_as_an_overlay()
    {
        var overlay = WithSplits().Text("configs/bigger.toml", "[train]\nmax_examples = 250\n").Validate();
        var typo = WithSplits().Text("configs/bigger.toml", "[train]\nmax_example = 250\n").Validate();

        Assert.Equal((DiagnosticCatalog.ConfigWithoutEnvironment.Code, Severity.Warning), (Assert.Single(overlay.Diagnostics).Code, overlay.Diagnostics[0].Severity));
        Assert.Equal(2, DatasetEnvironment.Single(typo, DiagnosticCatalog.ConfigUnknownKey.Code).Line);
    }

    [Fact]
    public void A_root_toml_without_environment_is_not_a_flash_config() =>
        DatasetEnvironment.Clean(WithSplits().Text("ruff.toml", "line-length = 120\n[lint]\nselect = [\"E\"]\n").Validate());

    [Fact]
    public void Inline_environment_params_select_the_split() =>
        DatasetEnvironment.Single(
            WithSplits().Text("configs/rl.toml", "model = \"Qwen/Qwen3.5-4B\"\nproject = \"00000000-0000-4000-8000-000000000000\"\nenvironment = { id = \"a/b/c\", params = { split = \"test\" } }\n").Validate(),
            DiagnosticCatalog.SplitNotFound.Code);

    [Fact]
    public void Invalid_toml_is_an_error_with_its_position() =>
        Assert.Equal(2, WithSplits().Text("configs/rl.toml", "[environment]\nid = = \"x\"\n").Validate().Diagnostics.First(d => d.Code == DiagnosticCatalog.TomlSyntax.Code).Line);

    [Fact]
    public void Thinking_config_requires_a_think_block_in_every_gold_output_of_its_split()
    {
        var result = new DatasetEnvironment()
            .Lines("dataset/train.jsonl", ThinkRecord, Record, "{\"input\":\"unlabelled\"}", "{\"input\":\"q\",\"output\":[{\"role\":\"assistant\",\"content\":\"<think>x</think>y\"}]}", "{\"input\":\"q2\",\"output\":[{\"role\":\"assistant\",\"content\":\"y\"}]}")
            .Text("configs/sft.toml", "thinking = true\n" + Config(string.Empty))
            .Validate();

        Assert.Equal([2, 5], result.Diagnostics.Where(d => d.Code == DiagnosticCatalog.ThinkBlockMissing.Code).Select(d => d.Line!.Value));
    }

    [Fact]
    public void Think_blocks_are_not_required_without_thinking() =>
        DatasetEnvironment.Clean(WithSplits().Text("configs/sft.toml", "thinking = false\n" + Config(string.Empty)).Validate());

    [Fact]
    public void Empty_split_is_an_error() =>
        DatasetEnvironment.Single(new DatasetEnvironment().Text("dataset/train.jsonl", "\n  \n").Validate(), DiagnosticCatalog.SplitEmpty.Code);

    [Fact]
    public void Split_name_outside_the_rule_is_an_error() =>
        DatasetEnvironment.Single(new DatasetEnvironment().Lines("dataset/-hidden.jsonl", Record).Validate(), DiagnosticCatalog.SplitNameInvalid.Code);

    [Fact]
    public void Datasets_folder_is_a_warning_unless_a_config_certainly_fails_on_it()
    {
        var beside = DatasetEnvironment.Single(WithSplits().Lines("datasets/train.jsonl", Record).Validate(), DiagnosticCatalog.DatasetsFolder.Code);
        var alone = DatasetEnvironment.Single(new DatasetEnvironment().Lines("datasets/train.jsonl", Record).Validate(), DiagnosticCatalog.DatasetsFolder.Code);
        var sft = DatasetEnvironment.Single(
            new DatasetEnvironment().Lines("datasets/train.jsonl", Record).Text("configs/sft.toml", "algorithm = \"sft\"\n" + Config(string.Empty)).Validate(),
            DiagnosticCatalog.DatasetsFolder.Code);

        Assert.Equal((Severity.Warning, Severity.Warning, Severity.Error), (beside.Severity, alone.Severity, sft.Severity));
        Assert.Contains("unless load_environment builds its rows in code", alone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_inputs_in_a_split_are_counted_with_the_first_repeat()
    {
        var result = new DatasetEnvironment().Lines("dataset/train.jsonl", Record, "{\"input\":\"other\"}", Record, Record, "{\"input\":\"other\"}").Validate();

        var warning = DatasetEnvironment.Single(result, DiagnosticCatalog.DuplicateInputs.Code);
        Assert.Equal((Severity.Warning, 3), (warning.Severity, warning.Line));
        Assert.StartsWith("2 inputs occur more than once (3 extra rows); the first repeat is line 3, a copy of line 1.", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_inputs_that_also_appear_in_train_are_leakage()
    {
        var result = new DatasetEnvironment().Lines("dataset/train.jsonl", "{\"input\":\"x\"}", Record).Lines("dataset/eval.jsonl", "{\"input\":\"y\"}", Record).Validate();

        var warning = DatasetEnvironment.Single(result, DiagnosticCatalog.SplitLeakage.Code);
        Assert.Equal(("dataset/eval.jsonl", 2), (warning.File, warning.Line));
        Assert.Contains("as train line 2", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_stats_count_rows_bytes_and_outputs()
    {
        var result = WithSplits().Lines("dataset/test.txt", "a", "b").Validate();

        Assert.Equal(
            [("eval", 1L, 1L), ("test", 2L, 0L), ("train", 1L, 1L)],
            result.Splits.Select(s => (s.Name, s.Rows, s.RowsWithOutput)));
        Assert.Equal(Record.Length + 1, result.Splits.Single(s => s.Name == "train").Bytes);
    }

    [Fact]
    public void Nested_files_in_dataset_are_not_splits() =>
        Assert.DoesNotContain(WithSplits().Text("dataset/raw/notes.json", "not json").Validate().Splits, s => s.Path.Contains("raw", StringComparison.Ordinal));
}
