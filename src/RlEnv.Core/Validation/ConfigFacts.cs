namespace RlEnv.Core.Validation;

/// <summary>One Flash config's dataset selection, with where it was written.</summary>
public sealed record ConfigSelection(string File, int Line, int Column, string? Split, string? DatasetPath, bool Thinking);
