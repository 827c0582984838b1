using System.IO.Abstractions;
using System.Text.RegularExpressions;
using RlEnv.Core.Diagnostics;
using Tomlyn.Syntax;
using TomlParser = Tomlyn.Parsing.SyntaxParser;

namespace RlEnv.Core.Validation;

/// <summary>
/// Reads Flash configs (<c>configs/*.toml</c>, and root <c>*.toml</c> holding an [environment] table) with
/// Tomlyn's syntax tree, so every finding carries its line: syntax, the environment id's shape, and which
/// split (or dataset_path) each config trains on.
/// </summary>
public sealed partial class ConfigValidator(IFileSystem fileSystem, string root)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex EnvironmentIdShape();

    public IReadOnlyList<ConfigSelection> Read(DiagnosticBag diagnostics)
    {
        var selections = new List<ConfigSelection>();
        foreach (var (relative, full, inConfigs) in ConfigFiles())
        {
            var text = fileSystem.File.ReadAllText(full);
            var document = TomlParser.Parse(text, relative, true);
            if (document.HasErrors)
            {
                foreach (var error in document.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error).Take(10))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.TomlSyntax, relative, $"Invalid TOML: {error.Message}", error.Span.Start.Line + 1, error.Span.Start.Column + 1));
                }

                continue;
            }

            var environment = FindTable(document, "environment");
            if (environment is null)
            {
                if (inConfigs)
                {
                    diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.ConfigWithoutEnvironment, relative,
                        "This config has no [environment] table with the id of the environment it trains on.", 1, 1));
                }

                continue;
            }

            CheckId(environment, relative, diagnostics);
            selections.Add(Selection(document, relative));
        }

        return selections;
    }

    private IEnumerable<(string Relative, string Full, bool InConfigs)> ConfigFiles()
    {
        var configs = fileSystem.Path.Combine(root, "configs");
        if (fileSystem.Directory.Exists(configs))
        {
            foreach (var file in fileSystem.Directory.EnumerateFiles(configs, "*.toml").Order(StringComparer.Ordinal))
            {
                yield return ("configs/" + fileSystem.Path.GetFileName(file), file, true);
            }
        }

        foreach (var file in fileSystem.Directory.EnumerateFiles(root, "*.toml").Order(StringComparer.Ordinal))
        {
            var name = fileSystem.Path.GetFileName(file);
            if (!name.Equals("pyproject.toml", StringComparison.OrdinalIgnoreCase))
            {
                yield return (name, file, false);
            }
        }
    }

    private static void CheckId(TableSyntaxBase environment, string file, DiagnosticBag diagnostics)
    {
        var id = FindValue(environment, "id");
        if (id is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.EnvironmentIdInvalid, file, "[environment] has no id (\"org/name\").", Line(environment), Column(environment)));
        }
        else if (id.Value is not StringValueSyntax { Value: { } text } || !EnvironmentIdShape().IsMatch(text))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.EnvironmentIdInvalid, file,
                $"[environment] id {id.Value?.ToString()?.Trim()} is not of the shape \"org/name\" (letters, digits, '.', '_', '-').", Line(id), Column(id)));
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
