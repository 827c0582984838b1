using System.IO.Abstractions;
using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.Freesolo;

/// <summary>
/// Flash's token tests rebuilt at the pack: tests/test_env_push.py (T:N) and tests/test_env_publish.py (P:N). Where
/// Flash's push or publish exits 1 or answers 400, RlEnv's pack fails with RLENV1501 before anything is written, and
/// its message holds neither the token nor any part of its body; where Flash publishes, RlEnv packs.
/// </summary>
public class FlashTokenPushTests
{
    private const string EntryPoint = "def load_environment(**k):\n    return None\n";

    /// <summary>test_env_push.py's helper: a seed with '_' and '-' for fslo_, without them for hf_ and pit_, cut to the exact length.</summary>
    private static string PushToken(string prefix) => Token(prefix, "aB3_dE5-fG7hJ9kL2mN4pQ6rS8tUvW0xY1zC", "aB3dE5fG7hJ9kL2mN4pQ6rS8tUvW0xY1zC");

    /// <summary>test_env_publish.py's helper, with its own seeds.</summary>
    private static string PublishToken(string prefix) => Token(prefix, "qR2_sT4-uV6wX8yZ0aB1cD3eF5gHjK7mN9pL", "qR2sT4uV6wX8yZ0aB1cD3eF5gHjK7mN9pL");

    private static string Token(string prefix, string urlSafeSeed, string alphanumericSeed)
    {
        var length = prefix switch { "fslo_" => 45, "hf_" => 34, _ => 64 };
        var seed = prefix == "fslo_" ? urlSafeSeed : alphanumericSeed;
        return prefix + string.Concat(Enumerable.Repeat(seed, 3))[..length];
    }

    private static PackResult Pack(RealEnvironment env) =>
        env.Pack(r => r with { Rules = RuleSet.FlashTree, Profile = Profile.Freesolo });

    private static void RefusedWithoutLeak(RealEnvironment env, PackResult result, string token)
    {
        var error = RealEnvironment.SingleError(result);
        Assert.Equal(DiagnosticCatalog.AccessToken.Code, error.Code);
        var body = token[(token.IndexOf('_', StringComparison.Ordinal) + 1)..];
        Assert.DoesNotContain(body[..10], error.ToCanonicalString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(env.Output));
    }

