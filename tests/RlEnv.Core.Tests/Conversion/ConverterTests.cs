using System.IO.Abstractions.TestingHelpers;
using System.Text.Json.Nodes;
using RlEnv.Core.Conversion;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Tests.Conversion;

public class ConverterTests
{
    private const string ToolOutput = "{\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"refund_order\",\"arguments\":\"{\\\"order\\\":\\\"last\\\"}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"ok\"},{\"role\":\"assistant\",\"content\":\"Refunded.\"}]}";

    private static readonly string[] FreesoloRecords =
    [
        "{\"input\":\"What is 2 + 2?\",\"output\":\"4\",\"metadata\":{\"difficulty\":\"easy\",\"tags\":[\"math\"]}}",
        "{\"input\":\"Refund my last order.\",\"output\":" + ToolOutput + "}",
        "{\"input\":\"No gold answer here\",\"metadata\":{\"id\":7}}",
    ];

    private readonly MockFileSystem _fs = new();

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

    [Fact]
    public void Freesolo_to_reinforcenow_and_back_keeps_input_output_tool_calls_and_metadata() =>
        AssertSameJson(FreesoloRecords, RoundTrip(FreesoloRecords, RecordFormat.Freesolo, RecordFormat.ReinforceNow));

    [Fact]
    public void Freesolo_to_openai_and_back_keeps_what_openai_holds_and_reports_metadata()
    {
        var (result, _) = Convert(FreesoloRecords, RecordFormat.Freesolo, RecordFormat.OpenAi);
        var back = RoundTrip(FreesoloRecords, RecordFormat.Freesolo, RecordFormat.OpenAi);

        // Two records carry metadata (three keys between them): the count is records.
        Assert.Equal(2, result.Dropped["metadata"]);
        AssertSameJson(
        [
            "{\"input\":\"What is 2 + 2?\",\"output\":\"4\"}",
            "{\"input\":\"Refund my last order.\",\"output\":" + ToolOutput + "}",
            "{\"input\":\"No gold answer here\"}",
        ], back);
    }

    [Fact]
    public void Reinforcenow_to_freesolo_reports_system_prompts_rewards_and_tools_with_counts()
    {
        string[] entries =
        [
            "{\"messages\":[{\"role\":\"system\",\"content\":\"Tutor\"},{\"role\":\"user\",\"content\":\"What is 2+2?\"}],\"rewards\":[\"accuracy\"],\"metadata\":{\"answer\":\"4\"}}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello!\"}],\"tools\":[\"web_search\"],\"rewards\":[\"quality\"]}",
        ];

        var (result, lines) = Convert(entries, RecordFormat.ReinforceNow, RecordFormat.Freesolo);

        Assert.Equal(new Dictionary<string, long> { ["prompt message (system)"] = 1, ["rewards"] = 2, ["tools"] = 1 }, result.Dropped);
        Assert.Equal(3, result.Diagnostics.Count(d => d.Code == DiagnosticCatalog.ConvertFieldDropped.Code));
        AssertSameJson(["{\"input\":\"What is 2+2?\",\"metadata\":{\"answer\":\"4\"}}", "{\"input\":\"Hi\",\"output\":\"Hello!\"}"], lines);
    }

    [Fact]
    public void Reinforcenow_to_openai_and_back_is_lossless_for_messages_and_reports_the_rest()
    {
        string[] entries = ["{\"messages\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"U\"},{\"role\":\"assistant\",\"content\":\"A\"},{\"role\":\"user\",\"content\":\"U2\"}]}"];

        AssertSameJson(entries, RoundTrip(entries, RecordFormat.ReinforceNow, RecordFormat.OpenAi));
    }

    [Fact]
    public void Runrl_to_reinforcenow_and_back_keeps_prompts_and_kwargs_as_metadata()
    {
        string[] prompts = ["{\"prompt\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"What is 3+4?\"}],\"expected_result\":\"7\"}"];

        var (_, there) = Convert(prompts, RecordFormat.RunRl, RecordFormat.ReinforceNow);

        AssertSameJson(["{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"What is 3+4?\"}],\"metadata\":{\"expected_result\":\"7\"}}"], there);
        AssertSameJson(prompts, RoundTrip(prompts, RecordFormat.RunRl, RecordFormat.ReinforceNow));
    }

    [Fact]
    public void Freesolo_to_runrl_reports_the_gold_completion_it_cannot_hold()
    {
        var (result, lines) = Convert(FreesoloRecords, RecordFormat.Freesolo, RecordFormat.RunRl);

        Assert.Equal(2, result.Dropped["output (gold completion)"]);
        AssertSameJson(["{\"prompt\":[{\"role\":\"user\",\"content\":\"What is 2 + 2?\"}],\"difficulty\":\"easy\",\"tags\":[\"math\"]}"], lines[..1]);
    }

    [Fact]
    public void Invalid_input_lines_are_errors_with_their_line_and_nothing_is_written()
    {
        _fs.AddFile("/out.jsonl", new MockFileData("earlier"));

        var (result, _) = Convert([FreesoloRecords[0], "{\"output\":\"no input\"}", "{broken", "{\"input\":\"a\",\"input\":\"b\"}"], RecordFormat.Freesolo, RecordFormat.ReinforceNow);

        Assert.Null(result.OutputPath);
        Assert.Equal([2, 3, 4], result.Diagnostics.Where(d => d.Code == DiagnosticCatalog.ConvertRecordInvalid.Code).Select(d => d.Line!.Value));
        Assert.Equal("earlier", _fs.File.ReadAllText("/out.jsonl"));
        Assert.Single(_fs.Directory.GetFiles("/"), f => f.StartsWith("/out", StringComparison.Ordinal));
    }
}
