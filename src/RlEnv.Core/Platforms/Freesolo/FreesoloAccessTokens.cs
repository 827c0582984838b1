using System.Buffers;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>
/// The access tokens the hub refuses in a package, by Flash's exact rules (flash/envs/package/direct_tokens.py,
/// <c>_TOKEN_RULES</c> and <c>_is_obvious_placeholder</c>): <c>fslo_</c> + exactly 45 of [A-Za-z0-9_-],
/// <c>hf_</c> + exactly 34 of [A-Za-z0-9], <c>pit_</c> + exactly 64 of [A-Za-z0-9], with no [A-Za-z0-9_-] byte
/// on either side, matched case-sensitively on raw bytes.
/// </summary>
/// <remarks>
/// Every prefix and body byte is itself in the url-safe class that bounds a match on both sides, so a match is
/// always a whole maximal run of url-safe bytes, never part of one. A scanner therefore only has to cut the
/// bytes into such runs and judge each run with <see cref="Judge"/>; it never needs Flash's 69-byte overlap.
/// </remarks>
public static class FreesoloAccessTokens
{
    /// <summary>The longest run that can be a token (<c>pit_</c> + 64); a longer run never is.</summary>
    public const int MaxTokenBytes = 68;

    /// <summary>The rules, in Flash's order: prefix, whether the body may hold '_' and '-', and the exact body length.</summary>
    public static readonly IReadOnlyList<TokenRule> Rules =
    [
        new("fslo_", UrlSafeBody: true, BodyLength: 45),
        new("hf_", UrlSafeBody: false, BodyLength: 34),
        new("pit_", UrlSafeBody: false, BodyLength: 64),
    ];

    /// <summary>Placeholder bodies the hub lets through, after lower-casing and deleting '_' and '-'.</summary>
    public static readonly IReadOnlySet<string> PlaceholderBodies = new HashSet<string>(StringComparer.Ordinal)
    {
        "exampletoken", "notarealtoken", "placeholdertoken", "replacemewithtoken", "testtoken", "yourapitokenhere", "yourtokenhere",
    };

    /// <summary>[A-Za-z0-9_-]: the bytes a token is made of, and the bytes that may not touch one.</summary>
    public static readonly SearchValues<byte> UrlSafe = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"u8);

    private static readonly SearchValues<byte> Alphanumeric = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"u8);

    public static bool IsUrlSafe(byte b) => UrlSafe.Contains(b);

    /// <summary>
    /// The rule a maximal url-safe run is a token under, or null: the run has exactly the rule's length, starts
    /// with its prefix, holds only body bytes after it, and its body is not an obvious placeholder.
    /// </summary>
    /// <param name="run">A whole run of url-safe bytes, with a non-url-safe byte (or the file's start or end) on each side.</param>
    public static TokenRule? Judge(ReadOnlySpan<byte> run)
    {
        foreach (var rule in Rules)
        {
            if (run.Length != rule.TokenLength || !run.StartsWith(rule.PrefixBytes))
            {
                continue;
            }

            var body = run[rule.PrefixBytes.Length..];
            if (!rule.UrlSafeBody && body.ContainsAnyExcept(Alphanumeric))
            {
                continue;
            }

            return IsObviousPlaceholder(body) ? null : rule;
        }

        return null;
    }

    /// <summary>
    /// Flash's <c>_is_obvious_placeholder</c>: lower-case the body, delete '_' and '-', then exempt it when it is one of
    /// <see cref="PlaceholderBodies"/>, or is non-empty and one character repeated, that character being '0' or 'x'.
    /// A body of only '_' and '-' normalizes to nothing and is therefore not exempt: Flash reports it, so RlEnv does.
    /// </summary>
    /// <param name="body">The token's body, without its prefix; url-safe bytes only.</param>
    public static bool IsObviousPlaceholder(ReadOnlySpan<byte> body)
    {
        Span<char> normalized = body.Length <= MaxTokenBytes ? stackalloc char[MaxTokenBytes] : new char[body.Length];
        var length = 0;
        foreach (var b in body)
        {
            if (b is (byte)'_' or (byte)'-')
            {
                continue;
            }

            normalized[length++] = (char)(b is >= (byte)'A' and <= (byte)'Z' ? b | 0x20 : b);
        }

        var text = normalized[..length];
        if (length == 0)
        {
            return false;
        }

        if (text[0] is '0' or 'x' && !text.ContainsAnyExcept(text[0]))
        {
            return true;
        }

        return PlaceholderBodies.Contains(new string(text));
    }
}

/// <summary>One token form: the prefix (with its '_'), whether the body may hold '_' and '-', and the body's exact length.</summary>
public sealed record TokenRule(string Prefix, bool UrlSafeBody, int BodyLength)
{
    public byte[] PrefixBytes { get; } = System.Text.Encoding.ASCII.GetBytes(Prefix);

    public int TokenLength => Prefix.Length + BodyLength;
}
