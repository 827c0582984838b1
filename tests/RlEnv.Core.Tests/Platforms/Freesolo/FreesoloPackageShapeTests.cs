using System.Formats.Tar;
using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Inspecting;
using RlEnv.Core.Packing;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Profiles;
using RlEnv.Core.Publishing;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.Freesolo;

/// <summary>
/// The artifact as <c>flash env push DIR</c> stages and tars it (push.py <c>cmd_env_push</c>, <c>_tar_b64</c>,
/// <c>_with_syspath_bootstrap</c>): regular files only, environment.py with the sys.path bootstrap, a stub README.md
/// when there is none. T:N cites tests/test_env_push.py.
/// </summary>
public class FreesoloPackageShapeTests
{
    private const string Bootstrap = FreesoloPackageShape.SysPathBootstrap;

    private static PackResult Pack(MockEnvironment env, RuleSet rules = RuleSet.FlashTree, string name = "my-env") =>
        new PackEngine(env.FileSystem).Pack(new PackRequest { EnvironmentDirectory = MockEnvironment.Root, OutputDirectory = "/out", Name = name, Rules = rules, Profile = Profile.Freesolo });

    // T:1344 test_push_does_not_emit_empty_directories.
    [Theory]
    [InlineData(RuleSet.FlashTree)]
    [InlineData(RuleSet.Freesolo)]
    public void Flash_does_not_emit_empty_directories(RuleSet rules)
    {
        var env = new MockEnvironment().Directory("empty").File("ignored-only/credentials.json", "{}").Directory("dataset/empty-split-folder").File("dataset/nested/deep/train.jsonl", "{\"input\":\"a\"}\n");

        var members = ArtifactMembers.Read(env.FileSystem, Pack(env, rules));

        Assert.All(members, m => Assert.Equal(TarEntryType.RegularFile, m.Type));
        Assert.DoesNotContain(members, m => m.Name is "empty" or "empty/" || m.Name.StartsWith("empty/", StringComparison.Ordinal));
        Assert.DoesNotContain(members, m => m.Name.StartsWith("ignored-only", StringComparison.Ordinal) || m.Name.StartsWith("dataset/empty-split-folder", StringComparison.Ordinal));
        Assert.Contains(members, m => m.Name == "dataset/nested/deep/train.jsonl");
    }

    [Fact]
    public void An_archive_of_files_only_extracts_with_its_folders_and_inspects_clean()
    {
        var env = new MockEnvironment().File("dataset/nested/deep/train.jsonl", "{\"input\":\"a\"}\n").File("dataset/eval.jsonl", "{\"input\":\"b\"}\n");
        var result = Pack(env);
        var gz = env.FileSystem.File.ReadAllBytes(result.ArtifactPath!);

        var inspected = new ArtifactInspector(env.FileSystem).Inspect(result.ArtifactPath!);
        var (files, diagnostics, extracted) = Hostile.Extract(gz);

        Assert.Empty(inspected.Diagnostics);
        Assert.True(inspected.VerifiedAgainstManifest);
        Assert.Empty(diagnostics);
        Assert.Equal(4, files);
        Assert.True(extracted.File.Exists(Hostile.Target + "/dataset/nested/deep/train.jsonl"));
    }

    // T:943 test_push_synthesizes_readme_stub_when_absent.
    [Fact]
    public void Flash_synthesizes_a_readme_stub_when_absent()
    {
        var env = new MockEnvironment();

        var result = Pack(env, name: "math-env");

        var readme = Assert.Single(ArtifactMembers.Read(env.FileSystem, result), m => m.Name == "README.md");
        Assert.Equal("# math-env\n\nFlash Freesolo environment.\n", readme.Text());
        Assert.Equal(FreesoloPackageShape.ReadmeStubOrigin, Assert.Single(result.Manifest!.Files, f => f.Path == "README.md").Generated);
    }

    // T:925 test_push_ships_training_md_and_keeps_user_readme.
    [Theory]
    [InlineData(RuleSet.FlashTree)]
    [InlineData(RuleSet.Freesolo)]
    public void Flash_keeps_the_users_readme_and_ships_training_md(RuleSet rules)
    {
        var env = new MockEnvironment().File("README.md", "my own readme").File("TRAINING.md", "playbook body");

        var members = ArtifactMembers.Read(env.FileSystem, Pack(env, rules));

        Assert.Equal("my own readme", Assert.Single(members, m => m.Name == "README.md").Text());
        Assert.Equal("playbook body", Assert.Single(members, m => m.Name == "TRAINING.md").Text());
    }

