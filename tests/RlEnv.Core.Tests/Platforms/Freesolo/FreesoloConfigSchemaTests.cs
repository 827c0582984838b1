using RlEnv.Core.Diagnostics;
using RlEnv.Core.Platforms.Freesolo;
using static RlEnv.Core.Tests.Support.FlashSpec;

namespace RlEnv.Core.Tests.Platforms.Freesolo;

/// <summary>
/// Flash's spec_from_dict cases (flash-config.md §5.1), rebuilt as TOML from their facts with Flash's outcome. T: lines
/// are tests/test_spec_and_validation.py unless another file is named.
/// </summary>
public class FreesoloConfigSchemaTests
{
    public static TheoryData<string, object, string> Rejections => new()
    {
        // T:76-125 test_spec_validation_rejections
        { "train.seeds", new[] { 0 }, "unknown key" },
        { "train.lora_rank", 0, "lora_rank must be >= 1" },
        { "train.lora_alpha", 0, "lora_alpha must be >= 1" },
        { "train.lora_alpha", -8, "lora_alpha must be >= 1" },
        { "train.lora_rank", true, "lora_rank must be an integer" },
        { "train.lora_alpha", false, "lora_alpha must be an integer" },
        { "algorithm", "ppo", "unsupported algorithm" },
        { "model", new[] { "Qwen/Qwen3.5-4B" }, "must be a model id string" },
        { "model", new Dictionary<string, object?> { ["id"] = "x" }, "must be a model id string" },
        { "model", "   ", "must be a model id string" },
        { "algorithm", 5, "algorithm must be a string" },
        { "algorithm", new[] { "grpo" }, "algorithm must be a string" },
        { "algorithm", true, "algorithm must be a string" },
        { "grpo.group_size", 4, "unknown config section" },
        { "sft.epochs", 3, @"under \[train\]" },
        { "train.max_token", 256, "unknown key" },
        { "train.max_length", 256, "unknown key" },
        { "train.max_tokens", 256, "unknown key" },
        { "train.rollout_request_timeout_seconds", 600, "unknown key" },
        { "train.rollout_request_max_attempts", 2, "unknown key" },
        { "train.rollout_stall_timeout_seconds", 60, "unknown key" },
        { "gpu.count", 0, "gpu.count must be between 1 and 8" },
        { "gpu.count", 9, "gpu.count must be between 1 and 8" },
        { "gpu.count", true, "gpu.count must be an integer" },
        { "gpu.count", "two", "gpu.count must be an integer" },
        { "project", new[] { "p" }, "project must be a string" },
        { "project", 5, "project must be a string" },
        { "project", new Dictionary<string, object?> { ["id"] = "p" }, "project must be a string" },

        // T:204-230, T:533-537, T:553-555, T:558-567, T:727-732, T:1066-1080, T:1540-1583, T:1846-1850, T:2048-2071
        { "project", "   ", "project is required and must be nonblank" },
        { "project", "not-a-uuid", "project must be a valid UUID" },
        { "train.epochs", 0, "epochs must be >= 1" },
        { "train.hf_repo", "org/repo", @"\[train\] unknown key\(s\): hf_repo" },
        { "train.advantage_clip", 1.5, @"unknown key\(s\): advantage_clip" },
        { "train.max_examples", -5, "max_examples must be >= 0" },
        { "model_revision_auto", true, @"unknown config key\(s\): model_revision_auto" },
        { "model_revision_force_pin", true, @"unknown config key\(s\): model_revision_force_pin" },
        { "model_revison", "main", @"unknown config key\(s\): model_revison" },
        { "worker_env.FOO", "1", @"unknown config section\(s\): worker_env \(allowed tables: environment, train, gpu, wandb\)" },
        { "gpu_count_auto", true, @"unknown config key\(s\): gpu_count_auto" },

        // test_managed_config_fields.py:27-70
        { "run_id", "r", @"unknown config key\(s\): run_id" },
        { "gpu.disk_gb", 100, @"\[gpu\] unknown key\(s\): disk_gb" },
        { "gpu.network_volume", "v", @"\[gpu\] unknown key\(s\): network_volume" },
        { "gpu.network_volume_gb", 100, @"\[gpu\] unknown key\(s\): network_volume_gb" },
        { "gpu.max_retries", 7, @"\[gpu\] unknown key\(s\): max_retries" },
        { "gpu.max_wall_seconds", 7, @"\[gpu\] unknown key\(s\): max_wall_seconds" },
        { "gpu.future_gpu_field", "rejected", @"\[gpu\] unknown key\(s\): future_gpu_field" },
        { "gpu.type_fallbacks", new[] { "A100 SXM" }, @"\[gpu\] unknown key" },
        { "environment.resolved_sha", "abc", @"\[environment\] unknown key\(s\): resolved_sha \(allowed: id, params, pip, secrets\)" },

        // test_catalog_only_models.py:35-48
        { "model", "acme/unlisted", "unsupported model" },
        { "model_policy", "any", "unknown config key" },

        // test_thinking_config.py:93-96
        { "thinking", "yes", "boolean" },

        // T:1114-1135, T:1288-1366
        { "gpu.providers", Array.Empty<string>(), "must name at least one provider" },
        { "gpu.providers", new[] { "aws" }, "one of runpod, lambda, vast" },
        { "gpu.provider", "aws", @"gpu\.provider" },
        { "gpu.type", "Tesla T4", @"gpu\.type" },
        { "gpu.type", "RTX A6000", "unsupported gpu 'RTX A6000'" },
        { "gpu.type", Array.Empty<string>(), "must not be an empty list" },
        { "gpu.type", new[] { "A100 PCIe", "Tesla T4" }, "unsupported gpu" },
        { "gpu.type", new object[] { "A100 PCIe", 1 }, @"gpu\.type entries must be strings" },
        { "gpu.type", new[] { "A100 PCIe", "  " }, @"gpu\.type entries must not be empty" },

        // T:933-994 environment sub-fields
        { "environment.params", "notatable", "params must be a table" },
        { "environment.params", 123, "params must be a table" },
        { "environment.params", false, "params must be a table" },
        { "environment.secrets", "notalist", "secrets must be a list" },
        { "environment.secrets", 123, "secrets must be a list" },
        { "environment.secrets", false, "secrets must be a list" },
        { "environment.secrets", new object[] { "OK_SECRET", 123 }, "entries must be strings" },
        { "environment.secrets", new[] { "BAD KEY" }, "secrets has invalid" },
        { "environment.secrets", new[] { "HF_TOKEN" }, "platform-managed" },
        { "environment.secrets", new[] { "PARASAIL_API_KEY" }, "platform-managed" },
        { "environment.secrets", new[] { "FLASH_PUBLIC_URL" }, "platform-managed" },
        { "environment.secrets", new[] { "flash_teacher_capability" }, "platform-managed" },

        // test_wandb_naming.py:71-88
        { "wandb.project", 123, "wandb" },
        { "wandb.project", "", "wandb" },
        { "wandb.run_name", "   ", "wandb" },
        { "wandb.unknown", "x", "wandb" },
        { "wandb", "my-project", @"\[wandb\] must be a table" },

        // T:894-909
        { "environment", "gsm8k", @"\[environment\] must be a table" },
        { "gpu", false, @"\[gpu\] must be a table" },
        { "environment", false, @"\[environment\] must be a table" },
        { "train", false, @"\[train\] must be a table" },

        // T:231-238
        { "train.credit_assignment", "per_step", "^train.credit_assignment must be \"per_episode\" or \"per_turn\"; got 'per_step'" },
        { "train.credit_assignment", 1, "^train.credit_assignment must be \"per_episode\" or \"per_turn\"; got 1" },

        // test_grpo_params.py:512-531 (and 471-509, 548-569: bad values)
        { "train.group_size", 1, @"group_size.*one of \{2, 4, 8\}.*GRPO" },
        { "train.group_size", 4.0, "train.group_size must be an integer or omitted for GRPO" },
        { "train.epochs", 2.5, "train.epochs must be a finite integer" },
        { "train.epochs", -1, "train.epochs must be >= 1" },
        { "train.learning_rate", 0, @"train.learning_rate must be > 0\.0" },
        { "train.temperature", -0.1, @"train.temperature must be >= 0\.0" },
        { "train.entropy_quantile", 1.5, @"train.entropy_quantile must be between 0\.0 and 1\.0" },
        { "train.learning_rate", "fast", "train.learning_rate must be a number" },
        { "train.prompts_per_step", 0, "train.prompts_per_step must be positive for GRPO" },
        { "train.prompts_per_step", 128, @"must be <= 512 for GRPO \(got 128 \* 8 = 1024\)" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Spec_validation_rejections(string key, object value, string pattern) => Refused(BaseRaw().With(key, value), pattern);

    [Fact]
    public void The_base_specs_are_valid()
    {
        // T:34-41 BASE_RAW and tests/_helpers/specs.py:15-24 raw_spec
        Assert.Empty(Check(BaseRaw()));
        Assert.Empty(Check(RawSpec()));
    }

    // T:191-201: the project check comes before the (two-segment) id check; both are reported.
    [Fact]
    public void Toml_config_requires_project()
    {
        var findings = Check("model = \"Qwen/Qwen3.5-0.8B\"\nalgorithm = \"sft\"\n[environment]\nid = \"freesolo/gsm8k\"\n[train]\nepochs = 1\nmax_examples = 1\n");

        Assert.Contains(findings, d => d.Code == DiagnosticCatalog.ConfigProjectInvalid.Code && d.Message.StartsWith("project is required and must be nonblank", StringComparison.Ordinal));
        Assert.Contains(findings, d => d.Code == DiagnosticCatalog.EnvironmentIdInvalid.Code && d.Line == 4);
    }

    // T:204-230: missing is refused; uuid.UUID's other spellings are accepted (and canonicalized by Flash).
    [Theory]
    [InlineData("  11111111-1111-4111-8111-111111111111  ")]
    [InlineData("11111111-1111-4111-8111-111111111111")]
    [InlineData("11111111111141118111111111111111")]
    [InlineData("{11111111-1111-4111-8111-111111111111}")]
    [InlineData("urn:uuid:11111111-1111-4111-8111-111111111111")]
    [InlineData("00000000-0000-4000-8000-000000000000")]
    public void Project_id_spellings_uuid_accepts(string project)
    {
        Accepted(BaseRaw().With("project", project.ToUpperInvariant().Replace("URN:UUID:", "urn:uuid:", StringComparison.Ordinal)));
        Assert.Equal("11111111-1111-4111-8111-111111111111", FreesoloProjectId.Canonical("  11111111-1111-4111-8111-111111111111  ".ToUpperInvariant()));
    }

    [Fact]
    public void A_missing_project_is_refused() => Refused(BaseRaw().With("project", null), "project is required and must be nonblank");

    // T:177-188
    [Theory]
    [InlineData("  ")]
    [InlineData(" Per_Turn ")]
    [InlineData("per_episode")]
    public void Credit_assignment_defaults_and_accepts(string value) => Accepted(BaseRaw().With("train.credit_assignment", value));

    // T:264-271
    [Fact]
    public void Validate_train_keys_lists_the_allowed_keys() =>
        Assert.Contains("(allowed: batch_size, credit_assignment,", Refused(BaseRaw().With("train.removed_spelling", 1), @"unknown key\(s\): removed_spelling").Message, StringComparison.Ordinal);

    // T:326-342 and T:344-396
    [Theory]
    [InlineData("sft")]
    [InlineData("grpo")]
    [InlineData("opd")]
    public void Init_from_adapter_is_accepted_without_lora_keys(string algorithm) =>
        Accepted(BaseRaw().With("algorithm", algorithm).With("train.lora_rank", null).With("train.init_from_adapter", "source-run"));

    [Theory]
    [InlineData("lora_rank", 8)]
    [InlineData("lora_rank", 0)]
    [InlineData("lora_alpha", 16)]
    public void Init_from_adapter_with_a_lora_key_present_is_refused(string key, int value)
    {
        var raw = BaseRaw().With("train.lora_rank", null).With("train.init_from_adapter", "source-run/step-4").With("train." + key, value);

        Refused(raw, $"train.{key} cannot be set with train.init_from_adapter");
    }

    // T:515-521, T:524-530
    [Theory]
    [InlineData("init_from_adapter", "")]
    [InlineData("init_from_adapter", "   ")]
    public void Blank_init_from_adapter_is_unset(string key, string value) => Accepted(BaseRaw().With("train." + key, value));

    [Theory]
    [InlineData("")]
    [InlineData(0)]
    [InlineData(false)]
    public void A_falsy_algorithm_is_sft(object value)
    {
        // As sft, the grpo-only knobs of BASE_RAW would be refused; there are none, so it is accepted.
        Accepted(BaseRaw().With("algorithm", value));
    }

    // T:540-550: max_examples is optional for SFT.
    [Fact]
    public void Sft_max_examples_is_optional()
    {
        Accepted(RawSpec().With("train.max_examples", null));
        Accepted(RawSpec().With("train.max_examples", 0));
    }

    // T:570-590
    [Fact]
    public void Lora_rank_is_capped_by_the_models_serving_rank()
    {
        Accepted(BaseRaw().With("train.lora_rank", 128));
        Refused(BaseRaw().With("train.lora_rank", 129), "serving max_lora_rank=128");
        Refused(BaseRaw().With("model", "Qwen/Qwen3.6-27B").With("train.lora_rank", 65), "serving max_lora_rank=64");
    }

    // T:660-711
    [Theory]
    [InlineData("sft", "group_size", 8)]
    [InlineData("sft", "temperature", 0.7)]
    [InlineData("sft", "max_completion_tokens", 512)]
    [InlineData("sft", "kl_penalty_coef", 0.5)]
    [InlineData("sft", "entropy_quantile", 0.5)]
    [InlineData("sft", "thinking_length_penalty_coef", 0.1)]
    [InlineData("sft", "teacher_model", "glm-5.2")]
    [InlineData("sft", "credit_assignment", "per_turn")]
    [InlineData("sft", "stop_sequences", new[] { "END" })]
    [InlineData("sft", "structured_outputs", "{\"type\": \"object\"}")]
    [InlineData("opd", "entropy_quantile", 0.5)]
    [InlineData("opd", "thinking_length_penalty_coef", 0.1)]
    [InlineData("opd", "credit_assignment", "per_turn")]
    [InlineData("grpo", "teacher_model", "glm-5.2")]
    public void Train_knob_rejected_by_algorithms_that_cannot_consume_it(string algorithm, string knob, object value)
    {
        var error = Refused(BaseRaw().With("algorithm", algorithm).With("train." + knob, value), $@"train\.{knob}");
        Assert.Equal(DiagnosticCatalog.ConfigTrainKnobNotForAlgorithm.Code, error.Code);
    }

    [Theory]
    [InlineData("grpo", "group_size", 8)]
    [InlineData("opd", "group_size", 2)]
    [InlineData("grpo", "temperature", 0.7)]
    [InlineData("opd", "temperature", 0.7)]
    [InlineData("grpo", "max_completion_tokens", 512)]
    [InlineData("opd", "max_completion_tokens", 512)]
    [InlineData("grpo", "kl_penalty_coef", 0.5)]
    [InlineData("opd", "kl_penalty_coef", 0.5)]
    [InlineData("grpo", "stop_sequences", new[] { "END" })]
    [InlineData("opd", "stop_sequences", new[] { "END" })]
    [InlineData("grpo", "structured_outputs", "{\"type\": \"object\"}")]
    [InlineData("opd", "structured_outputs", "{\"type\": \"object\"}")]
    [InlineData("grpo", "entropy_quantile", 0.5)]
    [InlineData("grpo", "thinking_length_penalty_coef", 0.1)]
    [InlineData("grpo", "credit_assignment", "per_turn")]
    [InlineData("opd", "teacher_model", "glm-5.2")]
    public void Train_knob_accepted_by_algorithms_that_consume_it(string algorithm, string knob, object value) =>
        Accepted(BaseRaw().With("algorithm", algorithm).With("train." + knob, value));

    // T:2207-2259
    [Theory]
    [InlineData("grpo")]
    [InlineData("opd")]
    public void Batch_size_does_not_apply_to_rollout_algorithms(string algorithm) =>
        Assert.Contains("prompts_per_step", Refused(BaseRaw().With("algorithm", algorithm).With("train.batch_size", 4), "batch_size does not apply to").Message, StringComparison.Ordinal);

    [Fact]
    public void Prompts_per_step_does_not_apply_to_sft()
    {
        Assert.Contains("batch_size", Refused(RawSpec().With("train.prompts_per_step", 4), "prompts_per_step does not apply to sft").Message, StringComparison.Ordinal);
        Accepted(RawSpec().With("train.batch_size", 4));
        Accepted(BaseRaw().With("train.prompts_per_step", 32));
    }

    // T:745-876
    [Fact]
    public void Environment_pip_is_checked_as_flash_checks_it()
    {
        Accepted(BaseRaw().With("environment.pip", new[] { "pymongo>=4.6", "rapidfuzz" }));
        Refused(BaseRaw().With("environment.pip", "pymongo"), @"not a string: use \[""pymongo""\]");
        Refused(BaseRaw().With("environment.pip", new object[] { "pymongo", 7 }), "non-empty requirement strings");
        Refused(BaseRaw().With("environment.pip", new[] { "pymongo", "   " }), "non-empty requirement strings");
        foreach (var option in new[] { "--no-deps", "--target=/tmp/deps", "-e ." })
        {
            Refused(BaseRaw().With("environment.pip", new[] { "pymongo>=4.6", option }), "must be requirements, not pip options");
        }

        foreach (var entry in new[] { "pymongo >= 4.6", "pkg (>=1.0)", "pkg [extra1, extra2] >=1.0", "pkg; python_version < \"3.12\"", "pkg @ https://host/a-1.0.whl",
            "git+https://github.com/org/repo.git#egg=pkg", "git+https://github.com/org/repo.git@v1.2.3" })
        {
            Accepted(BaseRaw().With("environment.pip", new[] { entry }));
        }

        foreach (var url in new[] { "git+https://user:ghp_SECRETTOKEN@github.com/org/repo.git#egg=pkg", "https://tok:s3cret@example.com/pkg-1.0.tar.gz",
            "pkg @ https://x:y@host/a.whl", "git+https://ghp_SECRETTOKEN@github.com/org/repo.git", "https://host/pkg-1.0.whl?X-Amz-Signature=deploykey" })
        {
            var error = Refused(BaseRaw().With("environment.pip", new[] { url }), "must not embed credentials");
            Assert.DoesNotContain("SECRETTOKEN", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("ghp_", Refused(BaseRaw().With("environment.pip", "git+https://ghp_SECRET@github.com/org/repo.git"), "not a string").Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_", Refused(BaseRaw().With("environment.pip", new[] { "--extra-index-url=https://user:ghp_SECRET@host/simple" }), "pip options").Message, StringComparison.Ordinal);
    }

    // T:997-1027: duplicate secrets are fine (deduplicated); test_training_controls.py:390-438
    [Fact]
    public void Secrets_reserved_for_grpo_only_and_for_every_algorithm()
    {
        Accepted(BaseRaw().With("environment.secrets", new[] { "SERPAPI_API_KEY", "OPENAI_API_KEY", "SERPAPI_API_KEY" }));
        Accepted(RawSpec().With("environment.secrets", new[] { "OMP_NUM_THREADS" }));
        Accepted(RawSpec().With("algorithm", "opd").With("environment.secrets", new[] { "TOKENIZERS_PARALLELISM" }));
        Refused(BaseRaw().With("environment.secrets", new[] { "OMP_NUM_THREADS" }), "^\\[environment\\] secrets must not include platform-managed key\\(s\\): OMP_NUM_THREADS");
        foreach (var algorithm in new[] { "sft", "grpo", "opd" })
        {
            Refused(BaseRaw().With("algorithm", algorithm).With("environment.secrets", new[] { "SEED" }), "platform-managed key\\(s\\): SEED");
        }
    }

    // T:1066-1080 and test_training_controls.py:44-137
    [Fact]
    public void Max_steps_and_save_at_steps()
    {
        Accepted(BaseRaw().With("train.max_steps", 50));
        Accepted(BaseRaw().With("train.max_steps", 0));
        Accepted(BaseRaw().With("train.max_steps", -7));
        Accepted(BaseRaw().With("seed", 987654321).With("train.max_steps", 12).With("train.save_at_steps", new[] { 1, 4, 12 }));
        Refused(BaseRaw().With("train.max_steps", true), "train.max_steps");
        Refused(BaseRaw().With("train.max_steps", 1.0), "train.max_steps");
        Refused(BaseRaw().With("train.max_steps", "1"), "train.max_steps");
        Refused(BaseRaw().With("train.max_steps", 12).With("train.save_at_steps", 1), "list of integers");
        Refused(BaseRaw().With("train.max_steps", 12).With("train.save_at_steps", new[] { true }), "entries must be integers");
        Refused(BaseRaw().With("train.max_steps", 12).With("train.save_at_steps", new[] { 1.0 }), "entries must be integers");
        Refused(BaseRaw().With("train.max_steps", 12).With("train.save_at_steps", new[] { 0 }), "entries must be positive");
        Refused(BaseRaw().With("train.max_steps", 12).With("train.save_at_steps", new[] { 2, 1 }), "strictly increasing");
        Refused(BaseRaw().With("train.max_steps", 12).With("train.save_at_steps", new[] { 1, 1 }), "strictly increasing");
        Refused(BaseRaw().With("train.max_steps", 5).With("train.save_at_steps", new[] { 2, 6 }), "beyond train.max_steps");
        Refused(BaseRaw().With("train.save_at_steps", new[] { 2 }), "requires positive train.max_steps");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(true)]
    [InlineData(-1)]
    public void Seed_must_be_a_non_negative_integer(object seed) => Assert.Equal(DiagnosticCatalog.ConfigSeedInvalid.Code, Refused(BaseRaw().With("seed", seed), "seed must be").Code);

    // T:2117-2166 and T:1288-1366: counts, pins and lists that Flash accepts.
    [Fact]
    public void Gpu_shapes_flash_accepts()
    {
        Accepted(BaseRaw().With("gpu.count", 4));
        Accepted(BaseRaw().With("gpu.count", 1));
        Accepted(BaseRaw().With("gpu.type", "B200"));
        Accepted(BaseRaw().With("gpu.type", new[] { "A100 PCIe", "A100 SXM" }));
        Accepted(BaseRaw().With("gpu.type", new[] { " a100 pcie ", "h100" }));
        Accepted(BaseRaw().With("gpu.type", new[] { "H100", "A100 PCIe", "H100" }));
        Accepted(BaseRaw().With("gpu.provider", " RunPod ").With("gpu.type", "rtx-4090"));
        Accepted(BaseRaw().With("gpu.providers", new[] { " Vast ", "runpod", "vast", "lambda", "runpod" }));
    }

    [Fact]
    public void Gpu_shapes_flash_refuses()
    {
        Refused(BaseRaw().With("gpu.provider", "runpod").With("gpu.providers", new[] { "vast" }), @"gpu\.provider and gpu\.providers cannot both be set");
        Refused(BaseRaw().With("model", "Qwen/Qwen3.5-9B").With("gpu.type", "RTX 4090"), "requires at least");
        Refused(BaseRaw().With("gpu.provider", "lambda").With("gpu.type", "RTX 4090"), "cannot provision");
        Refused(BaseRaw().With("model", "Qwen/Qwen3.5-9B").With("gpu.type", new[] { "A100 PCIe", "RTX 4090" }), "requires at least");
        Refused(BaseRaw().With("gpu.provider", "lambda").With("gpu.type", new[] { "H100", "RTX 4090" }), "cannot provision");
    }

    // test_thinking_config.py:17-30 (the six catalog models are hybrid) and test_algorithms.py:20-40.
    [Fact]
    public void Thinking_and_algorithm_on_catalog_models()
    {
        Accepted(BaseRaw().With("thinking", true));
        Accepted(BaseRaw().With("thinking", false));
        Accepted(BaseRaw().With("algorithm", "opd").With("environment.id", "github:owner/repo@main:env/environment.py"));
        Accepted(BaseRaw().With("algorithm", "GRPO"));
        Refused(BaseRaw().With("algorithm", " sft"), "unsupported algorithm:  sft; known: sft, grpo, opd");
        Assert.All(FreesoloModelCatalog.Models, m => Assert.Equal(FreesoloThinking.Hybrid, m.Thinking));
    }

    // test_grpo_params.py:534-545 and 667-704, test_opd.py:516-561
    [Fact]
    public void Opd_group_size_prompt_budget_and_kl()
    {
        Accepted(BaseRaw().With("algorithm", "opd").With("train.group_size", 1));
        Accepted(BaseRaw().With("train.max_context_tokens", 513).With("train.max_completion_tokens", 512));
        Refused(BaseRaw().With("train.max_context_tokens", 512).With("train.max_completion_tokens", 512), "prompt budget");
        Refused(BaseRaw().With("train.max_context_tokens", 320), "leaves no prompt budget after max_completion_tokens \\(320\\) for grpo");
        Refused(BaseRaw().With("thinking", true).With("train.max_context_tokens", 1536), "\\(1536\\) for grpo");
        Refused(BaseRaw().With("algorithm", "opd").With("train.max_context_tokens", 512), "\\(512\\) for opd");
        Refused(BaseRaw().With("algorithm", "opd").With("train.kl_penalty_coef", 0), "must be > 0 for opd");
        Accepted(BaseRaw().With("train.kl_penalty_coef", 0));
    }

    // test_opd.py:479-513
    [Theory]
    [InlineData("GLM 5.2", true)]
    [InlineData("kimi_k3", true)]
    [InlineData("DeepSeek-V4-Pro", true)]
    [InlineData("qwen3-vl-235b", true)]
    [InlineData("kimi-k2.6", false)]
    [InlineData("zai-org/GLM-5.2", false)]
    public void Teacher_aliases(string teacher, bool accepted)
    {
        var raw = BaseRaw().With("algorithm", "opd").With("train.teacher_model", teacher);
        if (accepted)
        {
            Accepted(raw);
        }
        else
        {
            Refused(raw, "is not a supported teacher; choose one of: kimi-k3, glm-5.2, deepseek-v4-pro, qwen3.5-397b-a17b, qwen3-vl-235b \\(default glm-5.2\\)");
        }
    }

    // test_structured_outputs.py:53-163
    [Fact]
    public void Structured_outputs_forms()
    {
        foreach (var accepted in new object[] { false, "", "none", "json", "json_object", "{\"type\": \"object\"}", "{\"regex\": \"[a-z]+\"}",
            new Dictionary<string, object?> { ["choice"] = new[] { "yes", "no" } }, new Dictionary<string, object?> { ["schema"] = new Dictionary<string, object?> { ["type"] = "object" } },
            new Dictionary<string, object?> { ["json_object"] = true, ["disable_any_whitespace"] = true }, new Dictionary<string, object?> { ["type"] = "object" } })
        {
            Accepted(BaseRaw().With("train.structured_outputs", accepted));
        }

        foreach (var (refused, pattern) in new (object, string)[]
        {
            ("not json", "string form must be JSON"),
            ("[1, 2]", "JSON string form must decode to an object"),
            (5, "must be a table, a JSON string, or false"),
            (true, "must be a table, a JSON string, or false"),
            (new Dictionary<string, object?> { ["grammar"] = "x" }, "grammar constraint\\(s\\) are not supported"),
            (new Dictionary<string, object?> { ["choice"] = new[] { "a" }, ["choices"] = new[] { "b" } }, "sets the same constraint twice via aliases: \\['choice', 'choices'\\]"),
            (new Dictionary<string, object?> { ["disable_any_whitespace"] = true }, "without a constraint"),
            (new Dictionary<string, object?> { ["regex"] = "a", ["extra"] = 1 }, "unknown key\\(s\\): extra"),
            (new Dictionary<string, object?> { ["regex"] = "a", ["choice"] = new[] { "b" } }, "must set exactly ONE constraint, got: regex, choice"),
            (new Dictionary<string, object?> { ["choice"] = Array.Empty<string>() }, "choice must be a non-empty list"),
            (new Dictionary<string, object?> { ["json_object"] = false }, "json_object must be true"),
            (new Dictionary<string, object?> { ["regex"] = "  " }, "regex must be a non-empty string"),
            (new Dictionary<string, object?> { ["json"] = "{bad" }, "json schema string is not valid JSON"),
            (new Dictionary<string, object?> { ["json"] = 5 }, "json must be a schema table"),
            (new Dictionary<string, object?> { ["regex"] = "a", ["whitespace_pattern"] = "" }, "whitespace_pattern must be a non-empty string"),
            (new Dictionary<string, object?> { ["regex"] = "a", ["disable_additional_properties"] = "yes" }, "disable_additional_properties must be a boolean"),
        })
        {
            Assert.StartsWith("train.structured_outputs ", Refused(BaseRaw().With("train.structured_outputs", refused), pattern).Message, StringComparison.Ordinal);
        }

        Refused(RawSpec().With("train.structured_outputs", "json"), "only applies to rollout algorithms");
    }

    // test_wandb_naming.py:28-57
    [Fact]
    public void Wandb_project_and_run_name() =>
        Accepted(BaseRaw().With("wandb", new Dictionary<string, object?> { ["project"] = " my-project ", ["run_name"] = "run-1" }));

    // test_training_controls.py:19-30 _BASE_TOML is an overlay-free config without project: valid only with
    // project_required=False, which `flash train` never uses.
    [Fact]
    public void Training_controls_base_toml_needs_a_project_for_flash_train()
    {
        const string toml = "model = \"Qwen/Qwen3.5-0.8B\"\nalgorithm = \"grpo\"\n\n[environment]\nid = \"freesolo/example-project/gsm8k\"\n\n[train]\nepochs = 1\nmax_examples = 8\ngroup_size = 2\n";

        Assert.Equal([DiagnosticCatalog.ConfigProjectInvalid.Code], Check(toml).Select(d => d.Code));
        Assert.Empty(Check($"project = \"{Project}\"\n" + toml));
    }

    // The TOML configs of Flash's tests (flash-config.md §5). Those written for `flash train` carry a project and are
    // valid; the others were parsed with project_required=False, and under `flash train` only the project is missing.
    [Theory]
    [InlineData("test_thinking_config.py:108-117 (with --set thinking=true)", "model = \"Qwen/Qwen3.5-0.8B\"\nalgorithm = \"sft\"\nthinking = true\n\n[environment]\nid = \"github:owner/repo@main:env/environment.py\"\n\n[train]\nepochs = 1\nmax_examples = 8\n", "RLENV2208 RLENV2223")]
    [InlineData("test_config_overrides.py:10-16", "model = \"Qwen/Qwen3.5-4B\"\nalgorithm = \"grpo\"\n[environment]\nid = \"github:freesolo-co/envs@main:gsm8k/environment.py\"\n[train]\nepochs = 1\nmax_examples = 100\n[gpu]\ntype = \"B200\"\n", "RLENV2208 RLENV2223")]
    [InlineData("test_grpo_params.py:221-236", "model = \"Qwen/Qwen3.5-0.8B\"\nalgorithm = \"grpo\"\n\n[environment]\nid = \"owner/project/env\"\n\n[train]\nentropy_quantile = 0.2", "RLENV2208")]
    [InlineData("test_wandb_naming.py:91-101", "model = \"Qwen/Qwen3.5-0.8B\"\nalgorithm = \"sft\"\n[environment]\nid = \"github:owner/repo@main:some-env/environment.py\"\n[train]\nmax_examples = 8\n", "RLENV2208 RLENV2223")]
    [InlineData("test_agent_flash_cli_contract.py:108-119", "model = \"Qwen/Qwen3.5-4B\"\nproject = \"11111111-1111-4111-8111-111111111111\"\nalgorithm = \"grpo\"\n[environment]\nid = \"owner/project/env\"\n[train]\nepochs = 1\nmax_examples = 10\n[gpu]\n", "")]
    [InlineData("test_cli_errors.py:157-170", "model = \"Qwen/Qwen3.5-4B\"\nproject = \"11111111-1111-4111-8111-111111111111\"\nalgorithm = \"grpo\"\n[environment]\nid = \"github:freesolo-co/envs@main:gsm8k/environment.py\"\n[train]\nepochs = 1\nmax_examples = 1\n", "RLENV2223")]
    [InlineData("test_cli_errors.py:51-63", "model = \"Not/AReal-Model\"\nproject = \"11111111-1111-4111-8111-111111111111\"\nalgorithm = \"grpo\"\n[environment]\nid = \"github:freesolo-co/envs@main:gsm8k/environment.py\"\n", "RLENV2209 RLENV2223")]
    [InlineData("test_cli_errors.py:173-185", "model = \"Qwen/Qwen3.5-4B\"\nproject = \"11111111-1111-4111-8111-111111111111\"\nalgorithm = \"grpo\"\n[environment]\n[train]\n", "RLENV2202")]
    [InlineData("setup.py:683-805 (the scaffold, id left empty)", "model = \"Qwen/Qwen3.5-4B\"\nproject = \"11111111-1111-4111-8111-111111111111\"\nalgorithm = \"grpo\"\nthinking = true\n\n[wandb]\nproject = \"my-env\"\n\n[environment]\nid = \"\"\n\n[train]\nepochs = 1\nmax_examples = 64\nlora_rank = 32\nmax_completion_tokens = 2048\n", "RLENV2202")]
    public void Flash_test_configs(string source, string toml, string codes)
    {
        var expected = codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);

        Assert.True(expected.SequenceEqual(Check(toml).Select(d => d.Code).Order(StringComparer.Ordinal)), source + ": " + string.Join(", ", Check(toml).Select(d => d.Code + " " + d.Message)));
    }

    // test_config_overrides.py:52-58: an overlay holds only what it changes.
    [Fact]
    public void An_overlay_is_checked_only_for_what_it_sets()
    {
        Assert.Empty(Check("[train]\nmax_examples = 250\n\n[gpu]\ntype = \"H100\"\n", overlay: true));
        Assert.Equal(DiagnosticCatalog.ConfigUnknownKey.Code, Assert.Single(Check("[train]\nmax_example = 250\n", overlay: true)).Code);
    }

    // test_cli_errors.py:51-63 and 173-185
    [Fact]
    public void Cli_error_configs()
    {
        Refused(BaseRaw().With("model", "Not/AReal-Model").With("environment.id", "github:owner/repo@main:env/environment.py"), "unsupported model");
        var missingId = Refused(BaseRaw().With("environment.id", null), @"\[environment\] id");
        Assert.Contains("flash env push", missingId.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_come_with_a_suggestion_where_one_is_close()
    {
        Assert.EndsWith("Did you mean [train] max_completion_tokens?", Refused(BaseRaw().With("train.max_tokens", 256), "unknown key").Message, StringComparison.Ordinal);
        Assert.EndsWith("Did you mean [train] max_steps?", Refused(BaseRaw().With("train.max_step", 5), "unknown key").Message, StringComparison.Ordinal);
        Assert.EndsWith("Did you mean \"model\"?", Refused(BaseRaw().With("modle", "x"), "unknown config key").Message, StringComparison.Ordinal);
        Assert.EndsWith("epochs belongs under [train].", Refused(BaseRaw().With("epochs", 3), "unknown config key").Message, StringComparison.Ordinal);
        Assert.EndsWith("seed is a top-level key, not part of [train].", Refused(BaseRaw().With("train.seed", 3), "unknown key").Message, StringComparison.Ordinal);
        Assert.Contains("platform-managed", Refused(BaseRaw().With("run_id", "r"), "unknown config key").Message, StringComparison.Ordinal);
        Assert.Contains("no local path mode", Refused(BaseRaw().With("environment.path", "."), "unknown key").Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean \"Qwen/Qwen3.5-4B\"?", Refused(BaseRaw().With("model", "qwen/qwen3.5-4b"), "unsupported model").Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", Refused(BaseRaw().With("train.zzzz", 1), "unknown key").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_finding_is_at_its_toml_line_and_column()
    {
        const string toml = "model = \"qwen3-8b\"\nproject = \"" + Project + "\"\nalgorithm = \"grpo\"\n\n[environment]\nid = \"a/b/c\"\nargs = 1\n\n[train]\n  group_size = 3\n";

        var findings = Check(toml);

        Assert.Equal(
            [(DiagnosticCatalog.ConfigModelInvalid.Code, 1, 9), (DiagnosticCatalog.ConfigUnknownKey.Code, 7, 1), (DiagnosticCatalog.ConfigGrpoShapeInvalid.Code, 10, 16)],
            findings.Select(d => (d.Code, d.Line!.Value, d.Column!.Value)));
    }
}
