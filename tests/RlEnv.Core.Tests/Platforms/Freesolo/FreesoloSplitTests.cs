using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.Freesolo;

/// <summary>
/// Flash's split cases (flash/envs/dataset_selection.py, loader.py and the SFT profiler), rebuilt from the facts of its
/// tests with Flash's outcome: T: lines are tests/test_env_pull_loader_coverage.py (L), tests/test_verifiers.py (V) and
/// tests/test_dataset_profile.py (P). Cases that turn on rows the environment builds in code at run time are noted
/// where RlEnv, which never runs load_environment, can only warn.
/// </summary>
public class FreesoloSplitTests
{
    private const string Train = "{\"input\":\"train?\",\"output\":\"no\"}";
    private const string Oracle = "{\"input\":\"2+2?\",\"output\":\"4\"}";
    private const string Dev = "{\"input\":\"dev?\",\"output\":\"dev\"}";
    private const string Unthought = "{\"input\":\"q\",\"output\":\"no think block\"}";

    private static string Config(string parameters, string algorithm = "grpo", bool thinking = false) =>
        $"model = \"Qwen/Qwen3.5-0.8B\"\nproject = \"11111111-1111-4111-8111-111111111111\"\nalgorithm = \"{algorithm}\"\n"
        + (thinking ? "thinking = true\n" : string.Empty)
        + "\n[environment]\nid = \"owner/project/env\"\n\n[environment.params]\n" + parameters + "\n";

    private static IEnumerable<Diagnostic> Problems(ValidateResult result) => result.Diagnostics.Where(d => d.Severity != Severity.Info);

    // L:257-265
    [Theory]
    [InlineData("train", true)]
    [InlineData("eval-2.v1", true)]
    [InlineData("has/slash", false)]
    [InlineData("..", false)]
    [InlineData("", false)]
    [InlineData("-leading", false)]
    [InlineData("train\n", false)]
    public void Validate_packaged_dataset_split_names(string split, bool simple) => Assert.Equal(simple, FreesoloSplits.IsSimpleName(split));

    // L:257-265 through a config: a refused name is an error at its line; "" is no split at all (train).
    [Theory]
    [InlineData("has/slash")]
    [InlineData("..")]
    [InlineData("-leading")]
    public void A_config_split_that_is_not_a_simple_name_is_refused(string split)
    {
        var result = new DatasetEnvironment().Lines("dataset/train.jsonl", Train).Text("configs/rl.toml", Config($"split = \"{split}\"")).Validate();

        var error = DatasetEnvironment.Single(result, DiagnosticCatalog.SplitParameterInvalid.Code);
        Assert.Equal(("configs/rl.toml", 9), (error.File, error.Line));
    }

    [Theory]
    [InlineData("split = \"\"")]
    [InlineData("split = \"   \"")]
    public void A_blank_split_is_unset_and_trains_on_train(string line) =>
        DatasetEnvironment.Clean(new DatasetEnvironment().Lines("dataset/train.jsonl", Train).Text("configs/rl.toml", Config(line)).Validate());

    [Fact]
    public void A_split_that_is_not_a_string_is_ignored_by_flash_and_warned_about()
    {
        var result = new DatasetEnvironment().Lines("dataset/train.jsonl", Train).Text("configs/rl.toml", Config("split = 5")).Validate();

        var warning = Assert.Single(Problems(result));
        Assert.Equal((DiagnosticCatalog.DatasetParameterIgnored.Code, Severity.Warning), (warning.Code, warning.Severity));
    }

    // L:267-277: no packaged dataset -> none; dataset/train.jsonl beats a root train.jsonl; a root eval.json is found.
    [Fact]
    public void Packaged_dataset_file_probe_order()
    {
        var files = new Dictionary<string, long>(StringComparer.Ordinal);
        var package = new FreesoloPackageView(p => files.TryGetValue(p, out var size) ? size : null, _ => false, false, false);
        Assert.Null(FreesoloSplits.Probe("train", package));

        files["train.jsonl"] = 6;
        files["dataset/train.jsonl"] = 4;
        files["eval.json"] = 2;
        Assert.Equal("dataset/train.jsonl", FreesoloSplits.Probe("train", package));
        Assert.Equal("eval.json", FreesoloSplits.Probe("eval", package));
        Assert.Equal(["dataset/x.jsonl", "dataset/x.json", "x.jsonl", "x.json"], FreesoloSplits.Candidates("x"));
    }

