using System.IO.Abstractions;
using System.Text.RegularExpressions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Rules;
using RlEnv.Core.Walking;
using Tomlyn.Syntax;
using TomlParser = Tomlyn.Parsing.SyntaxParser;

namespace RlEnv.Core.Validation;

/// <summary>
/// Reads Flash configs (<c>configs/*.toml</c>, and root <c>*.toml</c> holding an [environment] table) with
/// Tomlyn's syntax tree, so every finding carries its line: syntax, the environment id's shape, and which
/// split (or dataset_path) each config trains on.
/// </summary>
public sealed partial class ConfigValidator(IFileSystem fileSystem, EnvironmentWalker walker, IReadOnlyList<Decision> decisions)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex EnvironmentIdShape();

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

            var environment = FindTable(document, "environment");
            if (environment is null)
            {
                if (inConfigs)
                {
                    diagnostics.Add(DiagnosticCatalog.ConfigEnvironmentTableMissing(relative, 1, 1));
                }

                continue;
            }

            CheckId(environment, relative, diagnostics);
            selections.Add(Selection(document, relative));
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

    private static void CheckId(TableSyntaxBase environment, string file, DiagnosticBag diagnostics)
    {
        var id = FindValue(environment, "id");
        if (id is null)
        {
            diagnostics.Add(DiagnosticCatalog.ConfigEnvironmentIdMissing(file, Line(environment), Column(environment)));
        }
        else if (id.Value is not StringValueSyntax { Value: { } text } || !EnvironmentIdShape().IsMatch(text))
        {
            diagnostics.Add(DiagnosticCatalog.ConfigEnvironmentIdMalformed(file, id.Value?.ToString()?.Trim(), Line(id), Column(id)));
        }
    }

    private static ConfigSelection Selection(DocumentSyntax document, string file)
    {
        var thinking = document.KeyValues.FirstOrDefault(kv => KeyText(kv.Key) == "thinking")?.Value is BooleanValueSyntax { Value: true };
        var parameters = FindTable(document, "environment.params");
        var split = parameters is null ? null : FindValue(parameters, "split");
        var datasetPath = parameters is null ? null : FindValue(parameters, "dataset_path");
        var anchor = (SyntaxNode?)datasetPath ?? (SyntaxNode?)split ?? parameters ?? FindTable(document, "environment")!;
        return new ConfigSelection(file, Line(anchor), Column(anchor),
            (split?.Value as StringValueSyntax)?.Value, (datasetPath?.Value as StringValueSyntax)?.Value, thinking);
    }

    private static TableSyntaxBase? FindTable(DocumentSyntax document, string name) =>
        document.Tables.FirstOrDefault(t => t.Name is not null && KeyText(t.Name) == name);

    private static KeyValueSyntax? FindValue(TableSyntaxBase table, string key) =>
        table.Items.OfType<KeyValueSyntax>().FirstOrDefault(kv => KeyText(kv.Key) == key);

    private static string KeyText(KeySyntax? key) => key?.ToString()?.Trim().Replace("\"", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal) ?? string.Empty;

    private static int Line(SyntaxNode node) => node.Span.Start.Line + 1;

    private static int Column(SyntaxNode node) => node.Span.Start.Column + 1;
}
