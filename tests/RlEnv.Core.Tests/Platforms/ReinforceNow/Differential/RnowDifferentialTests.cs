using System.IO.Abstractions;
using System.Text;
using System.Text.Json;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.ReinforceNow.Differential;

/// <summary>
/// The differential table (issue 12's acceptance): single-defect ReinforceNow projects whose verdict was obtained by
/// running ReinforceNow's own code (`rnow run` from reinforcenow-cli, then the trainer's import of rewards.py/tools.py
/// with rnow's decorators); generate.py beside this file builds the table and says how to regenerate it.
/// Each case is written to a real folder and validated the way `rlenv validate --profile reinforcenow` does.
/// The contract: rnow refuses (or crashes) exactly when RlEnv reports an error; where rnow names a file, RlEnv has
/// an error in that file, and where rnow names a line, at that line. Cases marked rlenvStricter are ones rnow accepts
/// but RlEnv refuses on purpose (guide rules rnow's code does not enforce, rows past rnow's first 50); they carry
/// the file and line where RlEnv should report. A file rnow names as missing is not required to carry the error.
/// </summary>
public class RnowDifferentialTests
{
    private const string TableName = "rnow-differential.json";

    private static readonly Lazy<Table> Loaded = new(Load);

    public static TheoryData<string> CaseIds
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var item in Loaded.Value.Cases)
            {
                data.Add(item.Id);
            }

            return data;
        }
    }

    [Fact]
    public void The_table_has_at_least_120_refused_single_defect_projects_and_20_clean_ones()
    {
        var cases = Loaded.Value.Cases;
        Assert.Equal(cases.Count, cases.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.True(cases.Count(c => c.Refused) >= 120, $"{cases.Count(c => c.Refused)} refused cases");
        Assert.True(cases.Count(c => !c.Refused && !c.Stricter) >= 20, $"{cases.Count(c => !c.Refused && !c.Stricter)} accepted cases");
        Assert.All(cases.Where(c => c.Stricter), c =>
        {
            Assert.False(c.Refused);
            Assert.False(string.IsNullOrWhiteSpace(c.StricterReason));
        });
        Assert.Matches("^[0-9a-f]{40}$", Loaded.Value.RnowCommit);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void RlEnv_agrees_with_rnow(string id)
    {
        // A ratchet, not a skip: a case listed in known-disagreements.txt must still disagree (so a fix forces the
        // list to shrink), and every other case must agree.
        if (!KnownDisagreements.Value.TryGetValue(id, out var reason))
        {
            Check(id);
            return;
        }

        try
        {
            Check(id);
        }
        catch (Xunit.Sdk.XunitException)
        {
            return;
        }

        Assert.Fail($"{id} now agrees with rnow; remove it from {KnownName} (it was listed as: {reason}).");
    }

    [Fact]
    public void Every_known_disagreement_names_a_case_of_the_table_and_a_reason()
    {
        var ids = Loaded.Value.Cases.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

        Assert.All(KnownDisagreements.Value, pair =>
        {
            Assert.Contains(pair.Key, ids);
            Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{pair.Key} has no reason");
        });
    }

    private const string KnownName = "known-disagreements.txt";

    private static readonly Lazy<Dictionary<string, string>> KnownDisagreements = new(() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Platforms", "ReinforceNow", "Differential", KnownName))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('#', 2))
            .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : string.Empty, StringComparer.Ordinal));

    private static void Check(string id)
    {
        var item = Loaded.Value.Cases.Single(c => c.Id == id);
        using var project = new TempDirectory();
        foreach (var file in item.ProjectFiles)
        {
            File.WriteAllBytes(project.Combine(file.Name), file.Bytes);
        }

        var result = new ValidateEngine(new FileSystem()).Validate(new PackRequest
        {
            EnvironmentDirectory = project.Path,
            OutputDirectory = project.Combine("..", Path.GetFileName(project.Path) + "-out"),
            Profile = Profile.ReinforceNow,
        });
        var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        var report = Describe(item, result.Diagnostics);

        if (item.Stricter)
        {
            Assert.True(errors.Count > 0, $"RlEnv must refuse this on purpose ({item.StricterReason}), but reported no error.{report}");
            AssertPlace(errors, item.RlEnvFile is null ? [] : [item.RlEnvFile], item.RlEnvFile, item.RlEnvLine is { } line ? [line] : [], report);
        }
        else if (item.Refused)
        {
            Assert.True(errors.Count > 0, $"rnow refuses this ({item.Stage}), RlEnv reported no error.{report}");

            // A file rnow names that the project lacks ("rewards.py at ..." missing) cannot hold the error: RlEnv may
            // report it on the folder or on the rows that need the file, so only files that exist are required.
            var present = item.NamedFiles.Where(name => item.ProjectFiles.Any(f => f.Name == name)).ToList();
            AssertPlace(errors, present, item.LineFile, [.. item.Lines], report);
        }
        else
        {
            Assert.True(errors.Count == 0, $"rnow accepts this, RlEnv reported {errors.Count} error(s).{report}");
        }
    }

    private static void AssertPlace(List<Diagnostic> errors, List<string> files, string? lineFile, List<int> lines, string report)
    {
        if (files.Count > 0)
        {
            Assert.True(errors.Any(e => files.Contains(e.File ?? string.Empty, StringComparer.Ordinal)),
                $"no error in {string.Join(" or ", files)}.{report}");
        }

        if (lineFile is not null && lines.Count > 0)
        {
            Assert.True(errors.Any(e => e.File == lineFile && e.Line is { } l && lines.Contains(l)),
                $"no error in {lineFile} at line {string.Join(" or ", lines)}.{report}");
        }
    }

    private static string Describe(Case item, IReadOnlyList<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        text.Append("\n  case: ").Append(item.Id).Append(" (").Append(item.Category).Append("): ").Append(item.Description);
        text.Append("\n  rnow: ").Append(item.Verdict);
        if (item.Stage is not null)
        {
            text.Append(", stage ").Append(item.Stage);
        }

        if (item.NamedFiles.Count > 0)
        {
            text.Append(", names ").Append(string.Join(", ", item.NamedFiles));
        }

        if (item.LineFile is not null && item.Lines.Count > 0)
        {
            text.Append(", line ").Append(string.Join(" or ", item.Lines));
        }

        if (item.Message is not null)
        {
            text.Append("\n  rnow says: ").Append(item.Message.Replace("\n", "\n    ", StringComparison.Ordinal));
        }

        text.Append("\n  RlEnv:");
        if (diagnostics.Count == 0)
        {
            text.Append(" nothing");
        }

        foreach (var d in diagnostics)
        {
            text.Append("\n    ").Append(d.Severity).Append(' ').Append(d.Code).Append(' ').Append(d.File ?? "-")
                .Append(':').Append(d.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-").Append(' ').Append(d.Message);
        }

        return text.ToString();
    }

    private static Table Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Platforms", "ReinforceNow", "Differential", TableName);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var cases = new List<Case>();
        foreach (var c in root.GetProperty("cases").EnumerateArray())
        {
            var rnow = c.GetProperty("rnow");
            var files = c.GetProperty("files").EnumerateArray().Select(f => new ProjectFile(
                f.GetProperty("name").GetString()!,
                f.TryGetProperty("base64", out var b64) ? Convert.FromBase64String(b64.GetString()!) : new UTF8Encoding(false).GetBytes(f.GetProperty("text").GetString()!))).ToList();
            var lines = new List<int>();
            if (rnow.TryGetProperty("line", out var line))
            {
                lines.Add(line.GetInt32());
            }

            if (rnow.TryGetProperty("lineAlternatives", out var alternatives))
            {
                lines.AddRange(alternatives.EnumerateArray().Select(a => a.GetInt32()));
            }

            cases.Add(new Case(
                c.GetProperty("id").GetString()!,
                c.GetProperty("category").GetString()!,
                c.GetProperty("description").GetString()!,
                files,
                rnow.GetProperty("verdict").GetString()!,
                Text(rnow, "stage"),
                Text(rnow, "message"),
                rnow.TryGetProperty("files", out var named) ? [.. named.EnumerateArray().Select(n => n.GetString()!)] : [],
                Text(rnow, "lineFile"),
                lines,
                c.TryGetProperty("rlenvStricter", out var stricter) && stricter.GetBoolean(),
                Text(c, "stricterReason"),
                Text(c, "rlenvFile"),
                c.TryGetProperty("rlenvLine", out var rlenvLine) && rlenvLine.ValueKind == JsonValueKind.Number ? rlenvLine.GetInt32() : null));
        }

        return new Table(root.GetProperty("rnow").GetProperty("commit").GetString()!, cases);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record Table(string RnowCommit, IReadOnlyList<Case> Cases);

    private sealed record ProjectFile(string Name, byte[] Bytes);

    private sealed record Case(
        string Id,
        string Category,
        string Description,
        IReadOnlyList<ProjectFile> ProjectFiles,
        string Verdict,
        string? Stage,
        string? Message,
        IReadOnlyList<string> NamedFiles,
        string? LineFile,
        IReadOnlyList<int> Lines,
        bool Stricter,
        string? StricterReason,
        string? RlEnvFile,
        int? RlEnvLine)
    {
        /// <summary>A crash of rnow's run is a refusal of its own kind: the project does not get through.</summary>
        public bool Refused => Verdict != "accepted";
    }
}
