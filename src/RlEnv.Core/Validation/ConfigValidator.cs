using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Rules;
using RlEnv.Core.Walking;
using Tomlyn.Syntax;
using TomlParser = Tomlyn.Parsing.SyntaxParser;

namespace RlEnv.Core.Validation;

/// <summary>
/// Reads Flash configs (<c>configs/*.toml</c>, and root <c>*.toml</c> holding an [environment] table) with
/// Tomlyn's syntax tree, so every finding carries its line and column, checks each against Freesolo's config schema
/// (<see cref="FreesoloConfigSchema"/>: spec_from_dict as `flash train` runs it), and returns which rows each config
/// trains on (split, dataset_path or records).
/// </summary>
public sealed class ConfigValidator(IFileSystem fileSystem, EnvironmentWalker walker, IReadOnlyList<Decision> decisions)
{
    public IReadOnlyList<ConfigSelection> Read(DiagnosticBag diagnostics)
    {
        var selections = new List<ConfigSelection>();
        foreach (var (entry, inConfigs) in ConfigFiles(diagnostics))
        {
            var relative = entry.Path;
            if (WalkedFileReader.ReadText(fileSystem, entry, diagnostics) is not { } text)
            {
                continue;
            }

            // Tomlyn parses nested arrays and inline tables recursively: a deep one would overflow the stack.
            if (NestingDepth.Toml(text, NestingDepth.MaxDepth) is { } tooDeep)
            {
                diagnostics.Add(DiagnosticCatalog.ConfigTomlNestedTooDeep(relative, NestingDepth.MaxDepth, tooDeep.Line, tooDeep.Column));
                continue;
            }

            var document = TomlParser.Parse(text, relative, true);
            if (document.HasErrors)
            {
                foreach (var error in document.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error).Take(10))
                {
                    diagnostics.Add(DiagnosticCatalog.ConfigTomlSyntaxError(relative, error.Message, error.Span.Start.Line + 1, error.Span.Start.Column + 1));
                }

                continue;
            }

            var root = TomlValue.FromDocument(document);
            var overlay = !root.Has("environment");
            if (overlay && !inConfigs)
            {
                // A root *.toml without [environment] is some other tool's file (ruff.toml, a linter's config).
                continue;
            }

            if (overlay)
            {
                diagnostics.Add(DiagnosticCatalog.ConfigEnvironmentTableMissing(relative, 1, 1));
            }

            var report = new FreesoloConfigReport(relative, diagnostics);
            var facts = FreesoloConfigSchema.Check(root, overlay, report);
            if (!overlay && root["environment"] is { IsTable: true } environment && Selection(environment, facts, report) is { } selection)
            {
                selections.Add(selection);
            }
        }

        return selections;
    }

    /// <summary>
    /// configs/*.toml and root *.toml (not pyproject.toml), as the walk describes them: configs/ is listed
    /// even when it is not packed, but a link or special file there is never read (its target could be
    /// /etc/shadow, /dev/zero or a FIFO).
    /// </summary>
    private IEnumerable<(WalkEntry Entry, bool InConfigs)> ConfigFiles(DiagnosticBag diagnostics)
    {
        var configs = decisions.FirstOrDefault(d => d.Path == "configs");
        if (configs is { Entry.Kind: EntryKind.Directory })
        {
            var children = configs.Included
                ? [.. decisions.Where(d => d.Entry.Depth == 1 && d.Path.StartsWith("configs/", StringComparison.Ordinal)).Select(d => d.Entry)]
                : walker.DescribeChildren(configs.Entry.FullPath, "configs/", diagnostics);
            foreach (var child in children.Where(c => c.Path.EndsWith(".toml", StringComparison.Ordinal)))
            {
                if (child.Kind == EntryKind.File)
                {
                    yield return (child, true);
                }
                else if (!configs.Included && child.Kind is EntryKind.Symlink or EntryKind.Special)
                {
                    diagnostics.Add(DiagnosticCatalog.ConfigCandidateNotRegularFile(PathPortability.Display(child.Path), child.Kind == EntryKind.Symlink));
                }
            }
        }

        foreach (var decision in decisions.Where(d => d.Entry.Depth == 0 && d.Entry.Kind == EntryKind.File && d.Path.EndsWith(".toml", StringComparison.Ordinal)))
        {
            if (!decision.Path.Equals("pyproject.toml", StringComparison.OrdinalIgnoreCase))
            {
                yield return (decision.Entry, false);
            }
        }
    }

    private static ConfigSelection? Selection(TomlValue environment, FreesoloConfigFacts facts, FreesoloConfigReport report)
    {
        var parameters = facts.Params;
        if (environment["params"] is { IsTable: false })
        {
            return null;
        }

        if (FreesoloSplits.Request(parameters, facts.Algorithm, report) is not { } request)
        {
            return null;
        }

        var anchor = parameters?["dataset_path"] ?? parameters?["split"] ?? parameters ?? environment;
        var pathRepr = parameters?["dataset_path"] is { } path ? path.PythonRepr() : null;
        return new ConfigSelection(report.File, anchor.KeyLine, anchor.KeyColumn, request, facts.Thinking, pathRepr);
    }
}
