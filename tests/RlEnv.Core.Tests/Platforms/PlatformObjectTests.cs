using System.IO.Abstractions.TestingHelpers;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Platforms;
using RlEnv.Core.Platforms.Freesolo;
using RlEnv.Core.Platforms.ReinforceNow;
using RlEnv.Core.Platforms.RunRl;
using RlEnv.Core.Profiles;
using RlEnv.Core.Rules;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Validation;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Tests.Platforms;

/// <summary>Each platform object's upload set, seen through the analyzer, and the rules that belong to one platform.</summary>
public class PlatformObjectTests
{
    private const string Root = "/mixed";

    // One folder holding every platform's files, so each upload set shows what it takes and what it leaves.
    private static readonly string[] Files =
    [
        "environment.py", "helper.py", "pkg/__init__.py", "notes.md", "data.bin", "dataset/train.jsonl", "sub/deep.py",
        "train.jsonl", "rewards.py", "tools.py", "config.yml", "config.json", "Dockerfile.env", "requirements.txt",
        "prompts.jsonl", "server.pem", ".env", ".hidden",
    ];

    private static MockFileSystem Mixed()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory(Root);
        foreach (var file in Files)
        {
            var content = file switch
            {
                "environment.py" => "import pkg\n\ndef load_environment(**params):\n    return None\n",
                "dataset/train.jsonl" or "train.jsonl" => "{\"input\":\"x\"}\n",
                _ => "x = 1\n",
            };
            fs.AddFile(Root + "/" + file, new MockFileData(content));
        }

