// requirements.txt as `rnow run` checks it before upload (rnow/cli/commands.py run C:2262-2271 calling
// validate_requirements_txt C:644-729, target_python "3.11"), when the file exists and is not empty, for every dataset_type:
//   - read_text(encoding="utf-8"): a file that is not UTF-8 is refused ("Failed to read requirements.txt"); a BOM is not
//     dropped, so it becomes part of the first line;
//   - content.strip() starting with "[" and a "]" on its first line: "appears to be in TOML format";
//   - every line of content.splitlines() (Python's line boundaries), stripped; empty, "#" and "-" (pip option) lines skip;
//   - packaging's Requirement(line) must parse (RnRequirementParser); a marker false for Python 3.11 refuses the line
//     (RnMarkerEvaluator); a marker that depends on the machine running rnow is a warning.
// Not mirrored: the PyPI lookup of each package's Requires-Python (check_pypi_python_compatibility), which needs the
// network; rnow itself skips it when PyPI does not answer. The multi-model path (_submit_single_run) does not call
// validate_requirements_txt: there only what breaks pip on the trainer (not UTF-8, TOML, a line that does not parse) is
// reported, not a marker that merely leaves a package out.
using System.IO.Abstractions;
using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms.ReinforceNow;

public static class RnRequirementsFile
{
    public const string Name = "requirements.txt";

    // str.splitlines() boundaries besides \r\n: \n \r \v \f \x1c \x1d \x1e \x85 \u2028 \u2029.
    private static readonly char[] LineBreaks = ['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\u0085', '\u2028', '\u2029'];

    /// <summary>Checks requirements.txt when the upload set holds it.</summary>
    /// <param name="fileSystem">The file system the walk described.</param>
    /// <param name="packed">The packed root files by path.</param>
    /// <param name="multiModel">Whether config.yml names several models.</param>
    /// <param name="diagnostics">Where findings go.</param>
    public static void Check(IFileSystem fileSystem, IReadOnlyDictionary<string, WalkEntry> packed, bool multiModel, DiagnosticBag diagnostics)
    {
        if (packed.TryGetValue(Name, out var entry) && WalkedFileReader.ReadBytes(fileSystem, entry, diagnostics) is { } bytes)
        {
            Check(bytes, multiModel, diagnostics);
        }
    }

    /// <summary>Checks the file's bytes.</summary>
    /// <param name="bytes">requirements.txt as uploaded.</param>
    /// <param name="multiModel">Whether config.yml names several models (rnow's multi-model path skips the check).</param>
    /// <param name="diagnostics">Where findings go.</param>
    public static void Check(byte[] bytes, bool multiModel, DiagnosticBag diagnostics)
    {
        if (bytes.Length == 0)
        {
            return;
        }

        string content;
        try
        {
            content = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            diagnostics.Add(DiagnosticCatalog.RnRequirementsNotUtf8(Name, e.Index >= 0 ? e.Index : 0));
            return;
        }

        var stripped = PythonStrings.Strip(content);
        if (stripped.StartsWith('[') && stripped.Split('\n')[0].Contains(']', StringComparison.Ordinal))
        {
            diagnostics.Add(DiagnosticCatalog.RnRequirementsInTomlForm(Name));
            return;
        }

        var number = 0;
        foreach (var raw in Lines(content))
        {
            number++;
            var line = PythonStrings.Strip(raw);
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith('-'))
            {
                continue;
            }

            var lead = raw.IndexOf(line, StringComparison.Ordinal);
            var parsed = RnRequirementParser.Parse(line);
            if (parsed.Error is { } error)
            {
                diagnostics.Add(DiagnosticCatalog.RnRequirementUnparsable(Name, line, $"{error} (column {parsed.ErrorColumn})", number, lead + parsed.ErrorColumn));
                continue;
            }

            if (multiModel || parsed.Marker is not { } marker)
            {
                continue;
            }

            var undecided = new SortedSet<string>(StringComparer.Ordinal);
            var markerText = line[(parsed.MarkerStart - 1)..].TrimEnd();
            var column = lead + parsed.MarkerStart;
            switch (RnMarkerEvaluator.Evaluate(marker, undecided))
            {
                case RnMarkerTruth.False:
                    diagnostics.Add(DiagnosticCatalog.RnRequirementExcludedFor311(Name, line, markerText, number, column));
                    break;
                case RnMarkerTruth.Unknown:
                    diagnostics.Add(DiagnosticCatalog.RnRequirementMarkerOfTheMachine(Name, line, markerText, string.Join(", ", undecided), number, column));
                    break;
            }
        }
    }

    private static IEnumerable<string> Lines(string content)
    {
        var start = 0;
        while (start < content.Length)
        {
            var end = content.IndexOfAny(LineBreaks, start);
            if (end < 0)
            {
                yield return content[start..];
                yield break;
            }

            yield return content[start..end];
            start = end + (content[end] == '\r' && end + 1 < content.Length && content[end + 1] == '\n' ? 2 : 1);
        }
    }
}