    [Fact]
    public void The_root_train_file_shadowed_by_dataset_train_is_not_what_trains_and_is_not_read()
    {
        var result = new DatasetEnvironment().Lines("dataset/train.jsonl", Train).Lines("train.jsonl", "not json").Validate();

        DatasetEnvironment.Clean(result);
        Assert.Equal(["dataset/train.jsonl"], result.Splits.Select(s => s.Path));
    }

    [Fact]
    public void A_root_split_is_found_and_its_rows_are_validated()
    {
        var result = new DatasetEnvironment().Lines("train.jsonl", Train).Lines("eval.json", "[{\"output\":\"no input\"}]")
            .Text("configs/rl.toml", Config("split = \"eval\"")).Validate();

        Assert.Equal("eval.json", DatasetEnvironment.Single(result, DiagnosticCatalog.InputInvalid.Code).File);
        Assert.Equal(["eval.json", "train.jsonl"], result.Splits.Select(s => s.Path));
    }

    // V:1104-1119 and V:1296-1313: split="oracle" trains on dataset/oracle.jsonl (the thinking check lands there, not on train).
    [Fact]
    public void Split_param_selects_the_split_dataset()
    {
        var result = new DatasetEnvironment().Lines("dataset/train.jsonl", Unthought).Lines("dataset/oracle.jsonl", Unthought)
            .Text("configs/rl.toml", Config("split = \"oracle\"", thinking: true)).Validate();

        Assert.Equal("dataset/oracle.jsonl", DatasetEnvironment.Single(result, DiagnosticCatalog.ThinkBlockMissing.Code).File);
    }

    // V:1122-1140
    [Fact]
    public void A_padded_split_is_stripped()
    {
        var result = new DatasetEnvironment().Lines("dataset/train.jsonl", Train).Lines("dataset/oracle.jsonl", Unthought)
            .Text("configs/rl.toml", Config("split = \" oracle \"", thinking: true)).Validate();

        Assert.Equal("dataset/oracle.jsonl", DatasetEnvironment.Single(result, DiagnosticCatalog.ThinkBlockMissing.Code).File);
    }

    // V:1143-1152
    [Fact]
    public void Missing_split_file_refuses_silent_train_fallback()
    {
        var result = new DatasetEnvironment().Lines("dataset/train.jsonl", Train).Text("configs/rl.toml", Config("split = \"oracle\"")).Validate();

        var error = DatasetEnvironment.Single(result, DiagnosticCatalog.SplitNotFound.Code);
        Assert.Contains("split='oracle' was requested", error.Message, StringComparison.Ordinal);
        Assert.Equal(9, error.Line);
    }

    // V:1155-1164
    [Fact]
    public void Unsafe_split_names_are_rejected() =>
        Assert.Contains("split must be a simple dataset name",
            DatasetEnvironment.Single(
                new DatasetEnvironment().Lines("dataset/train.jsonl", Train).Text("configs/rl.toml", Config("split = \"../oracle\"")).Validate(),
                DiagnosticCatalog.SplitParameterInvalid.Code).Message,
            StringComparison.Ordinal);

    // V:1167-1176
    [Fact]
    public void Split_train_uses_the_default_dataset() =>
        DatasetEnvironment.Clean(new DatasetEnvironment().Lines("dataset/train.jsonl", Train).Text("configs/rl.toml", Config("split = \"train\"")).Validate());

    // Flash defers to the environment when it packages no dataset at all: it may build its rows (or the split) in code.
    [Fact]
    public void No_packaged_dataset_is_no_error_for_a_rollout_run()
    {
        DatasetEnvironment.Clean(new DatasetEnvironment().Text("configs/rl.toml", Config("split = \"oracle\"")).Validate());
        DatasetEnvironment.Clean(new DatasetEnvironment().Text("configs/rl.toml", Config("split = \"train\"", "opd")).Validate());
    }

    // P:409-416: an SFT submit profiles the packaged file and has none; its message names dataset/train.jsonl.
    [Fact]
    public void No_packaged_dataset_is_an_error_for_sft()
    {
        var error = DatasetEnvironment.Single(new DatasetEnvironment().Text("configs/sft.toml", Config(string.Empty, "sft")).Validate(), DiagnosticCatalog.SplitNotFound.Code);

        Assert.Contains("dataset/train.jsonl", error.Message, StringComparison.Ordinal);
    }

