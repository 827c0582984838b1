"""Checks `flash train` configs by the rules of Flash's spec_from_dict(raw, project_required=True).

usage: flash_config_check.py CONFIG.toml...

The rules (freesolo-co/flash 0c508de): flash/schema/__init__.py (_TOP_LEVEL_KEYS, _ENVIRONMENT_KEYS,
TRAIN_SCHEMA_KEYS and the per-algorithm knobs), flash/core/spec.py require_project_id (uuid.UUID),
flash/core/catalog.py (MODELS, ALGORITHMS, normalize_algorithm), flash/envs/identity.py and the managed
plane's env id check in flash/server/domain/envs.py (org/project/name, each segment [a-z0-9._-]+, not
"." or ".."). Independent of RlEnv's own checker, which the same test also runs.
Prints one line per problem and exits 1 when there is any.
"""

from __future__ import annotations

import re
import sys
import tomllib
import uuid

TOP_LEVEL = {"model", "algorithm", "environment", "train", "gpu", "seed", "thinking", "wandb", "project"}
ENVIRONMENT = {"id", "params", "pip", "secrets"}
MODELS = {"Qwen/Qwen3.5-0.8B", "Qwen/Qwen3.5-2B", "Qwen/Qwen3.5-4B", "Qwen/Qwen3.5-9B", "Qwen/Qwen3.6-27B", "Qwen/Qwen3.6-35B-A3B"}
ALGORITHMS = {"sft", "grpo", "opd"}
TRAIN = {
    "batch_size", "credit_assignment", "entropy_quantile", "epochs", "group_size", "init_from_adapter", "kl_penalty_coef",
    "learning_rate", "lora_alpha", "lora_rank", "max_completion_tokens", "max_context_tokens", "max_examples", "max_steps",
    "prompts_per_step", "save_at_steps", "save_every", "stop_sequences", "structured_outputs", "teacher_model", "temperature",
    "thinking_length_penalty_coef",
}
# The knobs only some algorithms take (TRAINING.md's matrix, enforced by _validate_spec).
ONLY = {
    "batch_size": {"sft"},
    "prompts_per_step": {"grpo", "opd"},
    "group_size": {"grpo", "opd"}, "temperature": {"grpo", "opd"}, "max_completion_tokens": {"grpo", "opd"},
    "kl_penalty_coef": {"grpo", "opd"}, "stop_sequences": {"grpo", "opd"}, "structured_outputs": {"grpo", "opd"},
    "entropy_quantile": {"grpo"}, "thinking_length_penalty_coef": {"grpo"}, "credit_assignment": {"grpo"},
    "teacher_model": {"opd"},
}
SEGMENT = re.compile(r"^[a-z0-9._-]+$")


def check(path: str) -> list[str]:
    with open(path, "rb") as file:
        raw = tomllib.load(file)
    found = []
    if unknown := sorted(set(raw) - TOP_LEVEL):
        found.append(f"unknown top-level key(s): {', '.join(unknown)}")
    model = raw.get("model")
    if model not in MODELS:
        found.append(f"model {model!r} is not in Flash's catalog")
    project = raw.get("project")
    try:
        if not isinstance(project, str) or not project.strip():
            raise ValueError
        uuid.UUID(project.strip())
    except ValueError:
        found.append(f"project {project!r} is not a UUID")
    algorithm = raw.get("algorithm") or "sft"
    if not isinstance(algorithm, str) or algorithm.lower() not in ALGORITHMS:
        found.append(f"algorithm {algorithm!r} is not one of sft, grpo, opd")
    algorithm = str(algorithm).lower()
    if "thinking" in raw and not isinstance(raw["thinking"], bool):
        found.append("thinking must be a boolean")
    environment = raw.get("environment")
    if not isinstance(environment, dict):
        found.append("[environment] is missing")
    else:
        if unknown := sorted(set(environment) - ENVIRONMENT):
            found.append(f"[environment] unknown key(s): {', '.join(unknown)}")
        env_id = environment.get("id")
        segments = env_id.split("/") if isinstance(env_id, str) else []
        if len(segments) != 3 or not all(SEGMENT.match(s) and s not in (".", "..") for s in segments):
            found.append(f"[environment] id {env_id!r} is not org/project/name in lower case")
        if not isinstance(environment.get("params", {}), dict):
            found.append("[environment] params must be a table")
    train = raw.get("train", {})
    if not isinstance(train, dict):
        found.append("[train] must be a table")
    else:
        if unknown := sorted(set(train) - TRAIN):
            found.append(f"[train] unknown key(s): {', '.join(unknown)}")
        for key in sorted(set(train) & set(ONLY)):
            if algorithm not in ONLY[key]:
                found.append(f"train.{key} does not apply to {algorithm}")
    return found


def main() -> int:
    failed = False
    for path in sys.argv[1:]:
        for text in check(path):
            failed = True
            print(f"{path}: {text}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
