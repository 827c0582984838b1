using System.Text;
using System.Text.RegularExpressions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Scanning;

namespace RlEnv.Core.Tests.Scanning;

/// <summary>
/// The scanner against Flash's exact rules (flash/envs/package/direct_tokens.py). The token shapes are those of
/// Flash's own tests: tests/test_env_push.py builds bodies from "aB3_dE5-fG7hJ9kL2mN4pQ6rS8tUvW0xY1zC" (fslo_, with
/// '_' and '-') and the same seed without them (hf_, pit_), repeated and cut to the exact length.
/// </summary>
public partial class AccessTokenScannerTests
{
    private const string UrlSafeSeed = "aB3_dE5-fG7hJ9kL2mN4pQ6rS8tUvW0xY1zC";
    private const string AlphanumericSeed = "aB3dE5fG7hJ9kL2mN4pQ6rS8tUvW0xY1zC";
    private const string UrlSafeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private const string AlphanumericAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private const int ChunkSize = 64 * 1024; // Flash's _CHUNK_SIZE
    private const int Overlap = 69; // Flash's _OVERLAP

    /// <summary>tests/test_env_push.py's token helper: the prefix and its seed body cut to <paramref name="bodyLength"/>.</summary>
    private static string FlashToken(string prefix, int? bodyLength = null)
    {
        var rule = FreesoloAccessTokens.Rules.Single(r => r.Prefix == prefix);
        var seed = rule.UrlSafeBody ? UrlSafeSeed : AlphanumericSeed;
        return prefix + string.Concat(Enumerable.Repeat(seed, 3))[..(bodyLength ?? rule.BodyLength)];
    }

    private static IReadOnlyList<Diagnostic> Scan(byte[] bytes, int chunkSize = 1 << 20)
    {
        var bag = new DiagnosticBag();
        using var scanner = new AccessTokenScanner("f.bin", bag);
        for (var i = 0; i < bytes.Length; i += chunkSize)
        {
            scanner.Observe(bytes.AsSpan(i, Math.Min(chunkSize, bytes.Length - i)));
        }

        scanner.Complete();
        return bag.ToSortedList();
    }

    private static IReadOnlyList<Diagnostic> Scan(string text, int chunkSize = 1 << 20) => Scan(Encoding.UTF8.GetBytes(text), chunkSize);

    private static int Count(byte[] bytes, int chunkSize)
    {
        using var scanner = new AccessTokenScanner("f.bin", new DiagnosticBag());
        for (var i = 0; i < bytes.Length; i += chunkSize)
        {
            scanner.Observe(bytes.AsSpan(i, Math.Min(chunkSize, bytes.Length - i)));
        }

        scanner.Complete();
        return scanner.Found;
    }

    /// <summary>Flash's compiled patterns, run as a .NET regex over the bytes read as Latin-1 (one char per byte): the oracle.</summary>
    private static int OracleCount(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        return FlashPatterns().Sum(p => p.Matches(text).Count(m => !FreesoloAccessTokens.IsObviousPlaceholder(Encoding.Latin1.GetBytes(m.Groups[1].Value))));
    }

    private static Regex[] FlashPatterns() => [FsloPattern(), HfPattern(), PitPattern()];