    // V:1179-1190 (datasets/train.jsonl only, the env builds no rows: Flash raises) and V:1463-1478 (the env owns its rows:
    // Flash loads). The trees are the same; only load_environment differs, which RlEnv cannot run, so it warns.
    [Fact]
    public void Datasets_plural_dir_alone_is_a_warning_for_a_rollout_run_that_may_build_its_rows()
    {
        var result = new DatasetEnvironment().Lines("datasets/train.jsonl", Train).Text("configs/rl.toml", Config(string.Empty)).Validate();

        var finding = Assert.Single(Problems(result));
        Assert.Equal((DiagnosticCatalog.DatasetsFolder.Code, Severity.Warning), (finding.Code, finding.Severity));
        Assert.Contains("'datasets/' directory", finding.Message, StringComparison.Ordinal);
    }

    // P:252-259: the SFT profiler needs the packaged file whatever the environment does.
    [Fact]
    public void Datasets_plural_dir_alone_is_an_error_for_sft()
    {
        var result = new DatasetEnvironment().Lines("datasets/train.jsonl", Train).Text("configs/sft.toml", Config(string.Empty, "sft")).Validate();

        var error = Assert.Single(Problems(result));
        Assert.Equal((DiagnosticCatalog.DatasetsFolder.Code, Severity.Error), (error.Code, error.Severity));
        Assert.Contains("dataset/<split>.jsonl", error.Message, StringComparison.Ordinal);
    }

    // V:1193-1208: an explicit dataset_path into datasets/ resolves it (flash-tree mode ships datasets/; the documented
    // freesolo mode does not, so there the path names nothing packed).
    [Fact]
    public void Datasets_plural_dir_is_allowed_with_an_explicit_dataset_path()
    {
        var env = new DatasetEnvironment().Lines("datasets/train.jsonl", Train).Text("configs/rl.toml", Config("dataset_path = \"datasets/train.jsonl\""));

        DatasetEnvironment.Clean(env.Validate(rules: RuleSet.FlashTree));
        DatasetEnvironment.Single(env.Validate(), DiagnosticCatalog.DatasetPathNotFound.Code);
    }

    // V:1211-1228
    [Fact]
    public void Datasets_plural_dir_is_allowed_beside_a_probeable_root_split()
    {
        var result = new DatasetEnvironment().Lines("train.jsonl", Oracle).Lines("datasets/eval.jsonl", Dev).Text("configs/rl.toml", Config(string.Empty)).Validate();

        var warning = Assert.Single(Problems(result));
        Assert.Equal((DiagnosticCatalog.DatasetsFolder.Code, Severity.Warning), (warning.Code, warning.Severity));
        Assert.Equal(["train.jsonl"], result.Splits.Select(s => s.Path));
    }

    // V:1504-1521: a requested side split sitting in datasets/ fails even when the env has rows of its own.
    [Fact]
    public void Datasets_plural_dir_raises_for_a_requested_side_split()
    {
        var result = new DatasetEnvironment().Lines("datasets/oracle.jsonl", Oracle).Text("configs/rl.toml", Config("split = \"oracle\"")).Validate();

        var error = DatasetEnvironment.Single(result, DiagnosticCatalog.DatasetsFolder.Code);
        Assert.Equal(Severity.Error, error.Severity);
    }

    // V:1524-1548
    [Fact]
    public void Datasets_plural_split_raises_beside_a_singular_dataset_dir_naming_both_paths()
    {
        var result = new DatasetEnvironment().Lines("dataset/dev.jsonl", Dev).Lines("datasets/oracle.jsonl", Oracle)
            .Text("configs/rl.toml", Config("split = \"oracle\"")).Validate();

        var error = DatasetEnvironment.Single(result, DiagnosticCatalog.DatasetsFolder.Code);
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Contains("datasets/oracle.jsonl", error.Message, StringComparison.Ordinal);
        Assert.Contains("dataset/oracle.jsonl", error.Message, StringComparison.Ordinal);
    }