    [Fact]
    public void A_readme_in_another_case_gets_no_stub_so_no_checkout_sees_two()
    {
        // Flash on Linux would ship readme.md and a stub README.md; they collide on macOS and Windows.
        var env = new MockEnvironment().File("readme.md", "lower case");
        var result = Pack(env);

        var members = ArtifactMembers.Read(env.FileSystem, result);

        Assert.DoesNotContain(members, m => m.Name == "README.md");
        Assert.Empty(new ArtifactInspector(env.FileSystem).Inspect(result.ArtifactPath!).Diagnostics);
    }

    [Fact]
    public void Other_profiles_get_neither_a_stub_nor_a_bootstrap()
    {
        var env = new MockEnvironment(withEntryPoint: false).File("train.jsonl", "{}\n").File("rewards.py", "X = 1\n").File("config.yml", "a: 1\n");
        var request = new PackRequest { EnvironmentDirectory = MockEnvironment.Root, OutputDirectory = "/out", Profile = Profile.ReinforceNow };

        var plan = new EnvironmentAnalyzer(env.FileSystem).Analyze(request, new DiagnosticBag());

        Assert.NotNull(plan);
        Assert.All(plan.Package, m => Assert.Null(m.Generated));
        Assert.DoesNotContain(plan.Package, m => m.Path == "README.md");
    }

    /// <summary>environment.py as Flash's own <c>_with_syspath_bootstrap</c> returns it (run on these inputs at flash 0c508de72).</summary>
    public static TheoryData<string, string, string> FlashBootstrapCases => new()
    {
        { "plain", "def load_environment(**k):\n    return None\n", Bootstrap + "def load_environment(**k):\n    return None\n" },
        { "docstring", "\"\"\"Env.\"\"\"\ndef load_environment(**k):\n    return None\n", "\"\"\"Env.\"\"\"\n" + Bootstrap + "def load_environment(**k):\n    return None\n" },
        {
            "multiline docstring and two future imports",
            "\"\"\"Env.\n\nMore.\n\"\"\"\nfrom __future__ import annotations\nfrom __future__ import division\nimport os\n",
            "\"\"\"Env.\n\nMore.\n\"\"\"\nfrom __future__ import annotations\nfrom __future__ import division\n" + Bootstrap + "import os\n"
        },
        { "future import without a docstring", "from __future__ import annotations\n\nimport os\n", "from __future__ import annotations\n" + Bootstrap + "\nimport os\n" },
        { "comments above a docstring", "# -*- coding: utf-8 -*-\n# comment\n'''doc'''\nx = 1\n", "# -*- coding: utf-8 -*-\n# comment\n'''doc'''\n" + Bootstrap + "x = 1\n" },
        { "an f-string is no docstring", "f\"not a docstring\"\nx = 1\n", Bootstrap + "f\"not a docstring\"\nx = 1\n" },
        { "bytes are no docstring", "b\"not a docstring\"\nx = 1\n", Bootstrap + "b\"not a docstring\"\nx = 1\n" },
        { "parenthesized implicit concatenation", "(\"doc\"\n \"more\")\nfrom __future__ import annotations\nx = 1\n", "(\"doc\"\n \"more\")\nfrom __future__ import annotations\n" + Bootstrap + "x = 1\n" },
        { "statements joined by a semicolon", "\"doc\"; from __future__ import annotations\nx = 1\n", "\"doc\"; from __future__ import annotations\n" + Bootstrap + "x = 1\n" },
        { "parenthesized future import", "from __future__ import (\n    annotations,\n)\nx = 1\n", "from __future__ import (\n    annotations,\n)\n" + Bootstrap + "x = 1\n" },
        { "a future import after code", "\"doc\"\nx = 1\nfrom __future__ import annotations\n", "\"doc\"\n" + Bootstrap + "x = 1\nfrom __future__ import annotations\n" },
        { "an empty file", string.Empty, Bootstrap },
        { "a file that does not parse", "def broken(:\n    pass\n", Bootstrap + "def broken(:\n    pass\n" },
    };

    [Theory]
    [MemberData(nameof(FlashBootstrapCases))]
    public void The_bootstrap_goes_where_flash_puts_it(string scenario, string source, string flash)
    {
        Assert.NotNull(scenario);
        Assert.Equal(flash, Encoding.UTF8.GetString(FreesoloPackageShape.InsertBootstrap(Encoding.UTF8.GetBytes(source))));
    }

    [Fact]
    public void The_bootstrap_is_102_bytes_as_flash_counts_it() => Assert.Equal(102, FreesoloPackageShape.SysPathBootstrapBytes);

    [Fact]
    public void The_bootstrap_goes_after_a_byte_order_mark_not_before_it_as_flash_does()
    {
        var source = "\uFEFF\"\"\"doc\"\"\"\nx = 1\n";

        var packed = Encoding.UTF8.GetString(FreesoloPackageShape.InsertBootstrap(Encoding.UTF8.GetBytes(source)));

        Assert.Equal("\uFEFF\"\"\"doc\"\"\"\n" + Bootstrap + "x = 1\n", packed);
    }

