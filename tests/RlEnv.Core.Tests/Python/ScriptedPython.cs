namespace RlEnv.Core.Tests.Python;

/// <summary>
/// Executable scripts for tests that need other interpreters than CI's one Python: written with Unix line ends and the
/// execute bit, in folders made as needed.
/// </summary>
internal static class ScriptedPython
{
    /// <summary>An executable file at <paramref name="path"/> holding <paramref name="text"/>.</summary>
    public static string Executable(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>
    /// An interpreter that speaks the syntax worker's protocol: says hello as <paramref name="version"/> and answers every
    /// file with no error; each start appends a line to <paramref name="log"/> when one is given.
    /// </summary>
    public static string Interpreter(string path, string version, string? log = null) => Executable(path, $$"""
        #!/bin/sh
        {{(log is null ? ":" : $"echo start >> '{log}'")}}
        printf '{"executable": "%s", "version": "{{version}}", "implementation": "cpython"}\n' "$0"
        while read -r line; do
          set -- $line
          shift
          results=""
          for _ in "$@"; do results="$results${results:+, }{}"; done
          printf '{"version": "{{version}}", "implementation": "cpython", "results": [%s]}\n' "$results"
        done
        """);
}
