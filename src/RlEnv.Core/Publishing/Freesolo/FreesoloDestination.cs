using RlEnv.Core.Platforms.Freesolo;

namespace RlEnv.Core.Publishing.Freesolo;

/// <summary>
/// <c>freesolo://PROJECT_UUID[/NAME]</c>: the Freesolo project to publish into and, optionally, the base name (the
/// artifact's own name when omitted). The project takes every spelling Flash's <c>require_project_id</c> takes and is
/// sent canonical; the name must already be in the hub's form, so the id printed afterwards is the one the user typed.
/// </summary>
/// <param name="ProjectId">The canonical lower-case dashed UUID.</param>
/// <param name="Name">The base name, or null for the artifact's name.</param>
public sealed record FreesoloDestination(string ProjectId, string? Name)
{
    public const string Scheme = "freesolo://";

    public static bool IsFreesolo(string text) => text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>The destination, or null with <paramref name="error"/> saying why not (a usage error).</summary>
    public static FreesoloDestination? Parse(string text, out string? error)
    {
        error = null;
        if (!IsFreesolo(text))
        {
            error = $"'{text}' is not a freesolo:// destination (freesolo://PROJECT_UUID[/NAME]).";
            return null;
        }

        var rest = text[Scheme.Length..];
        if (rest.IndexOfAny(['?', '#', '@', '\\']) is var bad and >= 0)
        {
            error = $"A freesolo:// destination holds a project id and a name only; '{rest[bad]}' has no place in it (freesolo://PROJECT_UUID[/NAME]). The API key comes from FREESOLO_API_KEY or `flash login`.";
            return null;
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var project = slash < 0 ? rest : rest[..slash];
        var name = slash < 0 ? string.Empty : rest[(slash + 1)..].TrimEnd('/');
        if (project.Length == 0)
        {
            error = "The freesolo:// destination names no project: freesolo://PROJECT_UUID[/NAME] (is FREESOLO_PROJECT_ID set?).";
            return null;
        }

        if (FreesoloProjectId.Canonical(project) is not { } canonical)
        {
            error = $"'{project}' is not a project UUID (Flash's `project must be a valid UUID`): freesolo://PROJECT_UUID[/NAME].";
            return null;
        }

        if (name.Length == 0)
        {
            return new FreesoloDestination(canonical, null);
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            error = $"'{name}' is not one name: the hub itself puts the organization and project in front (freesolo://PROJECT_UUID/NAME).";
            return null;
        }

        if (FreesoloHubName.Normalize(name) is not { } normalized)
        {
            error = $"'{name}' has no letter or digit the hub keeps in a name ([a-z0-9][a-z0-9._-]*).";
            return null;
        }

        if (normalized != name)
        {
            error = $"The hub would publish '{name}' as '{normalized}' ([a-z0-9._-], lower case); name it '{normalized}' so the id you paste is the one you typed.";
            return null;
        }

        return new FreesoloDestination(canonical, name);
    }
}
