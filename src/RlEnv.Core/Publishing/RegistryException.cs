namespace RlEnv.Core.Publishing;

/// <summary>A registry answered with an error, or could not be reached. The message never holds a credential.</summary>
public sealed class RegistryException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