    private static void WriteBytes(RealEnvironment env, string relative, byte[] bytes)
    {
        var path = Path.Combine(env.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    // T:97 test_push_rejects_direct_tokens_before_archive_or_upload, its three cases.
    [Theory]
    [InlineData("fslo_", "scripts/launch.sh")]
    [InlineData("hf_", "helper.py")]
    [InlineData("pit_", "environment.py")]
    public void Flash_rejects_direct_tokens_before_archive_or_upload(string prefix, string file)
    {
        using var env = new RealEnvironment();
        var token = PushToken(prefix);
        switch (file)
        {
            case "scripts/launch.sh":
                env.Write(file, $"#!/bin/sh\nexport API_KEY={token}\n");
                break;
            case "helper.py":
                env.Write(file, $"TOKEN = '{token}'\n");
                break;
            default:
                env.Write(file, EntryPoint + $"TOKEN = '{token}'\n");
                break;
        }

        var result = Pack(env);

        RefusedWithoutLeak(env, result, token);
        Assert.Equal(file, RealEnvironment.SingleError(result).File);
    }

    // T:139 test_push_rejects_direct_token_across_chunk_boundary: Flash reads 64 KiB chunks with 69 bytes of overlap.
    [Theory]
    [InlineData((64 * 1024) - 3)]
    [InlineData((64 * 1024) - 69 - 3)]
    [InlineData(MemberReader.BufferSize - 3)]
    public void Flash_rejects_a_direct_token_across_a_chunk_boundary_in_a_binary_file(int spaces)
    {
        using var env = new RealEnvironment();
        var token = PushToken("hf_");
        WriteBytes(env, "opaque.bin", [.. Encoding.ASCII.GetBytes(new string(' ', spaces) + token), .. new byte[256]]);

        var result = Pack(env);

        RefusedWithoutLeak(env, result, token);
        Assert.Equal("opaque.bin", RealEnvironment.SingleError(result).File);
    }

    // T:159 test_push_allows_clean_binary_placeholders_and_embedded_direct_token_shapes.
    [Fact]
    public void Flash_allows_clean_binary_placeholders_and_embedded_direct_token_shapes()
    {
        using var env = new RealEnvironment(withEntryPoint: false);
        env.Write("environment.py", EntryPoint
            + "EXAMPLE = 'fslo_" + "your_api_token_here".PadRight(45, '_') + "'\n"
            + "HF = 'hf_" + new string('x', 34) + "'\n"
            + "PIT = 'pit_" + new string('0', 64) + "'\n");
        env.Write("notes.txt", "hf_resume_checkpoint\nfslo_retry_after_close\npit_environment_identifier\n");
        WriteBytes(env, "opaque.bin", [0x00, 0xFF, .. "clean"u8, 0x80, .. "binary"u8, 0x00]);
        env.Write("embedded-left.bin", "left" + PushToken("pit_") + " ");
        env.Write("overlong.bin", " pit_" + string.Concat(Enumerable.Repeat("aB3", 22)) + " ");

        var result = Pack(env);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Contains(result.Manifest!.Files, f => f.Path == "opaque.bin");
    }

    // T:189 test_push_allows_direct_token_shape_with_invalid_left_at_retained_boundary.
    [Fact]
    public void Flash_allows_a_token_shape_whose_left_neighbor_was_decided_in_the_previous_chunk()
    {
        using var env = new RealEnvironment();
        WriteBytes(env, "retained-boundary.bin", [.. Encoding.ASCII.GetBytes(new string(' ', (64 * 1024) - 69 - 1) + "z" + PushToken("pit_")), 0x00, .. "next chunk"u8]);

        Assert.True(Pack(env).Succeeded);
    }

    // T:206 test_direct_token_scan_error_drops_oserror_details and P:118 test_publish_direct_token_scan_failure_is_safe_400:
    // a file that cannot be read fails closed. RlEnv runs locally, so it names the file (never a token).
    [Fact]
    public void A_file_the_scan_cannot_read_fails_the_pack_closed()
    {
        var env = new MockEnvironment().File("data.bin", "clean");
        env.FileSystem.GetFile(MockEnvironment.Full("data.bin")).AllowedFileShare = FileShare.None;

        var result = new PackEngine(env.FileSystem).Pack(new PackRequest { EnvironmentDirectory = MockEnvironment.Root, OutputDirectory = "/out", Rules = RuleSet.FlashTree });

        var error = RealEnvironment.SingleError(result);
        Assert.Equal((DiagnosticCatalog.FileUnreadable.Code, "data.bin"), (error.Code, error.File));
        Assert.Null(result.ArtifactPath);
        Assert.False(env.FileSystem.Directory.Exists("/out") && env.FileSystem.Directory.EnumerateFiles("/out").Any());
    }

    // T:218 test_push_fails_closed_when_direct_token_scan_sees_unexpected_member: Flash refuses a link that reached its
    // staging folder. RlEnv never packs a link nor reads through one, so the token behind it is neither shipped nor read.
    [Fact]
    public void A_link_is_never_packed_nor_scanned_through()
    {
        using var env = new RealEnvironment();
        Directory.CreateDirectory(env.Outside);
        var target = Path.Combine(env.Outside, "secret.txt");
        File.WriteAllText(target, PushToken("hf_"));
        File.CreateSymbolicLink(Path.Combine(env.Root, "unexpected-link"), target);

        var result = Pack(env);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.DoesNotContain(result.Manifest!.Files, f => f.Path == "unexpected-link");
    }

    // P:91 test_publish_rejects_direct_token_archive_before_github_publish.
    [Fact]
    public void Flash_publish_rejects_a_direct_token_archive_before_github_publish()
    {
        using var env = new RealEnvironment();
        var token = PublishToken("fslo_");
        env.Write("scripts/bootstrap.sh", $"export FREESOLO_API_KEY={token}\n");

        RefusedWithoutLeak(env, Pack(env), token);
    }

    // P:144 test_publish_direct_token_clean_control_reaches_github_publish.
    [Fact]
    public void Flash_publish_clean_control_packs()
    {
        using var env = new RealEnvironment();
        env.Write("assets/data.bin", "clean opaque bytes");

        var result = Pack(env);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Contains(result.Manifest!.Files, f => f.Path == "assets/data.bin");
    }

    [Fact]
    public void Validate_scans_every_packed_file_as_pack_does()
    {
        using var env = new RealEnvironment();
        WriteBytes(env, "dataset/weights.bin", [0x00, 0x01, .. Encoding.ASCII.GetBytes(PushToken("fslo_")), 0xFF]);

        var result = new ValidateEngine(new FileSystem()).Validate(new PackRequest { EnvironmentDirectory = env.Root, OutputDirectory = env.Output, Profile = Profile.Freesolo });

        Assert.Equal(("dataset/weights.bin", DiagnosticCatalog.AccessToken.Code), (Assert.Single(result.Diagnostics).File, Assert.Single(result.Diagnostics).Code));
    }
}