    [Fact]
    public void A_byte_order_mark_is_a_warning_that_flash_env_push_would_break_the_module()
    {
        var env = new MockEnvironment();
        env.FileSystem.File.WriteAllBytes(MockEnvironment.Full("environment.py"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(MockEnvironment.ValidEntryPoint)]);

        var result = Pack(env);

        var warning = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCatalog.EntryPointByteOrderMark.Code);
        Assert.Equal((Severity.Warning, "environment.py"), (warning.Severity, warning.File));
        var packed = Assert.Single(ArtifactMembers.Read(env.FileSystem, result), m => m.Name == "environment.py").Content;
        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Bootstrap)], packed[..(3 + Bootstrap.Length)]);
    }

    [Fact]
    public void Crlf_line_ends_are_kept_and_the_bootstrap_uses_them()
    {
        var source = "\"\"\"doc\"\"\"\r\nx = 1\r\n";

        var packed = Encoding.UTF8.GetString(FreesoloPackageShape.InsertBootstrap(Encoding.UTF8.GetBytes(source)));

        Assert.Equal("\"\"\"doc\"\"\"\r\n" + Bootstrap.Replace("\n", "\r\n", StringComparison.Ordinal) + "x = 1\r\n", packed);
    }

    [Fact]
    public void A_docstring_without_a_final_line_end_gets_one_before_the_bootstrap()
    {
        // Flash glues the bootstrap onto the docstring's line: '"""doc"""import os as ...', which does not parse.
        var packed = Encoding.UTF8.GetString(FreesoloPackageShape.InsertBootstrap("\"\"\"doc\"\"\""u8));

        Assert.Equal("\"\"\"doc\"\"\"\n" + Bootstrap, packed);
    }

    [Fact]
    public void Lines_are_counted_as_python_counts_them_not_at_form_feeds()
    {
        // Flash's splitlines() also breaks at \f, and would put the bootstrap inside this docstring.
        var packed = Encoding.UTF8.GetString(FreesoloPackageShape.InsertBootstrap("\"\"\"page one\fpage two\"\"\"\nx = 1\n"u8));

        Assert.Equal("\"\"\"page one\fpage two\"\"\"\n" + Bootstrap + "x = 1\n", packed);
    }

    [Fact]
    public void The_packed_entrypoint_and_the_manifest_agree_and_say_what_was_generated()
    {
        var env = new MockEnvironment().File("dataset/train.jsonl", "{\"input\":\"a\"}\n");

        var result = Pack(env);

        var entry = Assert.Single(result.Manifest!.Files, f => f.Path == "environment.py");
        Assert.Equal((MockEnvironment.ValidEntryPoint.Length + 102L, FreesoloPackageShape.BootstrapOrigin), (entry.Size, entry.Generated));
        Assert.Null(Assert.Single(result.Manifest.Files, f => f.Path == "dataset/train.jsonl").Generated);
        Assert.Equal(Bootstrap + MockEnvironment.ValidEntryPoint, Assert.Single(ArtifactMembers.Read(env.FileSystem, result), m => m.Name == "environment.py").Text());
        var inspected = new ArtifactInspector(env.FileSystem).Inspect(result.ArtifactPath!);
        Assert.True(inspected.VerifiedAgainstManifest, string.Join('\n', inspected.Diagnostics));
        using var stream = env.FileSystem.File.OpenRead(result.ManifestPath!);
        Assert.Equal(FreesoloPackageShape.ReadmeStubOrigin, Assert.Single(Manifest.ArtifactManifest.ReadFrom(stream).Files, f => f.Path == "README.md").Generated);
    }

    [Fact]
    public void The_token_scan_sees_the_readme_stub_too()
    {
        // Flash scans the staged package, stub included: a name that is itself a token is refused.
        var env = new MockEnvironment();
        var name = "hf_" + "aB3dE5fG7hJ9kL2mN4pQ6rS8tUvW0xY1zC";

        var result = Pack(env, name: name.ToLowerInvariant());

        Assert.Equal(("README.md", DiagnosticCatalog.AccessToken.Code), (RealEnvironment.SingleError(result).File, RealEnvironment.SingleError(result).Code));
    }

    [Fact]
    public void Extracting_the_pulled_artifact_creates_the_folders_its_files_need()
    {
        var env = new MockEnvironment().File("a/b/c/d.txt", "deep");
        var result = Pack(env);

        var diagnostics = new DiagnosticBag();
        var files = SafeExtractor.Extract(env.FileSystem, result.ArtifactPath!, "/pulled", PackLimits.Hub, diagnostics);

        Assert.Equal(3, files);
        Assert.Equal("deep", env.FileSystem.File.ReadAllText("/pulled/a/b/c/d.txt"));
    }
}
