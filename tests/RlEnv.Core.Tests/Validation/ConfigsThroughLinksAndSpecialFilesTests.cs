using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Validation;

/// <summary>
/// Files RlEnv reads whole (configs, config.yml, Python) come only from what the walk saw as regular files,
/// and never past 16 MiB: a link's target (/etc/shadow, /dev/zero) or a FIFO is never opened.
/// </summary>
public class ConfigsThroughLinksAndSpecialFilesTests
{
    private static IReadOnlyList<Diagnostic> Validate(RealEnvironment env, Profile? profile = null) =>
        new ValidateEngine(new System.IO.Abstractions.FileSystem()).Validate(new PackRequest { EnvironmentDirectory = env.Root, OutputDirectory = env.Output, Profile = profile }).Diagnostics;

    [Fact]
    public void A_config_linked_to_a_file_outside_is_never_read()
    {
        using var env = new RealEnvironment();
        // Read as TOML, this secret's first line would come back as an error column: its length leaks.
        var secret = Path.Combine(env.Outside, "shadow");
        Directory.CreateDirectory(env.Outside);
        File.WriteAllText(secret, "root:$6$secrethash:19000:0:99999:7:::\n");
        Directory.CreateDirectory(Path.Combine(env.Root, "configs"));
        File.CreateSymbolicLink(Path.Combine(env.Root, "configs", "leak.toml"), secret);

        var diagnostics = Validate(env);

        Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCatalog.TomlSyntax.Code);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCatalog.SymlinkSkipped.Code && d.File == "configs/leak.toml");
        Assert.DoesNotContain(diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void A_root_config_linked_to_dev_zero_is_never_read()
    {
        using var env = new RealEnvironment();
        File.CreateSymbolicLink(Path.Combine(env.Root, "train.toml"), "/dev/zero");
        Directory.CreateDirectory(Path.Combine(env.Root, "configs"));
        File.CreateSymbolicLink(Path.Combine(env.Root, "configs", "zero.toml"), "/dev/zero");

        var diagnostics = Validate(env);

        Assert.DoesNotContain(diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCatalog.SymlinkSkipped.Code && d.File == "configs/zero.toml");
    }

    [Fact]
    public void A_fifo_config_is_never_opened()
    {
        using var env = new RealEnvironment();
        Directory.CreateDirectory(Path.Combine(env.Root, "configs"));
        TempDirectory.Shell($"mkfifo '{Path.Combine(env.Root, "configs", "pipe.toml")}' '{Path.Combine(env.Root, "root.toml")}'");

        var diagnostics = Validate(env);

        Assert.Contains(diagnostics, d => d.Code == DiagnosticCatalog.SpecialFileSkipped.Code && d.File == "configs/pipe.toml");
        Assert.DoesNotContain(diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void A_config_over_16_MiB_is_an_error_at_the_file_and_is_not_read()
    {
        using var env = new RealEnvironment();
        env.Sparse("configs/huge.toml", (16L * 1024 * 1024) + 1);

        var error = Assert.Single(Validate(env), d => d.Severity == Severity.Error);

        Assert.Equal((DiagnosticCatalog.FileTooLargeToRead.Code, "configs/huge.toml"), (error.Code, error.File));
    }

    [Fact]
    public void An_environment_py_over_16_MiB_is_an_error_at_the_file()
    {
        using var env = new RealEnvironment(withEntryPoint: false);
        env.Sparse("environment.py", (16L * 1024 * 1024) + 1);

        Assert.Contains(Validate(env), d => d.Code == DiagnosticCatalog.FileTooLargeToRead.Code && d.File == "environment.py" && d.Severity == Severity.Error);
    }

    [Fact]
    public void A_fifo_prompt_file_does_not_hang_profile_detection()
    {
        using var env = new RealEnvironment(withEntryPoint: false);
        env.Write("reward.py", "def reward_func(prompts, completions, **kwargs):\n    return [0.0]\n");
        TempDirectory.Shell($"mkfifo '{Path.Combine(env.Root, "prompts.jsonl")}'");
        File.CreateSymbolicLink(Path.Combine(env.Root, "train.jsonl"), "/dev/zero");

        var (profile, _) = ProfileDetector.Detect(new System.IO.Abstractions.FileSystem(), env.Root);

        Assert.Equal(Profile.Freesolo, profile);
    }

    [Fact]
    public void A_reinforcenow_config_yml_over_16_MiB_is_an_error_at_the_file()
    {
        using var env = new RealEnvironment(withEntryPoint: false);
        env.Write("rewards.py", "from rnow import reward\n");
        env.Write("train.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}\n");
        env.Sparse("config.yml", (16L * 1024 * 1024) + 1);

        Assert.Contains(Validate(env, Profile.ReinforceNow), d => d.Code == DiagnosticCatalog.FileTooLargeToRead.Code && d.File == "config.yml");
    }
}
