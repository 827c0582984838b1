namespace RlEnv.Core.Conversion;

/// <summary>Why a record cannot be written in the target format without inventing something.</summary>
public enum NoCounterpart
{
    /// <summary>A midtrain document going to OpenAI chat records, which hold only messages.</summary>
    MidtrainTextToOpenAi,

    /// <summary>A midtrain document going to a RunRL prompt, an array of messages with roles.</summary>
    MidtrainTextToRunRl,

    /// <summary>No user message to become Freesolo's `input`.</summary>
    NoUserMessageForFreesolo,

    /// <summary>No message before the model's answer to become RunRL's `prompt`.</summary>
    NoPromptForRunRl,
}
