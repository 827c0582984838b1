namespace RlEnv.Core.Validation;

public sealed record ValidationOptions
{
    public const long DefaultMaxLineBytes = 64L * 1024 * 1024;
    public const int DefaultMaxDiagnosticsPerFileAndCode = 50;

    public static readonly ValidationOptions Default = new();

    /// <summary>A JSONL line (or a whole .json file) longer than this is an error; memory never holds more.</summary>
    public long MaxLineBytes { get; init; } = DefaultMaxLineBytes;

    public int MaxDiagnosticsPerFileAndCode { get; init; } = DefaultMaxDiagnosticsPerFileAndCode;

    /// <summary>Python's json module recurses once per level and stops near 1,000 (sys.getrecursionlimit()).</summary>
    public int MaxDepth { get; init; } = 1000;

    /// <summary>Whether packed .py files are checked by a Python interpreter; off for callers that need the walk alone (ls, the SDK's resolve step).</summary>
    public bool CheckPythonSyntax { get; init; } = true;

    /// <summary>
    /// Memory for the input digests behind duplicate and leakage findings, shared by a validation's splits; past it they
    /// go to a temp file and the findings stay the same (<see cref="InputDigestBudget"/>).
    /// </summary>
    public long InputDigestBytes { get; init; } = InputDigestBudget.DefaultBytes;

    /// <summary>The interpreter that checks Python syntax; null uses RLENV_PYTHON, else the first Python 3.11+ of python3.11, python3, python on PATH.</summary>
    public string? PythonCommand { get; init; }
}
