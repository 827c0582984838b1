using RlEnv.Core.Platforms.Freesolo;

namespace RlEnv.Core.Validation;

/// <summary>One Flash config's dataset selection, with where it was written.</summary>
/// <param name="File">The config, relative to the environment root.</param>
/// <param name="Line">Where the selection is written: dataset_path, else split, else [environment.params], else [environment].</param>
/// <param name="Column">The column of that position.</param>
/// <param name="Request">What [environment.params] asks for, as Flash reads it.</param>
/// <param name="Thinking">Whether the config sets thinking = true.</param>
/// <param name="DatasetPathRepr">dataset_path as Python's repr() shows it, when it is set.</param>
public sealed record ConfigSelection(string File, int Line, int Column, FreesoloDatasetRequest Request, bool Thinking, string? DatasetPathRepr = null);
