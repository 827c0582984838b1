using System.IO.Abstractions;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Profiles;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.Freesolo;

/// <summary>
/// The limits as each side counts them: <c>flash env push</c>'s client check (push.py <c>_check_env_push_limits</c>) in
/// <c>flash-tree</c> mode, the hub's count of the archive it receives and of the checkout it serves (envs.py
/// <c>_safe_extract</c>, <c>_package_checkout_directory</c>) for what RlEnv writes, and GitHub's 100 MiB per file.
/// T:N cites tests/test_env_push.py.
/// </summary>
public class FreesoloLimitsTests
{
    private static readonly int EntryPoint = MockEnvironment.ValidEntryPoint.Length;

    private static PackResult Pack(MockEnvironment env, RuleSet rules, PackLimits limits, string name = "my-env") =>
        new PackEngine(env.FileSystem).Pack(new PackRequest
        {
            EnvironmentDirectory = MockEnvironment.Root,
            OutputDirectory = "/out",
            Name = name,
            Rules = rules,
            Profile = Profile.Freesolo,
            Limits = limits,
        });

    private static void NothingWritten(MockEnvironment env) =>
        Assert.False(env.FileSystem.Directory.Exists("/out") && env.FileSystem.Directory.EnumerateFileSystemEntries("/out").Any());

    // T:1325 test_push_rejects_oversized_directory_before_packaging: a 65-byte file under a 64-byte cap.
    [Fact]
    public void Flash_rejects_an_oversized_directory_before_packaging()
    {
        var env = new MockEnvironment().File("checkpoint.bin", new string('x', 65));

        var result = Pack(env, RuleSet.FlashTree, new PackLimits { MaxUncompressedBytes = 64 });

        var error = RealEnvironment.SingleError(result);
        Assert.Equal(DiagnosticCatalog.UncompressedCapExceeded.Code, error.Code);
        Assert.Contains("`flash env push` would refuse", error.Message, StringComparison.Ordinal);
        Assert.Contains("cap of 64 bytes", error.Message, StringComparison.Ordinal);
        NothingWritten(env);
    }