        return fs;
    }

    private static (EnvironmentPlan? Plan, IReadOnlyList<Diagnostic> Diagnostics) Analyze(System.IO.Abstractions.IFileSystem fs, Profile? profile, RuleSet rules = RuleSet.Freesolo)
    {
        var bag = new DiagnosticBag();
        var request = new PackRequest
        {
            EnvironmentDirectory = Root,
            OutputDirectory = "/out",
            Profile = profile,
            Rules = rules,
            Validation = ValidationOptions.Default with { CheckPythonSyntax = false },
        };
        return (new EnvironmentAnalyzer(fs).Analyze(request, bag), bag.ToSortedList());
    }

    public static TheoryData<Profile, RuleSet, string, string[]> UploadSets() => new()
    {
        {
            Profile.Freesolo, RuleSet.Freesolo, "freesolo",
            ["config.json", "config.yml", "dataset/train.jsonl", "environment.py", "helper.py", "notes.md", "pkg/__init__.py", "prompts.jsonl", "requirements.txt", "rewards.py", "tools.py", "train.jsonl"]
        },
        {
            // Everything Flash's ignore rules keep: dot-names and credential files (Dockerfile.env matches *.env) stay out.
            Profile.Freesolo, RuleSet.FlashTree, "flash-tree",
            ["config.json", "config.yml", "data.bin", "dataset/train.jsonl", "environment.py", "helper.py", "notes.md", "pkg/__init__.py", "prompts.jsonl", "requirements.txt", "rewards.py", "sub/deep.py", "tools.py", "train.jsonl"]
        },
        {
            // rnow's list: config.json only without config.yml; Dockerfile.* whatever the credential patterns say.
            Profile.ReinforceNow, RuleSet.Freesolo, "reinforcenow",
            ["Dockerfile.env", "config.yml", "requirements.txt", "rewards.py", "tools.py", "train.jsonl"]
        },
        {
            Profile.RunRl, RuleSet.Freesolo, "runrl",
            ["environment.py", "helper.py", "prompts.jsonl", "requirements.txt", "rewards.py", "tools.py", "train.jsonl"]
        },
    };

    [Theory]
    [MemberData(nameof(UploadSets))]
    public void Each_platform_uploads_its_own_set_of_the_same_folder(Profile profile, RuleSet rules, string manifestRules, string[] expected)
    {
        var (plan, _) = Analyze(Mixed(), profile, rules);

        Assert.NotNull(plan);
        Assert.Equal(profile, plan.Platform.Profile);
        Assert.Equal(manifestRules, plan.Rules.ToName());
        Assert.Equal(expected, plan.Members.Where(m => m.Entry.Kind == EntryKind.File).Select(m => m.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Platform_objects_answer_for_their_platform()
    {
        Assert.Same(FreesoloPlatform.Documented, Platform.For(Profile.Freesolo));
        Assert.Same(FreesoloPlatform.FlashTree, Platform.For(Profile.Freesolo, RuleSet.FlashTree));
        Assert.Same(ReinforceNowPlatform.Instance, Platform.For(Profile.ReinforceNow, RuleSet.FlashTree));
        Assert.Same(RunRlPlatform.Instance, Platform.For(Profile.RunRl));

        // Freesolo alone has an entry point, refuses a linked root and counts the hub's checkout and file limit.
        Assert.Equal(["environment.py", null, null], new Platform[] { FreesoloPlatform.Documented, ReinforceNowPlatform.Instance, RunRlPlatform.Instance }.Select(p => p.EntryPoint));
        Assert.True(FreesoloPlatform.FlashTree is { RefusesLinkedRoot: true, CountsCheckoutMembers: true, LimitsFileSize: true });
        Assert.False(ReinforceNowPlatform.Instance.RefusesLinkedRoot || ReinforceNowPlatform.Instance.LimitsFileSize || RunRlPlatform.Instance.CountsCheckoutMembers);

        // ReinforceNow's trainer runs Python 3.11: its grammar must accept the files.
        Assert.Equal(new Version(3, 11), ReinforceNowPlatform.Instance.MinimumPython);
        Assert.Null(RunRlPlatform.Instance.MinimumPython);
    }

    [Theory]
    [InlineData(Profile.ReinforceNow, RuleSet.FlashTree)]
    [InlineData(Profile.RunRl, RuleSet.FlashTree)]
    [InlineData(Profile.Freesolo, RuleSet.ReinforceNow)]
    [InlineData(Profile.RunRl, RuleSet.ReinforceNow)]
    public void Rules_of_another_platform_than_the_profile_are_a_usage_error_before_anything_is_read(Profile profile, RuleSet rules)
    {
        var fs = new CountingFileSystem(Mixed());

        var (plan, diagnostics) = Analyze(fs, profile, rules);

        Assert.Null(plan);
        var conflict = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCatalog.OptionsConflict.Code, Severity.Error, DiagnosticKind.Usage), (conflict.Code, conflict.Severity, conflict.Kind));
        Assert.Contains($"'{rules.ToName()}'", conflict.Message, StringComparison.Ordinal);
        Assert.Contains($"'{profile.ToName()}'", conflict.Message, StringComparison.Ordinal);
        Assert.Empty(fs.Reads);
    }

    [Fact]
    public void Validate_and_pack_report_the_conflict_and_write_nothing()
    {
        var fs = Mixed();
        var request = new PackRequest { EnvironmentDirectory = Root, OutputDirectory = "/out", Profile = Profile.ReinforceNow, Rules = RuleSet.FlashTree };

        var validated = new ValidateEngine(fs).Validate(request);
        var packed = new PackEngine(fs).Pack(request);

        Assert.Equal(DiagnosticCatalog.OptionsConflict.Code, Assert.Single(validated.Diagnostics).Code);
        Assert.Null(validated.Profile);
        Assert.Equal(DiagnosticCatalog.OptionsConflict.Code, Assert.Single(packed.Diagnostics).Code);
        Assert.Null(packed.ArtifactPath);
        Assert.False(fs.Directory.Exists("/out"));
    }

    [Theory]
    [InlineData(Profile.Freesolo, RuleSet.FlashTree)]
    [InlineData(Profile.ReinforceNow, RuleSet.Freesolo)]
    [InlineData(Profile.RunRl, RuleSet.Freesolo)]
    public void Default_rules_and_a_platforms_own_rules_never_conflict(Profile profile, RuleSet rules) =>
        Assert.Null(Platform.Conflict(rules, profile));

    [Fact]
    public void Flash_tree_without_a_profile_chooses_Freesolo_instead_of_being_dropped_by_detection()
    {
        // train.jsonl with rewards.py is detected as ReinforceNow; before, that silently replaced flash-tree by rnow's list.
        var fs = new MockFileSystem();
        fs.AddFile(Root + "/train.jsonl", new MockFileData("{\"messages\":[]}\n"));
        fs.AddFile(Root + "/rewards.py", new MockFileData("x = 1\n"));
        fs.AddFile(Root + "/notes.bin", new MockFileData("x"));

        var (plan, _) = Analyze(fs, profile: null, RuleSet.FlashTree);

        Assert.NotNull(plan);
        Assert.Same(FreesoloPlatform.FlashTree, plan.Platform);
        Assert.Equal("given", plan.ProfileReason);
        Assert.True(plan.DecisionFor("notes.bin").Included);
    }

    [Fact]
    public void Detection_still_chooses_the_platform_under_the_default_rules()
    {
        var fs = new MockFileSystem();
        fs.AddFile(Root + "/train.jsonl", new MockFileData("{\"messages\":[]}\n"));
        fs.AddFile(Root + "/rewards.py", new MockFileData("x = 1\n"));

        var (plan, _) = Analyze(fs, profile: null);

        Assert.Same(ReinforceNowPlatform.Instance, plan!.Platform);
        Assert.Equal("train.jsonl with rewards.py", plan.ProfileReason);
    }
}
