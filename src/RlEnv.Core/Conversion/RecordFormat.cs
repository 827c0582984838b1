namespace RlEnv.Core.Conversion;

/// <summary>The JSONL record formats `rlenv convert` reads and writes.</summary>
public enum RecordFormat
{
    /// <summary>{"input", "output", "metadata"} (Freesolo dataset records).</summary>
    Freesolo,

    /// <summary>{"messages", "rewards", "metadata", "variables", "tools", "docker", ...}, or a midtrain row {"text"} (ReinforceNow train.jsonl).</summary>
    ReinforceNow,

    /// <summary>{"prompt": [...], ...kwargs} (RunRL prompt files).</summary>
    RunRl,

    /// <summary>{"messages", "tools", "parallel_tool_calls"} (OpenAI chat fine-tuning JSONL).</summary>
    OpenAi,
}

public static class RecordFormatNames
{
    public static readonly IReadOnlyDictionary<string, RecordFormat> ByName = new Dictionary<string, RecordFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["freesolo"] = RecordFormat.Freesolo,
        ["reinforcenow"] = RecordFormat.ReinforceNow,
        ["runrl"] = RecordFormat.RunRl,
        ["openai"] = RecordFormat.OpenAi,
    };
}