    // T:1549 test_push_rejects_when_member_count_exceeds_limit_including_dirs: 1 + 3 files, the README stub and
    // the 3 folders make 8; RlEnv used to count 7 (no README), so at a cap of 7 it packed what Flash refuses.
    [Theory]
    [InlineData(4, false)]
    [InlineData(7, false)]
    [InlineData(8, true)]
    public void Flash_counts_files_the_readme_stub_and_the_folders_that_hold_them(int cap, bool packs)
    {
        var env = new MockEnvironment().File("pkg0/mod.py", "X = 0\n").File("pkg1/mod.py", "X = 1\n").File("pkg2/mod.py", "X = 2\n");

        var result = Pack(env, RuleSet.FlashTree, new PackLimits { MaxMembers = cap });

        if (packs)
        {
            Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
            return;
        }

        var error = RealEnvironment.SingleError(result);
        Assert.Equal(DiagnosticCatalog.MemberCapExceeded.Code, error.Code);
        Assert.Contains("counts 8 files and directories (5 files", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 folders", error.Message, StringComparison.Ordinal);
        NothingWritten(env);
    }

    // T:1569 test_push_counts_an_imported_dataset_package_once (a single-file push there; the directory push
    // ships the same 5 files and 1 folder): environment.py, evaluations.py, dataset/__init__.py, dataset/rows.jsonl
    // and the README stub, plus dataset/.
    [Theory]
    [InlineData(6, true)]
    [InlineData(5, false)]
    public void Flash_counts_an_imported_dataset_package_once(int cap, bool packs)
    {
        var env = new MockEnvironment().File("evaluations.py", "import dataset\n").File("dataset/__init__.py", string.Empty).File("dataset/rows.jsonl", "{\"input\":\"a\"}\n");

        var result = Pack(env, RuleSet.FlashTree, new PackLimits { MaxMembers = cap });

        Assert.Equal(packs, result.Succeeded);
        if (packs)
        {
            Assert.Equal(["README.md", "dataset/__init__.py", "dataset/rows.jsonl", "environment.py", "evaluations.py"], result.Manifest!.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Flash_counts_the_bootstrap_and_the_readme_stub_in_its_byte_total()
    {
        var env = new MockEnvironment().File("data.txt", new string('d', 100));
        var total = EntryPoint + 102 + 100 + FreesoloPackageShape.ReadmeStub("my-env").Length;

        var atCap = Pack(env, RuleSet.FlashTree, new PackLimits { MaxUncompressedBytes = total });
        var underCap = Pack(env, RuleSet.FlashTree, new PackLimits { MaxUncompressedBytes = total - 1 });

        Assert.True(atCap.Succeeded, string.Join('\n', atCap.Diagnostics));
        Assert.Equal(total, atCap.Manifest!.UncompressedBytes);
        Assert.Equal(DiagnosticCatalog.UncompressedCapExceeded.Code, RealEnvironment.SingleError(underCap).Code);
    }

    [Fact]
    public void Flash_checks_its_byte_total_first_and_stops_there()
    {
        var env = new MockEnvironment().File("a/x.txt", new string('x', 500)).File("b/y.txt", "y");

        var result = Pack(env, RuleSet.FlashTree, new PackLimits { MaxUncompressedBytes = 100, MaxMembers = 2 });

        Assert.Equal(DiagnosticCatalog.UncompressedCapExceeded.Code, RealEnvironment.SingleError(result).Code);
    }

    [Fact]
    public void Flash_does_not_count_empty_folders_or_folders_whose_files_all_stay_out()
    {
        // environment.py, a.txt and README.md, plus the folder a/: 4. empty/ and secret-only/ count for nothing.
        var env = new MockEnvironment().File("a/a.txt", "a").Directory("empty").File("secret-only/id_rsa", "k");

        Assert.True(Pack(env, RuleSet.FlashTree, new PackLimits { MaxMembers = 4 }).Succeeded);
        Assert.Equal(DiagnosticCatalog.MemberCapExceeded.Code, RealEnvironment.SingleError(Pack(env, RuleSet.FlashTree, new PackLimits { MaxMembers = 3 })).Code);
    }

    [Fact]
    public void The_hub_counts_the_files_of_the_archive_it_receives()
    {
        // Root files only: environment.py, README.md, a.txt, b.txt are the 4 members of RlEnv's archive.
        var env = new MockEnvironment().File("a.txt", "a").File("b.txt", "b");

        var result = Pack(env, RuleSet.Freesolo, new PackLimits { MaxMembers = 3 });

        var error = RealEnvironment.SingleError(result);
        Assert.Equal(DiagnosticCatalog.MemberCapExceeded.Code, error.Code);
        Assert.StartsWith("The archive would hold 4 files", error.Message, StringComparison.Ordinal);
        Assert.True(Pack(env, RuleSet.Freesolo, new PackLimits { MaxMembers = 4 }).Succeeded);
    }

    [Fact]
    public void The_hub_counts_folders_too_when_it_serves_the_package_so_a_package_it_could_not_serve_is_refused()
    {
        // 3 files in the archive, but the hub's checkout also holds dataset/: 4 when every download is counted.
        var env = new MockEnvironment().File("dataset/train.jsonl", "{\"input\":\"a\"}\n");

        var result = Pack(env, RuleSet.Freesolo, new PackLimits { MaxMembers = 3 });

        var error = RealEnvironment.SingleError(result);
        Assert.Equal(DiagnosticCatalog.MemberCapExceeded.Code, error.Code);
        Assert.Contains("serves the package back", error.Message, StringComparison.Ordinal);
        Assert.Contains("4", error.Message, StringComparison.Ordinal);
        Assert.True(Pack(env, RuleSet.Freesolo, new PackLimits { MaxMembers = 4 }).Succeeded);
    }

    [Fact]
    public void A_file_of_exactly_100_MiB_passes_and_one_byte_more_is_an_error_before_anything_is_read()
    {
        using var env = new RealEnvironment();
        env.Sparse("dataset/at-limit.bin", 100 * 1024 * 1024);
        env.Sparse("dataset/over-limit.bin", (100 * 1024 * 1024) + 1);

        var (_, diagnostics) = Analysis.Run(new FileSystem(), env.Root);

        var error = Assert.Single(diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal((DiagnosticCatalog.FileOverHubFileCap.Code, "dataset/over-limit.bin"), (error.Code, error.File));
        Assert.Contains("104,857,601 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("104,857,600", error.Message, StringComparison.Ordinal);
        Assert.Equal(104_857_600, FreesoloLimits.GitHubFileBytes);
    }

    [Theory]
    [InlineData(RuleSet.Freesolo)]
    [InlineData(RuleSet.FlashTree)]
    public void The_per_file_limit_counts_environment_py_as_packed_with_its_bootstrap(RuleSet rules)
    {
        var env = new MockEnvironment();
        var packed = EntryPoint + FreesoloPackageShape.SysPathBootstrapBytes;

        var over = Pack(env, rules, new PackLimits { MaxFileBytes = packed - 1 });
        var at = Pack(env, rules, new PackLimits { MaxFileBytes = packed });

        Assert.Equal((DiagnosticCatalog.FileOverHubFileCap.Code, "environment.py"), (RealEnvironment.SingleError(over).Code, RealEnvironment.SingleError(over).File));
        Assert.True(at.Succeeded, string.Join('\n', at.Diagnostics));
    }

    [Fact]
    public void Client_count_follows_flash_on_hand_made_inputs()
    {
        var count = FreesoloLimits.CountAsFlashPush(10, [("a/b/c.txt", 5), ("a/d.txt", 1), ("README.md", 2)], "n");

        Assert.Equal(new FlashPushCount(Files: 4, Folders: 2, Bytes: 10 + 102 + 8), count);
        Assert.Equal(6, count.Members);
        Assert.Equal(new FlashPushCount(2, 0, 102 + 33), FreesoloLimits.CountAsFlashPush(0, [], "n")); // environment.py and the stub
    }

    [Fact]
    public void Hub_count_follows_the_tar_and_the_checkout()
    {
        var hub = FreesoloLimits.CountAsHub([("environment.py", 10), ("x/y/z.txt", 600)]);

        Assert.Equal(2, hub.Members);
        Assert.Equal(610, hub.Bytes);
        Assert.Equal(512 + 512 + 512 + 1024 + 1024, hub.TarStreamBytes);
        Assert.Equal(4, hub.CheckoutMembers);
        Assert.Equal(274_604_032, FreesoloLimits.TarStreamBound(FreesoloLimits.UncompressedBytes, FreesoloLimits.ArchiveMembers));
    }
}
