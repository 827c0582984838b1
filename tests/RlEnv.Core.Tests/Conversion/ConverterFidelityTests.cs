using System.IO.Abstractions.TestingHelpers;
using System.Text.Json.Nodes;
using RlEnv.Core.Conversion;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Tests.Conversion;

/// <summary>
/// Issue 12, `rlenv convert`: every loss is counted in records and reported, nothing is invented, and
/// ReinforceNow's midtrain rows have a mapping or a clear error.
/// </summary>
public class ConverterFidelityTests
{
    // Shaped like rnow/templates/kernel/train.jsonl at fbb86f7: 1,139 rows of messages [system, user], rewards, tools,
    // docker and a metadata object with 3 keys (expected_answer, split, task_name).
    private const int KernelRows = 1139;

    private readonly MockFileSystem _fs = new();

    private static string[] KernelLike() =>
        [.. Enumerable.Range(1, KernelRows).Select(i =>
            "{\"messages\":[{\"role\":\"system\",\"content\":\"You are a medical research assistant.\"},{\"role\":\"user\",\"content\":\"Question " + i + "\"}],"
            + "\"rewards\":[\"used_browser\",\"accuracy\"],\"tools\":[\"click\",\"navigate\"],\"docker\":\"browser\","
            + "\"metadata\":{\"expected_answer\":\"A" + i + "\",\"split\":\"train\",\"task_name\":\"t" + i + "\"}}")];

    private (ConvertResult Result, string[] Lines) Convert(string[] lines, RecordFormat from, RecordFormat to, string output = "/out.jsonl")
    {
        _fs.AddFile("/in.jsonl", new MockFileData(string.Join('\n', lines) + "\n"));
        var result = new Converter(_fs).Convert("/in.jsonl", output, from, to);
        return (result, result.OutputPath is null ? [] : _fs.File.ReadAllLines(output));
    }

    private string[] RoundTrip(string[] lines, RecordFormat from, RecordFormat via)
    {
        var (_, there) = Convert(lines, from, via, "/there.jsonl");
        _fs.AddFile("/there-in.jsonl", new MockFileData(string.Join('\n', there) + "\n"));
        var back = new Converter(_fs).Convert("/there-in.jsonl", "/back.jsonl", via, from);
        Assert.NotNull(back.OutputPath);
        return _fs.File.ReadAllLines("/back.jsonl");
    }