    [GeneratedRegex("(?<![A-Za-z0-9_-])(?:fslo_)([A-Za-z0-9_-]{45})(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)]
    private static partial Regex FsloPattern();

    [GeneratedRegex("(?<![A-Za-z0-9_-])(?:hf_)([A-Za-z0-9]{34})(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)]
    private static partial Regex HfPattern();

    [GeneratedRegex("(?<![A-Za-z0-9_-])(?:pit_)([A-Za-z0-9]{64})(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)]
    private static partial Regex PitPattern();

    [Theory]
    [InlineData("fslo_", 50)]
    [InlineData("hf_", 37)]
    [InlineData("pit_", 68)]
    public void Each_of_flashs_token_shapes_is_an_error_at_its_line_and_column(string prefix, int length)
    {
        var token = FlashToken(prefix);
        Assert.Equal(length, token.Length);

        var finding = Assert.Single(Scan($"#!/bin/sh\nexport API_KEY={token}\n"));

        Assert.Equal((DiagnosticCatalog.AccessToken.Code, Severity.Error, 2, 16), (finding.Code, finding.Severity, finding.Line, finding.Column));
        Assert.Contains($"{prefix}***, {length} characters", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_fslo_body_with_underscores_and_dashes_is_a_token()
    {
        // The old rule (alphanumerics only, 30 or more) never saw this: Flash's own test token.
        var token = FlashToken("fslo_");
        Assert.Contains('_', token[5..]);
        Assert.Contains('-', token[5..]);

        Assert.Single(Scan($"TOKEN = '{token}'\n"));
    }

    [Fact]
    public void The_message_never_holds_the_token()
    {
        foreach (var prefix in new[] { "fslo_", "hf_", "pit_" })
        {
            var token = FlashToken(prefix);
            Assert.DoesNotContain(token[prefix.Length..][..8], Assert.Single(Scan(token)).Message, StringComparison.Ordinal);
        }
    }

    // T:119 test_direct_token_neighbor_body_lengths_are_clean: one byte short or long is clean.
    [Theory]
    [InlineData("fslo_", 44)]
    [InlineData("fslo_", 46)]
    [InlineData("hf_", 33)]
    [InlineData("hf_", 35)]
    [InlineData("pit_", 63)]
    [InlineData("pit_", 65)]
    public void Flash_neighbor_body_lengths_are_clean(string prefix, int bodyLength) =>
        Assert.Empty(Scan(" " + FlashToken(prefix, bodyLength) + " "));

    // T:134 test_push_rejects_direct_token_across_chunk_boundary, at the scanner, at Flash's chunk size and at ours.
    [Theory]
    [InlineData(ChunkSize - 3, ChunkSize)]
    [InlineData(ChunkSize - Overlap - 3, ChunkSize)]
    [InlineData(ChunkSize - 3, 1 << 20)]
    [InlineData((1 << 20) - 3, 1 << 20)]
    [InlineData((1 << 20) - 20, 1 << 20)]
    public void Flash_token_across_a_chunk_boundary_is_found(int spaces, int chunkSize)
    {
        var bytes = Bytes(new string(' ', spaces) + FlashToken("hf_"), new byte[256]);

        Assert.Single(Scan(bytes, chunkSize));
    }

    // T:159 test_push_allows_clean_binary_placeholders_and_embedded_direct_token_shapes, file by file.
    [Fact]
    public void Flash_placeholders_binary_noise_and_embedded_shapes_are_clean()
    {
        var environment = "def load_environment(**k):\n    return None\n"
            + "fslo_" + "your_api_token_here".PadRight(45, '_') + "\n"
            + "hf_" + new string('x', 34) + "\n"
            + "pit_" + new string('0', 64) + "\n";
        Assert.Empty(Scan(environment));
        Assert.Empty(Scan("hf_resume_checkpoint\nfslo_retry_after_close\npit_environment_identifier\n"));
        Assert.Empty(Scan([0x00, 0xFF, .. "clean"u8, 0x80, .. "binary"u8, 0x00]));
        Assert.Empty(Scan("left" + FlashToken("pit_") + " "));
        Assert.Empty(Scan(" pit_" + string.Concat(Enumerable.Repeat("aB3", 22)) + " "));
    }

    // T:189 test_push_allows_direct_token_shape_with_invalid_left_at_retained_boundary.
    [Theory]
    [InlineData(ChunkSize)]
    [InlineData(1 << 20)]
    [InlineData(7)]
    public void Flash_token_shape_with_a_url_safe_left_neighbor_at_a_chunk_boundary_is_clean(int chunkSize)
    {
        var bytes = Bytes(new string(' ', ChunkSize - Overlap - 1) + "z" + FlashToken("pit_"), [0x00], "next chunk"u8.ToArray());

        Assert.Empty(Scan(bytes, chunkSize));
    }

    [Theory]
    [InlineData("-" + "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567")] // '-' touches the prefix: Flash's boundary class holds it
    [InlineData("hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567-")]
    [InlineData("hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567_suffix")]
    [InlineData("my_hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567")]
    [InlineData("xhf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567")]
    [InlineData("HF_AbCdEfGhIjKlMnOpQrStUvWxYz01234567")] // case-sensitive
    [InlineData("hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456_")] // '_' is not in an hf_ body
    [InlineData("hf_short123")]
    [InlineData("hf_load_dataset_from_the_hub_quickly_and_well")]
    public void Shapes_flash_lets_through_are_not_tokens(string text) => Assert.Empty(Scan(text));

    [Theory]
    [InlineData("\"{0}\"")]
    [InlineData("={0}&")]
    [InlineData("/{0}.")]
    [InlineData("\u00e9{0}\u00e9")] // non-ASCII bytes are boundaries
    [InlineData("{0}")] // start and end of the file
    [InlineData("\0{0}\0")]
    public void Any_non_url_safe_byte_is_a_boundary(string shape) =>
        Assert.Single(Scan(string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567")));

    [Fact]
    public void An_fslo_body_of_only_underscores_and_dashes_is_reported_as_flash_does() =>
        Assert.Single(Scan("fslo_" + string.Concat(Enumerable.Repeat("_-", 23))[..45]));

    [Fact]
    public void Obvious_placeholders_are_exempt()
    {
        Assert.Empty(Scan("hf_" + new string('X', 34))); // 'X' lower-cases to 'x'
        Assert.Empty(Scan("pit_" + new string('x', 64)));
        Assert.Empty(Scan("fslo_" + "test-token".PadRight(45, '_')));
        Assert.Empty(Scan("fslo_" + "YOUR_TOKEN_HERE".PadRight(45, '-')));
        Assert.Empty(Scan("fslo_" + "example_token".PadRight(45, '_')));
        Assert.Empty(Scan("fslo_" + "0".PadRight(45, '0')));
    }

    [Theory]
    [InlineData("hf_1111111111111111111111111111111111")] // repeated, but not '0' or 'x'
    [InlineData("hf_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("fslo_testtokenxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")] // padded with 'x', not '_' or '-'
    public void Near_placeholders_are_tokens(string text) => Assert.Single(Scan(text));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void Token_split_across_any_chunk_boundary_is_found_at_its_line_and_column(int chunkSize)
    {
        var token = FlashToken("fslo_");
        var findings = Scan($"line one\nline two {token} end\n{token}", chunkSize);

        Assert.Equal([(2, 10), (3, 1)], findings.Select(f => (f.Line!.Value, f.Column!.Value)));
    }

    [Fact]
    public void More_than_ten_tokens_are_counted_not_listed()
    {
        var findings = Scan(string.Join('\n', Enumerable.Repeat(FlashToken("pit_"), 12)));

        Assert.Equal(11, findings.Count);
        Assert.Contains(findings, f => f.Line is null && f.Message.StartsWith("12 access tokens", StringComparison.Ordinal));
    }

    /// <summary>
    /// Issue 11, item 1: 200 random keys shaped as real ones (fslo_ bodies holding '_' and '-'), each in a random
    /// context, are all found; their near misses (one character short or long, a url-safe byte on either side)
    /// never are.
    /// </summary>
    [Fact]
    public void Two_hundred_random_real_shaped_keys_are_found_and_their_near_misses_are_not()
    {
        var random = new Random(20261123);
        string[] left = ["", " ", "\n", "'", "\"", "=", "export KEY=", "\t", ":", "("];
        string[] right = ["", " ", "\n", "'", "\"", ";", ")", ".", "/", ","];
        for (var i = 0; i < 200; i++)
        {
            var rule = FreesoloAccessTokens.Rules[i % 3];
            var key = rule.Prefix + RandomBody(random, rule, rule.BodyLength);
            var context = left[random.Next(left.Length)] + key + right[random.Next(right.Length)];
            Assert.True(Scan(context, random.Next(1, 80)).Count == 1, $"missed a real-shaped key in context {Redacted(context, key)}");

            foreach (var miss in NearMisses(random, rule, key))
            {
                Assert.True(Scan(" " + miss + " ", random.Next(1, 80)).Count == 0, $"flagged a near miss of length {miss.Length}: {miss[..rule.Prefix.Length]}");
            }
        }
    }

    [Fact]
    public void Random_bytes_with_planted_tokens_match_flashs_regex_at_any_chunking()
    {
        var random = new Random(11);
        for (var round = 0; round < 300; round++)
        {
            var bytes = RandomStream(random, random.Next(0, 600));
            var expected = OracleCount(bytes);
            var chunk = random.Next(1, 120);

            Assert.True(expected == Count(bytes, chunk), $"round {round}, chunk {chunk}: expected {expected}");
            Assert.Equal(expected, Count(bytes, bytes.Length + 1));
        }
    }

    /// <summary>
    /// Issue 15: the scanner counts lines in the same pass that looks for token prefixes. Every token it reports is at
    /// the line and column Flash's regex finds it, whatever the chunking, in streams long enough for the vectorized
    /// search and full of newlines and underscores.
    /// </summary>
    [Fact]
    public void Random_streams_report_each_token_at_the_line_and_column_flashs_regex_finds_at_any_chunking()
    {
        var random = new Random(15);
        for (var round = 0; round < 150; round++)
        {
            var bytes = RandomStream(random, random.Next(0, 3000));
            var expected = OraclePositions(bytes).Take(AccessTokenScanner.MaxReportsPerFile).ToList();
            var chunk = random.Next(1, 2000);

            var found = Scan(bytes, chunk).Where(f => f.Line is not null).Select(f => (f.Line!.Value, f.Column!.Value)).ToList();

            Assert.True(expected.SequenceEqual(found), $"round {round}, chunk {chunk}: expected [{string.Join(", ", expected)}], found [{string.Join(", ", found)}]");
        }
    }

    /// <summary>Where Flash's patterns match, as 1-based line and byte column, in stream order.</summary>
    private static IEnumerable<(int Line, int Column)> OraclePositions(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        return FlashPatterns()
            .SelectMany(p => p.Matches(text))
            .Where(m => !FreesoloAccessTokens.IsObviousPlaceholder(Encoding.Latin1.GetBytes(m.Groups[1].Value)))
            .Select(m => m.Index)
            .Order()
            .Select(index => (text.AsSpan(0, index).Count('\n') + 1, index - text.LastIndexOf('\n', Math.Max(0, index - 1), index) ));
    }

    private static string RandomBody(Random random, TokenRule rule, int length)
    {
        while (true)
        {
            var alphabet = rule.UrlSafeBody ? UrlSafeAlphabet : AlphanumericAlphabet;
            var body = new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            if (rule.UrlSafeBody)
            {
                // Real fslo_ keys are url-safe base64: make sure each body has both characters the old rule missed.
                var chars = body.ToCharArray();
                chars[random.Next(length)] = '_';
                chars[random.Next(length)] = '-';
                body = new string(chars);
            }

            if (!FreesoloAccessTokens.IsObviousPlaceholder(Encoding.ASCII.GetBytes(body)))
            {
                return body;
            }
        }
    }

    private static IEnumerable<string> NearMisses(Random random, TokenRule rule, string key)
    {
        yield return key[..^1];
        yield return key + RandomBody(random, rule, 1)[..1];
        yield return "-" + key;
        yield return "_" + key;
        yield return "a" + key;
        yield return key + "-";
        yield return key + "_";
        yield return key + "9";
    }

    private static byte[] RandomStream(Random random, int pieces)
    {
        using var stream = new MemoryStream();
        for (var i = 0; i < pieces; i++)
        {
            switch (random.Next(8))
            {
                case 0:
                    var rule = FreesoloAccessTokens.Rules[random.Next(3)];
                    var length = rule.BodyLength + random.Next(-1, 2);
                    stream.Write(Encoding.ASCII.GetBytes(rule.Prefix + RandomBody(random, rule, length)));
                    break;
                case 1:
                    stream.Write("hf_"u8);
                    break;
                case 2:
                    stream.WriteByte((byte)random.Next(256));
                    break;
                default:
                    stream.WriteByte((byte)" \n_-aZ9\0."[random.Next(9)]);
                    break;
            }
        }

        return stream.ToArray();
    }

    private static string Redacted(string context, string key) => context.Replace(key, key[..5] + "***", StringComparison.Ordinal);

    private static byte[] Bytes(string text, params byte[][] more) => [.. Encoding.ASCII.GetBytes(text), .. more.SelectMany(b => b)];
}
