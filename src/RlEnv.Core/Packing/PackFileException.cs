namespace RlEnv.Core.Packing;

/// <summary>A member could not be streamed as the walk saw it (it changed size, or cannot be read): the pack stops.</summary>
public sealed class PackFileException(string path, string code, string message) : Exception(message)
{
    public string Path { get; } = path;

    public string Code { get; } = code;
}