    private static void AssertSameJson(string[] expected, string[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected[i]), JsonNode.Parse(actual[i])), $"line {i + 1}:\n{expected[i]}\n{actual[i]}");
        }
    }

    private static string Dropped(ConvertResult result, string field) =>
        Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.ConvertFieldDropped.Code && d.Message.StartsWith(field + ":", StringComparison.Ordinal)).Message;

    [Fact]
    public void Drop_counts_of_a_kernel_like_file_are_its_1139_records_not_its_3417_metadata_keys()
    {
        var (result, lines) = Convert(KernelLike(), RecordFormat.ReinforceNow, RecordFormat.OpenAi);

        Assert.Equal(KernelRows, lines.Length);
        Assert.Equal(KernelRows, result.Dropped["metadata"]);
        Assert.Equal("metadata: the openai format cannot hold it; left out of 1,139 records.", Dropped(result, "metadata"));
        Assert.Equal(KernelRows, result.Dropped["rewards"]);
        Assert.Equal(KernelRows, result.Dropped["docker"]);
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("3,417", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_system_messages_left_out_of_one_record_count_as_one_record()
    {
        string[] entries =
        [
            "{\"messages\":[{\"role\":\"system\",\"content\":\"S1\"},{\"role\":\"system\",\"content\":\"S2\"},{\"role\":\"user\",\"content\":\"U\"}]}",
            "{\"messages\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"U\"}]}",
        ];

        var (result, _) = Convert(entries, RecordFormat.ReinforceNow, RecordFormat.Freesolo);

        Assert.Equal(2, result.Dropped["prompt message (system)"]);
        Assert.Equal("prompt message (system): the freesolo format cannot hold it; left out of 2 records.", Dropped(result, "prompt message (system)"));
    }

    // rnow/models.py:131-137 Message.content is `str | list`; the VLM form is [{"type": "image", "image": "data:..."}, {"type": "text", ...}]
    // (rnow/skills/rnow-train-jsonl/SKILL.md, "VLM Images").
    private const string ImageEntry =
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"image\":\"data:image/png;base64,iVBORw0KGgo=\"},{\"type\":\"text\",\"text\":\"What is in this image?\"}]}],\"rewards\":[\"accuracy\"]}";

    [Fact]
    public void List_content_going_to_freesolo_keeps_its_text_as_text_and_reports_the_image()
    {
        var (result, lines) = Convert([ImageEntry], RecordFormat.ReinforceNow, RecordFormat.Freesolo);

        AssertSameJson(["{\"input\":\"What is in this image?\"}"], lines);
        Assert.Equal(1, result.Dropped["user content part (image)"]);
        Assert.Equal(1, result.Dropped["user content list (text parts joined)"]);
    }

    [Fact]
    public void List_content_going_to_runrl_keeps_its_text_as_text_and_reports_the_image()
    {
        var (result, lines) = Convert([ImageEntry], RecordFormat.ReinforceNow, RecordFormat.RunRl);

        AssertSameJson(["{\"prompt\":[{\"role\":\"user\",\"content\":\"What is in this image?\"}]}"], lines);
        Assert.Equal(1, result.Dropped["user content part (image)"]);
    }

    [Fact]
    public void List_content_going_to_openai_becomes_openai_image_parts_and_comes_back_unchanged()
    {
        var (result, lines) = Convert([ImageEntry], RecordFormat.ReinforceNow, RecordFormat.OpenAi);

        AssertSameJson(
            ["{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}},{\"type\":\"text\",\"text\":\"What is in this image?\"}]}]}"],
            lines);
        Assert.Equal(new Dictionary<string, long> { ["rewards"] = 1 }, result.Dropped);
        AssertSameJson(["{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"image\":\"data:image/png;base64,iVBORw0KGgo=\"},{\"type\":\"text\",\"text\":\"What is in this image?\"}]}]}"],
            RoundTrip([ImageEntry.Replace(",\"rewards\":[\"accuracy\"]", string.Empty, StringComparison.Ordinal)], RecordFormat.ReinforceNow, RecordFormat.OpenAi));
    }

    [Fact]
    public void An_extra_key_of_the_user_message_going_to_freesolo_is_reported_and_openai_keeps_it()
    {
        string[] entries = ["{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\",\"name\":\"alice\"},{\"role\":\"assistant\",\"content\":\"Hello\"}]}"];

        var (result, lines) = Convert(entries, RecordFormat.ReinforceNow, RecordFormat.Freesolo);

        AssertSameJson(["{\"input\":\"Hi\",\"output\":\"Hello\"}"], lines);
        Assert.Equal("user message key 'name': the freesolo format cannot hold it; left out of 1 record.", Dropped(result, "user message key 'name'"));
        AssertSameJson(entries, RoundTrip(entries, RecordFormat.ReinforceNow, RecordFormat.OpenAi));
    }

    [Fact]
    public void A_record_without_a_user_message_is_not_given_an_invented_one_on_the_way_to_freesolo()
    {
        string[] entries =
        [
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"assistant\",\"content\":\"A\"}]}",
            "{\"messages\":[{\"role\":\"system\",\"content\":\"Greet the user.\"},{\"role\":\"assistant\",\"content\":\"Hello!\"}]}",
        ];
        _fs.AddFile("/out.jsonl", new MockFileData("earlier"));

        var (result, _) = Convert(entries, RecordFormat.ReinforceNow, RecordFormat.Freesolo);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(("RLENV2503", 2), (error.Code, error.Line!.Value));
        Assert.Equal("No freesolo counterpart: the record has no user message, and a freesolo 'input' is the user's prompt; none is invented.", error.Message);
        Assert.Null(result.OutputPath);
        Assert.Equal("earlier", _fs.File.ReadAllText("/out.jsonl"));
    }

    [Fact]
    public void A_record_without_a_user_message_keeps_its_system_prompt_as_the_runrl_prompt()
    {
        string[] entries = ["{\"messages\":[{\"role\":\"system\",\"content\":\"Greet the user.\"},{\"role\":\"assistant\",\"content\":\"Hello!\"}]}"];

        var (result, lines) = Convert(entries, RecordFormat.ReinforceNow, RecordFormat.RunRl);

        AssertSameJson(["{\"prompt\":[{\"role\":\"system\",\"content\":\"Greet the user.\"}]}"], lines);
        Assert.Equal(new Dictionary<string, long> { ["output (gold completion)"] = 1 }, result.Dropped);
        AssertSameJson(entries, RoundTrip(entries, RecordFormat.ReinforceNow, RecordFormat.OpenAi));
    }

    // rnow/models.py:173-177 TrainEntryMidtrain: {"text": str (min_length=1)}, extra keys allowed; chosen for dataset_type midtrain
    // (rnow/cli/commands.py:495-501). Rows shaped like rnow/templates/posttrain/train.jsonl.
    private static readonly string[] MidtrainRows =
    [
        "{\"text\":\"Problem: Find x in 2x + 5 = 13.\\n\\nSolution: x = 4.\"}",
        "{\"text\":\"Problem: What is the area of a 3-4-5 triangle?\\n\\nSolution: 6.\",\"metadata\":{\"source\":\"geometry\"}}",
    ];

    [Fact]
    public void Midtrain_text_rows_become_freesolo_input_without_output_and_the_change_of_kind_is_reported()
    {
        var (result, lines) = Convert(MidtrainRows, RecordFormat.ReinforceNow, RecordFormat.Freesolo);

        AssertSameJson(
        [
            "{\"input\":\"Problem: Find x in 2x + 5 = 13.\\n\\nSolution: x = 4.\"}",
            "{\"input\":\"Problem: What is the area of a 3-4-5 triangle?\\n\\nSolution: 6.\",\"metadata\":{\"source\":\"geometry\"}}",
        ], lines);
        var note = Assert.Single(result.Diagnostics);
        Assert.Equal(("RLENV2504", Severity.Warning), (note.Code, note.Severity));
        Assert.Equal("midtrain 'text' rows: written as freesolo 'input' with no 'output' in 2 records; converted back, they are user messages, not 'text'.", note.Message);
    }

    [Fact]
    public void Midtrain_text_rows_stay_text_in_reinforcenow()
    {
        var (result, lines) = Convert(MidtrainRows, RecordFormat.ReinforceNow, RecordFormat.ReinforceNow);

        AssertSameJson(MidtrainRows, lines);
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData(RecordFormat.OpenAi, "No openai counterpart: a midtrain 'text' row is a document, and an openai chat record holds only messages.")]
    [InlineData(RecordFormat.RunRl, "No runrl counterpart: a midtrain 'text' row is a document with no role, and a runrl prompt is an array of messages.")]
    public void Midtrain_text_rows_going_where_no_document_fits_are_a_no_counterpart_error(RecordFormat to, string message)
    {
        var (result, _) = Convert(MidtrainRows, RecordFormat.ReinforceNow, to);

        Assert.Null(result.OutputPath);
        Assert.Equal([1, 2], result.Diagnostics.Where(d => d.Code == "RLENV2503").Select(d => d.Line!.Value));
        Assert.All(result.Diagnostics, d => Assert.Equal(message, d.Message));
    }

    // rnow/models.py:147 TrainEntry.tools is list[str] (tool names, schemas come from tools.py); OpenAI's `tools` are function schemas.
    [Fact]
    public void Tools_map_between_openai_schemas_and_reinforcenow_names_and_the_rest_is_reported()
    {
        string[] openAi = ["{\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}]}"];
        string[] rnow = ["{\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],\"tools\":[\"get_weather\"]}"];

        var (toRnow, rnowLines) = Convert(openAi, RecordFormat.OpenAi, RecordFormat.ReinforceNow);
        var (toOpenAi, openAiLines) = Convert(rnow, RecordFormat.ReinforceNow, RecordFormat.OpenAi, "/out2.jsonl");

        AssertSameJson(rnow, rnowLines);
        Assert.Equal(new Dictionary<string, long> { ["tools (function schemas; names kept)"] = 1 }, toRnow.Dropped);
        AssertSameJson(["{\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]}"], openAiLines);
        Assert.Equal(new Dictionary<string, long> { ["tools (names without schemas)"] = 1 }, toOpenAi.Dropped);
    }

    [Fact]
    public void A_number_answer_is_reported_where_it_becomes_message_text_and_stays_a_number_in_freesolo()
    {
        string[] records = ["{\"input\":\"What is 2 + 2?\",\"output\":4}"];

        var (result, lines) = Convert(records, RecordFormat.Freesolo, RecordFormat.ReinforceNow);

        AssertSameJson(["{\"messages\":[{\"role\":\"user\",\"content\":\"What is 2 + 2?\"},{\"role\":\"assistant\",\"content\":\"4\"}]}"], lines);
        Assert.Equal(new Dictionary<string, long> { ["number output (written as text)"] = 1 }, result.Dropped);
        AssertSameJson(records, Convert(records, RecordFormat.Freesolo, RecordFormat.Freesolo, "/same.jsonl").Lines);
    }

    [Fact]
    public void A_message_that_is_not_an_object_is_a_record_error_at_its_line()
    {
        var (messages, _) = Convert(["{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"}]}", "{\"messages\":[null]}"], RecordFormat.ReinforceNow, RecordFormat.Freesolo);
        var (output, _) = Convert(["{\"input\":\"x\",\"output\":[1]}"], RecordFormat.Freesolo, RecordFormat.ReinforceNow);

        var error = Assert.Single(messages.Diagnostics);
        Assert.Equal((DiagnosticCatalog.ConvertRecordInvalid.Code, 2), (error.Code, error.Line!.Value));
        Assert.Equal("Not a reinforcenow record: each message must be a JSON object.", error.Message);
        Assert.Equal(DiagnosticCatalog.ConvertRecordInvalid.Code, Assert.Single(output.Diagnostics).Code);
    }
}