    // V:1551-1571: the layout error replaces the missing-split refusal.
    [Fact]
    public void Datasets_plural_split_raises_beside_a_packaged_train_file_instead_of_the_split_error()
    {
        var result = new DatasetEnvironment().Lines("dataset/train.jsonl", Train).Lines("datasets/oracle.jsonl", Oracle)
            .Text("configs/rl.toml", Config("split = \"oracle\"")).Validate();

        Assert.Equal(Severity.Error, DatasetEnvironment.Single(result, DiagnosticCatalog.DatasetsFolder.Code).Severity);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCatalog.SplitNotFound.Code);
    }

    // V:1574-1592
    [Fact]
    public void Datasets_plural_dir_is_allowed_beside_a_probeable_split_dir()
    {
        var result = new DatasetEnvironment().Lines("dataset/train.jsonl", Train).Lines("dataset/oracle.jsonl", Oracle).Lines("datasets/oracle.jsonl", Dev)
            .Text("configs/rl.toml", Config("split = \"oracle\"")).Validate();

        Assert.Equal(Severity.Warning, Assert.Single(Problems(result)).Severity);
    }

    // V:1595-1610 and P:302-342: inline records win; nothing needs to be packaged.
    [Fact]
    public void Records_param_wins_and_needs_no_packaged_file()
    {
        DatasetEnvironment.Clean(new DatasetEnvironment().Text("configs/sft.toml", Config("records = [{ input = \"r?\", output = \"r\" }]", "sft")).Validate());
        DatasetEnvironment.Clean(new DatasetEnvironment().Text("configs/sft.toml",
            Config("split = \"oracle\"\n\n[[environment.params.records]]\ninput = \"r?\"\n", "sft")).Validate());
    }

    // P:397-406 and V:1691-1702
    [Theory]
    [InlineData("records = []", "records contain no rows")]
    [InlineData("records = [\"not-an-object\"]", "must contain JSON object rows")]
    [InlineData("records = \"rows\"", "must contain JSON object rows")]
    [InlineData("records = [{ output = \"x\" }, { input = \"y\" }]", "must contain an input field; missing at row indexes [0]")]
    public void Invalid_inline_records_are_refused(string records, string expected)
    {
        var result = new DatasetEnvironment().Text("configs/sft.toml", Config(records, "sft")).Validate();

        Assert.Contains(expected, DatasetEnvironment.Single(result, DiagnosticCatalog.RecordsParameterInvalid.Code).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_path_beside_records_is_never_read_and_warned_about()
    {
        var result = new DatasetEnvironment().Text("configs/rl.toml", Config("records = [{ input = \"r\" }]\ndataset_path = \"missing.jsonl\"")).Validate();

        Assert.Equal(DiagnosticCatalog.DatasetParameterIgnored.Code, Assert.Single(Problems(result)).Code);
    }

    // V:1316-1338 and V:1613-1631: an explicit dataset_path wins over the split (the thinking check lands on its file).
    [Fact]
    public void Explicit_dataset_path_wins_over_split()
    {
        var result = new DatasetEnvironment().Lines("dataset/train.jsonl", Unthought).Lines("dataset/oracle.jsonl", Unthought)
            .Text("configs/rl.toml", Config("dataset_path = \"dataset/train.jsonl\"\nsplit = \"oracle\"", thinking: true)).Validate();

        Assert.Equal("dataset/train.jsonl", DatasetEnvironment.Single(result, DiagnosticCatalog.ThinkBlockMissing.Code).File);
    }

    // P:278-299: split="sft" picks dataset/sft.jsonl; dataset_path="custom.json" (an array) beats the split and is read.
    [Fact]
    public void Sft_split_and_a_custom_json_dataset_path()
    {
        DatasetEnvironment.Clean(new DatasetEnvironment().Lines("dataset/sft.jsonl", Oracle).Text("configs/sft.toml", Config("split = \"sft\"", "sft")).Validate());

        var result = new DatasetEnvironment().Lines("dataset/sft.jsonl", Oracle).Text("custom.json", "[{\"output\":\"no input\"}]")
            .Text("configs/sft.toml", Config("split = \"sft\"\ndataset_path = \"custom.json\"", "sft")).Validate();
        Assert.Equal("custom.json", DatasetEnvironment.Single(result, DiagnosticCatalog.InputInvalid.Code).File);
    }

    // P:551-557, and the escapes RlEnv used to take for packed files (../x.jsonl trimmed to x.jsonl).
    [Theory]
    [InlineData("../train.jsonl")]
    [InlineData("dataset/../../train.jsonl")]
    [InlineData("/abs/train.jsonl")]
    [InlineData(".hidden/train.jsonl")]
    [InlineData("dataset\\\\train.jsonl")]
    public void A_dataset_path_outside_the_package_is_never_packed(string path)
    {
        var result = new DatasetEnvironment().Lines("train.jsonl", Train).Lines("dataset/train.jsonl", Train)
            .Text("configs/sft.toml", Config($"dataset_path = \"{path}\"", "sft")).Validate();

        Assert.Contains("is not a readable packaged dataset file", DatasetEnvironment.Single(result, DiagnosticCatalog.DatasetPathNotFound.Code).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_path_with_dot_segments_inside_the_package_is_packed() =>
        DatasetEnvironment.Clean(new DatasetEnvironment().Lines("dataset/train.jsonl", Train)
            .Text("configs/sft.toml", Config("dataset_path = \"./dataset/../dataset//train.jsonl\"", "sft")).Validate());

    // loader._resolve_path_arg leaves a URL to the SDK on the worker; the SFT profiler reads packaged files only.
    [Fact]
    public void A_url_dataset_path_is_fine_for_a_rollout_run_and_refused_for_sft()
    {
        DatasetEnvironment.Clean(new DatasetEnvironment().Text("configs/rl.toml", Config("dataset_path = \"https://example.com/train.jsonl\"")).Validate());
        DatasetEnvironment.Single(new DatasetEnvironment().Text("configs/sft.toml", Config("dataset_path = \"https://example.com/train.jsonl\"", "sft")).Validate(),
            DiagnosticCatalog.DatasetPathNotFound.Code);
    }

    // P:892-905 (over the profiling limit) and dataset_profile._read_dataset_rows (.jsonl or .json only).
    [Fact]
    public void The_sft_profiler_refuses_a_file_over_32_mib_or_of_another_format()
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal) { ["dataset/train.jsonl"] = FreesoloSplits.MaxProfiledBytes + 1, ["data.csv"] = 10 };
        var package = new FreesoloPackageView(p => sizes.TryGetValue(p, out var s) ? s : null, _ => false, false, true);

        Assert.Equal(FreesoloSplitProblem.SftTooLarge, FreesoloSplits.Select(new("train", null, false, false, "sft"), package).Problem);
        Assert.Null(FreesoloSplits.Select(new("train", null, false, false, "grpo"), package).Problem);
        Assert.Equal(FreesoloSplitProblem.SftWrongExtension, FreesoloSplits.Select(new(null, "data.csv", false, false, "sft"), package).Problem);

        var csv = new DatasetEnvironment().Lines("data.csv", "input", "q").Text("configs/sft.toml", Config("dataset_path = \"data.csv\"", "sft")).Validate();
        Assert.Equal(Severity.Error, DatasetEnvironment.Single(csv, DiagnosticCatalog.SftDatasetUnprofilable.Code).Severity);
    }

    // V:1706-1715 and P:409-416 (`not json`).
    [Fact]
    public void Output_is_optional_and_an_unreadable_file_is_an_error_in_it()
    {
        DatasetEnvironment.Clean(new DatasetEnvironment().Lines("dataset/train.jsonl", "{\"input\":\"x\"}").Validate());
        Assert.Equal("dataset/train.jsonl", DatasetEnvironment.Single(new DatasetEnvironment().Lines("dataset/train.jsonl", "not json").Validate(), DiagnosticCatalog.JsonSyntax.Code).File);
    }

    // adapter.py::_source_row_count and dataset_profile._read_dataset_rows take {"records": [...]} as well as a list.
    [Fact]
    public void A_json_split_may_be_an_object_holding_records()
    {
        DatasetEnvironment.Clean(new DatasetEnvironment().Text("dataset/train.json", "{\"name\":\"x\",\"records\":[" + Train + "]}").Validate());

        var result = new DatasetEnvironment().Text("dataset/train.json", "{\"records\":[{\"output\":\"no input\"}]}").Validate();
        Assert.Equal(1, DatasetEnvironment.Single(result, DiagnosticCatalog.InputInvalid.Code).Line);
        DatasetEnvironment.Single(new DatasetEnvironment().Text("dataset/train.json", "{\"rows\":[" + Train + "]}").Validate(), DiagnosticCatalog.JsonFileShape.Code);
    }
}
