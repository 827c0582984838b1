#!/usr/bin/env python3
"""Differential table for RlEnv's reinforcenow profile: single-defect ReinforceNow projects, each judged by rnow's own code.

What it writes
    rnow-differential.json beside this script: one record per case with its files (inline), a one-line description,
    and the verdict ReinforceNow's real code gave (accepted / refused / crash), with the stage that refused, the
    files rnow names, the line when rnow names one, and rnow's message. RnowDifferentialTests.cs replays every case
    through RlEnv's ValidateEngine (the `rlenv validate --profile reinforcenow` entry point) and compares.

Which rnow
    github:ReinforceNow/reinforcenow-cli at fbb86f7083a06abee04d3397980bc1cffd6e2629 ("Bump version to 0.4.37",
    package __version__ 0.8.2), run under CPython 3.11.7 with pydantic 2.13.4 and PyYAML 6.0.3 (rnow pins pydantic
    2.12.3, PyYAML 6.0.3; requires-python >=3.11). The rnow commit and interpreter are stored in the JSON too.

How to regenerate
    1. Get the rnow source tree, e.g. from a bare mirror:
         mkdir -p /tmp/rnow && git -C MIRROR ls-tree -r HEAD --name-only | while read f; do
           mkdir -p "/tmp/rnow/$(dirname "$f")"; git -C MIRROR show "HEAD:$f" > "/tmp/rnow/$f"; done
       (`git archive` stops at the mirror's missing blobs, assets/footer.png and templates/skyrl-sql/train.jsonl;
       neither is code.)
    2. python3 generate.py --rnow /tmp/rnow          (python3 needs pydantic 2 and PyYAML; nothing else)
    The script refuses to run when the rnow tree's version differs from the pinned one unless --any-rnow is given.

How a verdict is obtained (nothing here re-implements an rnow rule)
    Each case is written to a temp folder and judged in a fresh child interpreter (module state such as rnow's
    registries and caches cannot leak between cases). The child imports rnow's real `rnow.cli.commands` and calls the
    real `run` click command (`rnow run --dir CASE`), with only what needs a network or an account stubbed:
      - require_auth() does nothing; get_active_organization() returns a fixed id (commands.py:1884, 2004);
      - the first step after every check, `CubeSpinner()` before the upload (commands.py:2355), raises a private
        BaseException meaning "accepted"; on the multi-model path `_submit_single_run` is wrapped so that the same
        point (the temp config before the upload, commands.py:1659) means that model was accepted;
      - PyPI's requires_python lookup returns None (what `_pypi_requires_python` returns offline, commands.py:570-593);
      - packages rnow imports but this check never reaches (httpx, rich, aiohttp, tokenizers, tiktoken,
        openai_harmony, fastmcp) are absent or stubbed, so the tokenizer falls back to rnow's own estimate
        (token_count.py) and a non-local mcp_url is refused as rnow does without fastmcp; no case uses one.
    When `rnow run` accepts, the trainer still has to import the uploaded code: the child then imports rewards.py (RL)
    and tools.py (when non-empty) with rnow's real decorators (rnow/core/reward.py, rnow/core/tool.py), which check
    signatures at import time. A failure there is recorded as stage "import" (a refusal: the run fails at start).
    An uncaught exception inside `rnow run` is recorded as verdict "crash" (also a refusal), with its traceback's
    last line.

Record shape (rnow-differential.json, "cases": [...])
    id, category, description; files: [{name, text} | {name, base64}] (text is written as UTF-8 without a BOM);
    rnow: {verdict: accepted | refused | crash, stage, message, files (the files rnow names), lineFile and line
    (when rnow names a line), lineAlternatives (the other line PyYAML's message names: its context mark),
    otherLines (further lines rnow lists), fields (the config paths rnow's error block names), at (crash site)};
    stage is one of config, files, train.jsonl, batch, context-window, requirements.txt, rewards.py,
    reward-references, tools.py, tool-support, multi-model, import, crash.
    For rlenvStricter cases: rlenvStricter, stricterReason, rlenvFile, rlenvLine.
    Each case also states the verdict it was designed for; the script stops (exit 1) listing any case whose rnow
    verdict differs, so a description never says the opposite of what rnow did. A full run takes 3-6 minutes.

Only the first 50 valid rows are validated by rnow (commands.py:486, 531-533): every defect sits within them,
except the cases marked rlenvStricter that test exactly that.

rlenvStricter marks a case rnow accepts but RlEnv must refuse, on purpose: rules the platform's guide states
and rnow's code does not enforce (system message first, a user message, tools names exist in tools.py,
tool-call arguments as a string, tool_call_id on tool results, sandbox functions need docker), every uploaded .py
parsing, and RlEnv reading every row where rnow reads 50. Such a case carries the reason and where RlEnv should
report it (rlenvFile / rlenvLine).
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

RNOW_COMMIT = "fbb86f7083a06abee04d3397980bc1cffd6e2629"
RNOW_PACKAGE_VERSION = "0.4.37"
HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "rnow-differential.json"

# ---------------------------------------------------------------------------------------------------------------
# The child: judge one project folder with rnow's real code and print one JSON verdict.
# ---------------------------------------------------------------------------------------------------------------


def _child(rnow_root: str, project: str) -> None:
    import importlib.util
    import traceback
    import types

    # Missing optional packages: make their import fail cleanly (rnow catches ImportError where it uses them).
    for name in ("tokenizers", "tiktoken", "openai_harmony", "fastmcp"):
        sys.modules[name] = None  # type: ignore[assignment]
    # httpx is imported by rnow/cli/upload.py, used only for the upload itself, which no case reaches.
    if importlib.util.find_spec("httpx") is None:
        sys.modules["httpx"] = types.ModuleType("httpx")
    # rnow/core/__init__.py (what user code imports: reward, tool, RewardArgs, ...) imports llm_judge, which needs
    # aiohttp only when a judge is called.
    if importlib.util.find_spec("aiohttp") is None:
        sys.modules["aiohttp"] = types.ModuleType("aiohttp")
    # rnow/cli/__init__.py pulls in the whole CLI (eval and test need rich and more): load the package as a bare
    # namespace so only the modules `run` uses are imported.
    module = types.ModuleType("rnow.cli")
    module.__path__ = [os.path.join(rnow_root, "rnow", "cli")]
    sys.modules["rnow.cli"] = module
    sys.path.insert(0, rnow_root)
    # packaging is only used by validate_requirements_txt; pip vendors a copy.
    try:
        import packaging  # noqa: F401
    except ImportError:
        import pip._vendor.packaging as vendored
        import pip._vendor.packaging.markers
        import pip._vendor.packaging.requirements
        import pip._vendor.packaging.specifiers
        import pip._vendor.packaging.version

        sys.modules["packaging"] = vendored
        for sub in ("markers", "requirements", "specifiers", "version"):
            sys.modules["packaging." + sub] = getattr(vendored, sub)

    import click

    from rnow.cli import commands

    class Reached(BaseException):
        """The run passed every check and was about to upload."""

    def spinner_reached(*_a, **_k):
        raise Reached()

    commands.require_auth = lambda *a, **k: None
    commands.get_active_organization = lambda *a, **k: "org-differential"
    commands.CubeSpinner = spinner_reached
    commands._pypi_requires_python = lambda *a, **k: None

    original_single = commands._submit_single_run
    per_model: list[str] = []

    def single_run(*args, **kwargs):
        import tempfile as tf

        real = tf.NamedTemporaryFile

        def stop(*a, **k):
            raise Reached()

        tf.NamedTemporaryFile = stop
        try:
            return original_single(*args, **kwargs)
        except Reached:
            return {"run_id": "accepted"}
        except click.ClickException as e:
            # run() keeps only "failed" for the model; the reason is rnow's own text, so keep it for the table.
            per_model.append(_plain(e.format_message()))
            raise
        finally:
            tf.NamedTemporaryFile = real

    commands._submit_single_run = single_run
    # Scrub variables the run would pick up as secrets; they only change what it prints.
    for key in list(os.environ):
        if any(p in key for p in ("API_KEY", "SECRET", "TOKEN", "PROJECT_ID", "KERNEL", "OPENAI", "GEMINI", "HF_")):
            del os.environ[key]

    import io
    from contextlib import redirect_stderr, redirect_stdout

    out = io.StringIO()
    result: dict = {}
    try:
        with redirect_stdout(out), redirect_stderr(out):
            commands.run.main(["--dir", project], prog_name="rnow run", standalone_mode=False, obj={})
        # Returned normally: only the multi-model path does that (it reports per model and returns).
        printed = out.getvalue()
        failed = re.findall(r"^\s+\S+: failed", _plain(printed), re.M)
        if failed:
            result = {"verdict": "refused", "output": printed, "perModel": per_model}
        else:
            result = {"verdict": "accepted", "output": printed}
    except Reached:
        result = {"verdict": "accepted", "output": out.getvalue()}
    except click.ClickException as e:
        result = {"verdict": "refused", "message": e.format_message(), "output": out.getvalue()}
    except Exception as e:  # noqa: BLE001 - an rnow crash is a verdict of its own
        tb = traceback.extract_tb(e.__traceback__)
        where = [f for f in tb if f.filename.startswith(rnow_root)]
        last = where[-1] if where else tb[-1]
        result = {
            "verdict": "crash",
            "message": f"{type(e).__name__}: {e}",
            "at": f"{os.path.relpath(last.filename, rnow_root)}:{last.lineno}",
            "output": out.getvalue(),
        }

    if result["verdict"] == "accepted":
        result.update(_import_stage(project))

    print(json.dumps(result))


def _import_stage(project: str) -> dict:
    """What the trainer does with the uploaded code: import it, so rnow's decorators check every signature."""
    import importlib.util
    import traceback

    config_path = Path(project, "config.yml")
    dataset_type = None
    try:
        import yaml

        if config_path.exists():
            dataset_type = (yaml.safe_load(config_path.read_text()) or {}).get("dataset_type")
        elif Path(project, "config.json").exists():
            dataset_type = json.loads(Path(project, "config.json").read_text()).get("dataset_type")
    except Exception:  # noqa: BLE001
        pass
    targets = []
    if dataset_type == "rl" and Path(project, "rewards.py").exists():
        targets.append("rewards.py")
    tools = Path(project, "tools.py")
    if tools.exists() and tools.stat().st_size > 0:
        targets.append("tools.py")
    sys.path.insert(0, project)
    for name in targets:
        path = Path(project, name)
        spec = importlib.util.spec_from_file_location("user_" + path.stem, path)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except SyntaxError as e:
            return {"verdict": "refused", "stage": "import", "importFile": name, "importLine": e.lineno,
                    "message": f"{type(e).__name__}: {e.msg} ({name}, line {e.lineno})"}
        except Exception as e:  # noqa: BLE001
            frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == str(path)]
            return {"verdict": "refused", "stage": "import", "importFile": name,
                    "importFrameLine": frames[-1].lineno if frames else None,
                    "message": f"{type(e).__name__}: {e}"}
    return {}


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _plain(text: str) -> str:
    return _ANSI.sub("", text)


# ---------------------------------------------------------------------------------------------------------------
# Turning rnow's words into where it points: stage, files, line. Keyed on the text of the final ClickException,
# which is distinct for every step of `run` (commands.py:1884-2340) and `_submit_single_run` (1496-1651).
# ---------------------------------------------------------------------------------------------------------------


def _locate(raw: dict, case_files: list[str]) -> dict:
    verdict = raw["verdict"]
    message = _plain(raw.get("message", ""))
    output = _plain(raw.get("output", ""))
    config_name = "config.yml" if "config.yml" in case_files else ("config.json" if "config.json" in case_files else None)
    rn: dict = {"verdict": "accepted" if verdict == "accepted" else verdict}
    if verdict == "accepted":
        return rn
    if raw.get("stage") == "import":
        rn.update(stage="import", message=message, files=[raw["importFile"]])
        if raw.get("importLine"):
            rn.update(lineFile=raw["importFile"], line=raw["importLine"])
        return rn
    if verdict == "crash":
        rn.update(stage="crash", message=message, at=raw["at"])
        at_line = int(raw["at"].rsplit(":", 1)[1])
        if raw["at"].startswith("rnow/cli/commands.py") and 1884 <= at_line <= 2001:
            rn["files"] = [config_name] if config_name else []
        return rn

    def bullets_lines(text: str) -> list[int]:
        return [int(n) for n in re.findall(r"Line (\d+):", text)]

    stage = None
    yaml_marks = False
    files: list[str] = []
    line_file = None
    lines: list[int] = []
    if message.startswith("Invalid YAML in config file") or message.startswith("Invalid JSON in config file"):
        stage, files = "config", [config_name]
        marks = re.findall(r"line (\d+), column (\d+)", message)
        if marks and message.startswith("Invalid YAML"):
            # PyYAML prints the context mark (where the construct began) first and the problem mark last; rnow
            # names both, so either is a faithful place for the error. The problem mark is the primary one.
            line_file, lines = config_name, [int(marks[-1][0])] + [int(m[0]) for m in marks[:-1]]
            yaml_marks = True
        elif message.startswith("Invalid JSON"):
            m = re.search(r"line (\d+) column", message)
            if m:
                line_file, lines = config_name, [int(m.group(1))]
    elif message.startswith("No config.yml or config.json found"):
        stage, files = "config", []
    elif message.startswith("Please fix config before submitting"):
        stage, files = "config", [config_name]
        rn["fields"] = re.findall(r"Field: (\S+)", output)
        block = output.split("✗ Invalid config.yml", 1)[-1].split("  See: ", 1)[0]
        message = message + "\n" + "\n".join(line.strip() for line in block.strip().splitlines() if line.strip())
    elif message.startswith("Missing project_id"):
        stage, files = "config", [config_name]
    elif message.startswith("Missing required files"):
        stage = "files"
        files = re.findall(r"• (\S+) at ", output)
    elif message.startswith("Please add content to empty files"):
        stage = "files"
        files = re.findall(r"• (\S+) is empty", output)
    elif message.startswith("Please fix train.jsonl format"):
        stage, files, line_file = "train.jsonl", ["train.jsonl"], "train.jsonl"
        detail = output.split("Invalid train.jsonl format:", 1)[-1]
        lines = bullets_lines(detail)
        message = message + "\n" + detail.strip()
    elif message.startswith("batch_size cannot exceed"):
        stage, files = "batch", [config_name, "train.jsonl"]
        message = message + "\n" + output.split("✗ Batch size exceeds sample count:", 1)[-1].strip()
    elif message.startswith("Not enough room for generation"):
        stage, files = "context-window", [config_name, "train.jsonl"]
    elif message.startswith("Please fix requirements.txt"):
        stage, files, line_file = "requirements.txt", ["requirements.txt"], "requirements.txt"
        detail = output.split("Invalid requirements.txt:", 1)[-1]
        lines = bullets_lines(detail)
        message = message + "\n" + detail.strip()
    elif message.startswith("Please fix rewards.py"):
        stage, files, line_file = "rewards.py", ["rewards.py"], "rewards.py"
        detail = output.split("Invalid rewards.py:", 1)[-1]
        lines = [int(n) for n in re.findall(r"line (\d+)\)", detail)]
        message = message + "\n" + detail.strip()
    elif message.startswith("Please ensure reward names"):
        stage, files = "reward-references", ["train.jsonl", "rewards.py"]
        message = message + "\n" + output.split("Reward mismatch:", 1)[-1].strip()
    elif message.startswith("Please fix tools.py"):
        stage, files, line_file = "tools.py", ["tools.py"], "tools.py"
        detail = output.split("Invalid tools.py:", 1)[-1]
        lines = [int(n) for n in re.findall(r"line (\d+)\)", detail)]
        message = message + "\n" + detail.strip()
    elif message.startswith("Model does not support tool calling"):
        stage, files = "tool-support", [f for f in (config_name, "tools.py") if f in case_files]
    elif message.startswith("qlora_rank") and "to train all models" in message:
        stage, files = "config", [config_name]
    elif verdict == "refused" and not message:
        # Multi-model path: run() prints only "failed" per model; the reason is the ClickException
        # _submit_single_run raised (captured by the child). Take the first model's.
        stage = "multi-model"
        message = raw.get("perModel", [""])[0] if raw.get("perModel") else output.strip()[-300:]
        if message.startswith("Invalid train.jsonl") or message.startswith("Sandbox validation"):
            files, line_file, lines = ["train.jsonl"], "train.jsonl", bullets_lines(message)
        elif message.startswith("batch_size"):
            files = [config_name, "train.jsonl"]
        elif message.startswith("Invalid rewards.py"):
            files, line_file = ["rewards.py"], "rewards.py"
            lines = [int(n) for n in re.findall(r"line (\d+)\)", message)]
        elif message.startswith("Reward mismatch"):
            files = ["train.jsonl", "rewards.py"]
        elif "config" in message or "Invalid config" in output:
            files = [config_name]
    else:
        stage = "other"
    rn.update(stage=stage, message=message.strip(), files=[f for f in files if f])
    if lines and line_file:
        rn.update(lineFile=line_file, line=lines[0])
        others = sorted(set(lines) - {lines[0]})
        if others and yaml_marks:
            rn["lineAlternatives"] = others
        elif others:
            rn["otherLines"] = others
    return rn


# ---------------------------------------------------------------------------------------------------------------
# Building projects. Config text is rendered from a small ordered tree of raw YAML scalars, so each case controls
# the exact text PyYAML reads (its YAML 1.1 scalars are part of what is being tested).
# ---------------------------------------------------------------------------------------------------------------

PROJECT_ID = "2008a80e-d41a-4305-97fd-ffd21c85cac5"


class Raw(str):
    """A block of YAML lines placed under `key:` as written (used for lists of mappings)."""


def render(tree, indent: int = 0) -> str:
    out = []
    pad = " " * indent
    for key, value in tree:
        if isinstance(value, Raw):
            out.append(f"{pad}{key}:")
            out.extend(pad + "  " + line for line in value.splitlines())
        elif isinstance(value, list):
            out.append(f"{pad}{key}:")
            out.append(render(value, indent + 2).rstrip("\n"))
        elif value is None:
            out.append(f"{pad}{key}:")
        else:
            out.append(f"{pad}{key}: {value}")
    return "\n".join(out) + "\n"


def _copy(tree):
    return [(k, _copy(v) if isinstance(v, list) else v) for k, v in tree]


def set_(tree, path: str, value):
    tree = _copy(tree)
    head, _, rest = path.partition(".")
    for i, (k, v) in enumerate(tree):
        if k == head:
            tree[i] = (k, set_(v, rest, value) if rest else value)
            return tree
    if rest:
        tree.append((head, set_([], rest, value)))
    else:
        tree.append((head, value))
    return tree


def del_(tree, path: str):
    tree = _copy(tree)
    head, _, rest = path.partition(".")
    for i, (k, v) in enumerate(tree):
        if k == head:
            if rest:
                tree[i] = (k, del_(v, rest))
            else:
                del tree[i]
            return tree
    raise KeyError(path)


CFG_RL = [
    ("project_id", PROJECT_ID),
    ("project_name", "diff-base"),
    ("dataset_type", "rl"),
    ("data", [("train_file", "train.jsonl"), ("batch_size", "4"), ("group_size", "4")]),
    ("model", [("path", "Qwen/Qwen3-8B"), ("qlora_rank", "32")]),
    ("algorithm", [("loss_fn", "ppo"), ("adv_estimator", "grpo")]),
    ("rollout", [("max_turns", "1"), ("max_context_window", "16000")]),
    ("trainer", [("num_epochs", "1"), ("learning_rate", "0.0001"), ("save_step", "-1")]),
]
CFG_SFT = [
    ("project_id", PROJECT_ID),
    ("project_name", "diff-sft"),
    ("dataset_type", "sft"),
    ("data", [("train_file", "train.jsonl"), ("batch_size", "4")]),
    ("model", [("path", "Qwen/Qwen3-8B"), ("qlora_rank", "32")]),
    ("trainer", [("num_epochs", "1"), ("learning_rate", "0.0001"), ("save_step", "-1")]),
]
CFG_DISTILL = [
    ("project_id", PROJECT_ID),
    ("project_name", "diff-distill"),
    ("dataset_type", "distill"),
    ("data", [("train_file", "train.jsonl"), ("batch_size", "4"), ("group_size", "4")]),
    ("model", [("path", "Qwen/Qwen3-8B"), ("qlora_rank", "32")]),
    ("teacher", [("path", "Qwen/Qwen3-32B")]),
    ("rollout", [("max_turns", "1"), ("max_context_window", "16000")]),
    ("trainer", [("num_epochs", "1"), ("learning_rate", "0.0001"), ("save_step", "-1")]),
]
CFG_MIDTRAIN = [
    ("project_id", PROJECT_ID),
    ("project_name", "diff-midtrain"),
    ("dataset_type", "midtrain"),
    ("data", [("train_file", "train.jsonl"), ("batch_size", "4")]),
    ("model", [("path", "Qwen/Qwen3-8B-Base"), ("qlora_rank", "64")]),
    ("trainer", [("num_epochs", "1"), ("learning_rate", "0.0001"), ("save_step", "-1")]),
]

SYSTEM = {"role": "system", "content": "Answer with a single number."}
ROWS = 8


def rl_row(i: int, **extra) -> dict:
    row = {
        "messages": [SYSTEM, {"role": "user", "content": f"What is {i} + 2?"}],
        "rewards": ["accuracy"],
        "metadata": {"expected_answer": str(i + 2)},
    }
    row.update(extra)
    return row


def sft_row(i: int, **extra) -> dict:
    row = {"messages": [{"role": "user", "content": f"What is {i} + 2?"}, {"role": "assistant", "content": str(i + 2)}]}
    row.update(extra)
    return row


def distill_row(i: int, **extra) -> dict:
    row = {"messages": [SYSTEM, {"role": "user", "content": f"What is {i} + 2?"}]}
    row.update(extra)
    return row


def mid_row(i: int, **extra) -> dict:
    row = {"text": f"Two plus {i} makes {i + 2}; addition is commutative."}
    row.update(extra)
    return row


def jsonl(rows) -> str:
    """Rows as JSON lines; a str item is written as that exact line."""
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def rows_with(make, n: int = ROWS, at: dict | None = None) -> list:
    """n rows from make(i); `at` replaces the row at a 1-based line number with a dict or a raw line."""
    rows = [make(i) for i in range(1, n + 1)]
    for line, row in (at or {}).items():
        rows[line - 1] = row
    return rows


REWARDS = '''from rnow.core import RewardArgs, reward


@reward
def accuracy(args: RewardArgs, messages: list) -> float:
    """1.0 when the last message is the expected number."""
    answer = str(messages[-1]["content"]).strip()
    return 1.0 if answer == args.metadata["expected_answer"] else 0.0
'''

TOOLS = '''from rnow.core import tool


@tool
def add(a: int, b: int) -> int:
    """Add two integers and return the sum."""
    return a + b
'''


def rewards_with(body_lines: str, header: str = "from rnow.core import RewardArgs, reward\n\n\n") -> str:
    return header + body_lines


def tools_with(body: str, header: str = "from rnow.core import tool\n\n\n") -> str:
    return header + body


def project(kind: str = "rl", cfg=None, train=None, rewards="default", tools=None, extra=None, drop=()) -> dict:
    """Files of a project of the given kind with its defaults replaced. None/"default" keep the base."""
    bases = {
        "rl": (CFG_RL, rl_row, REWARDS),
        "sft": (CFG_SFT, sft_row, None),
        "distill": (CFG_DISTILL, distill_row, None),
        "midtrain": (CFG_MIDTRAIN, mid_row, None),
    }
    base_cfg, make, base_rewards = bases[kind]
    files: dict[str, str | bytes] = {}
    files["config.yml"] = cfg if isinstance(cfg, (str, bytes)) else render(cfg if cfg is not None else base_cfg)
    files["train.jsonl"] = train if train is not None else jsonl(rows_with(make))
    if rewards == "default":
        rewards = base_rewards
    if rewards is not None:
        files["rewards.py"] = rewards
    if tools is not None:
        files["tools.py"] = tools
    for name, text in (extra or {}).items():
        files[name] = text
    for name in drop:
        files.pop(name, None)
    return files


# ---------------------------------------------------------------------------------------------------------------
# The table.
# ---------------------------------------------------------------------------------------------------------------

CASES: list[dict] = []


def case(cid: str, category: str, description: str, files: dict, *, stricter: str | None = None,
         rlenv_file: str | None = None, rlenv_line: int | None = None, expect: str | None = None) -> None:
    """expect is what the case was designed for ("accepted"/"refused"); the generator fails loudly on a surprise,
    so a description never claims the opposite of rnow's verdict."""
    if any(c["id"] == cid for c in CASES):
        raise ValueError(f"duplicate case id {cid}")
    CASES.append({"id": cid, "category": category, "description": description, "files": files,
                  "stricter": stricter, "rlenvFile": rlenv_file, "rlenvLine": rlenv_line, "expect": expect})


def build_cases() -> None:
    R, A = "refused", "accepted"
    # ---- clean projects and allowed variations ------------------------------------------------------------------
    c = "clean"
    case("clean-rl", c, "The RL base project: system+user rows with rewards, an @reward accuracy, 8 rows, batch 4.", project("rl"), expect=A)
    case("clean-sft", c, "The SFT base project: user/assistant rows, no rewards.py.", project("sft"), expect=A)
    case("clean-distill", c, "The distill base project: teacher Qwen/Qwen3-32B, system+user rows without rewards.", project("distill"), expect=A)
    case("clean-midtrain", c, "A midtrain project: rows are {\"text\": ...} only (the posttrain template's shape).", project("midtrain"), expect=A)
    case("clean-rl-tools", c, "RL with tools.py (one documented, annotated @tool) and rows listing it.",
         project("rl", tools=TOOLS, train=jsonl(rows_with(lambda i: rl_row(i, tools=["add"])))), expect=A)
    case("clean-metadata-null", c, "RL row with metadata: null (rnow: dict | None).",
         project("rl", train=jsonl(rows_with(rl_row, at={2: rl_row(2, metadata=None)}))), expect=A)
    case("clean-tools-null", c, "RL row with tools: null (rnow: list[str] | None).",
         project("rl", train=jsonl(rows_with(rl_row, at={2: rl_row(2, tools=None)}))), expect=A)
    case("clean-variables-null", c, "RL row with variables: null.",
         project("rl", train=jsonl(rows_with(rl_row, at={2: rl_row(2, variables=None)}))), expect=A)
    case("clean-docker-env-empty", c, "docker_env: {} without docker (rnow tests truthiness).",
         project("rl", train=jsonl(rows_with(rl_row, at={3: rl_row(3, docker_env={})}))), expect=A)
    case("clean-docker-env-null", c, "docker_env: null without docker.",
         project("rl", train=jsonl(rows_with(rl_row, at={3: rl_row(3, docker_env=None)}))), expect=A)
    case("clean-docker-cmd-no-docker", c, "docker_cmd without docker (not an rnow field; extra keys are allowed).",
         project("rl", train=jsonl(rows_with(rl_row, at={3: rl_row(3, docker_cmd="python serve.py")}))), expect=A)
    case("clean-docker-with-env", c, "docker with a string docker_env.",
         project("rl", train=jsonl(rows_with(lambda i: rl_row(i, docker="python:3.11-slim", docker_env={"MODE": "test"})))), expect=A)
    case("clean-sft-rewards-no-file", c, "SFT rows listing rewards while there is no rewards.py (references are checked for RL only).",
         project("sft", train=jsonl(rows_with(lambda i: sft_row(i, rewards=["accuracy"])))), expect=A)
    case("clean-sft-rewards-empty", c, "SFT rows with rewards: [] and null.",
         project("sft", train=jsonl(rows_with(sft_row, at={1: sft_row(1, rewards=[]), 2: sft_row(2, rewards=None)}))), expect=A)
    case("clean-reward-in-if", c, "@reward defined inside an if block (rnow walks the whole tree).",
         project("rl", rewards=rewards_with(
             'if True:\n    @reward\n    def accuracy(args: RewardArgs, messages: list) -> float:\n'
             '        """Exact match."""\n        return 1.0 if messages else 0.0\n')), expect=A)
    case("clean-config-teacher-distill", c, "teacher with agentic: true on distill.",
         project("distill", cfg=set_(CFG_DISTILL, "teacher.agentic", "true")), expect=A)
    case("clean-config-organization-id", c, "organization_id in config.yml (a real field, ignored by run).",
         project("rl", cfg=set_(CFG_RL, "organization_id", "org_123")), expect=A)
    case("clean-config-evals", c, "evals: a list with one full eval trigger.",
         project("rl", cfg=set_(CFG_RL, "evals", Raw("- eval_id: math-small\n  step: 10\n  name: small\n  pass1: true\n  pass4: false\n  pass1_temp: 0.0\n  pass4_temp: 0.7"))), expect=A)
    case("clean-config-description-name", c, "description and project_name as strings, model name/description too.",
         project("rl", cfg=set_(set_(set_(CFG_RL, "description", "\"a test\""), "model.name", "base"), "model.description", "\"the base model\"")), expect=A)
    case("clean-unknown-row-field", c, "An unknown field on a row (rnow's entries allow extra keys).",
         project("rl", train=jsonl(rows_with(rl_row, at={4: rl_row(4, difficulty=3)}))), expect=A)
    case("clean-content-list", c, "Message content as a list of parts (rnow: str | list).",
         project("rl", train=jsonl(rows_with(rl_row, at={2: {**rl_row(2), "messages": [SYSTEM, {"role": "user", "content": [{"type": "text", "text": "What is 2 + 2?"}]}]}}))), expect=A)
    case("clean-content-empty-string", c, "An assistant message with content \"\" in an SFT row.",
         project("sft", train=jsonl(rows_with(sft_row, at={2: {"messages": [{"role": "user", "content": "Say nothing."}, {"role": "assistant", "content": ""}]}}))), expect=A)
    case("clean-message-extra-key", c, "A message with an extra key (name).",
         project("rl", train=jsonl(rows_with(rl_row, at={2: {**rl_row(2), "messages": [SYSTEM, {"role": "user", "content": "What is 2 + 2?", "name": "alice"}]}}))), expect=A)
    case("clean-blank-lines", c, "Blank lines between rows (skipped; they still count in line numbers).",
         project("rl", train=jsonl(rows_with(rl_row)[:3] + [""] + rows_with(rl_row)[3:] + [""])), expect=A)
    case("clean-crlf", c, "train.jsonl with CRLF line ends.",
         project("rl", train=jsonl(rows_with(rl_row)).replace("\n", "\r\n")), expect=A)
    case("clean-lone-cr", c, "train.jsonl whose rows are separated by a lone CR (Python's universal newlines split there).",
         project("rl", train=jsonl(rows_with(rl_row)).replace("\n", "\r")), expect=A)
    case("clean-json-duplicate-key", c, "A row with a duplicate key; json.loads keeps the last (valid) value.",
         project("rl", train=jsonl(rows_with(rl_row, at={2: '{"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "What is 2 + 2?"}], "rewards": 5, "rewards": ["accuracy"]}'}))), expect=A)
    case("clean-json-nan", c, "A row whose metadata holds NaN (CPython's json accepts it).",
         project("rl", train=jsonl(rows_with(rl_row, at={2: '{"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "What is 2 + 2?"}], "rewards": ["accuracy"], "metadata": {"expected_answer": "4", "weight": NaN}}'}))), expect=A)
    case("clean-batch-equals-rows", c, "batch_size 8 with exactly 8 rows.",
         project("rl", cfg=set_(CFG_RL, "data.batch_size", "8")), expect=A)
    case("clean-midtrain-whitespace-text", c, "A midtrain row whose text is two spaces (min_length counts them).",
         project("midtrain", train=jsonl(rows_with(mid_row, at={2: {"text": "  "}}))), expect=A)
    case("clean-sandbox-tool-tools-omitted", c, "A @tool(sandbox=True) while rows omit tools and have no docker (rnow counts no tools; RlEnv: a warning at most).",
         project("rl", tools=tools_with('@tool(sandbox=True)\ndef shell(cmd: str) -> str:\n    """Run a shell command in the sandbox."""\n    return cmd\n')), expect=A)
    case("clean-sandbox-with-docker", c, "A @reward(sandbox=True) used by rows that set docker.",
         project("rl", rewards=rewards_with('@reward(sandbox=True)\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    """Checked in the sandbox."""\n    return 0.0\n'),
                 train=jsonl(rows_with(lambda i: rl_row(i, docker="python:3.11-slim")))), expect=A)
    case("clean-dockerfile-env", c, "A Dockerfile.env beside the project (rnow uploads every Dockerfile.*).",
         project("rl", extra={"Dockerfile.env": "FROM python:3.11-slim\nRUN pip install numpy\n"}), expect=A)
    case("clean-dotenv", c, "A .env file (not uploaded; rnow sends its values as run secrets).",
         project("rl", extra={".env": "OPENAI_API_KEY=sk-test\n"}), expect=A)
    case("clean-requirements", c, "A valid requirements.txt.",
         project("rl", extra={"requirements.txt": "numpy>=1.26\n# comment\n"}), expect=A)

    # ---- config.yml: unknown keys at each level ----------------------------------------------------------------
    c = "config-unknown-key"
    case("cfg-unknown-top-seed", c, "Unknown top-level key seed.", project("rl", cfg=set_(CFG_RL, "seed", "42")), expect=R)
    case("cfg-unknown-top-batch-size", c, "batch_size at the top level (belongs under data).", project("rl", cfg=set_(CFG_RL, "batch_size", "4")), expect=R)
    case("cfg-unknown-top-name", c, "Top-level name (rnow's field is project_name).", project("rl", cfg=set_(CFG_RL, "name", "run-1")), expect=R)
    case("cfg-unknown-top-dataset-id", c, "Legacy dataset_id (rnow init deletes it; run refuses it).", project("rl", cfg=set_(CFG_RL, "dataset_id", "abc")), expect=R)
    case("cfg-unknown-top-tools", c, "Top-level tools list.", project("rl", cfg=set_(CFG_RL, "tools", Raw("- add"))), expect=R)
    case("cfg-unknown-data", c, "Unknown key data.shuffle.", project("rl", cfg=set_(CFG_RL, "data.shuffle", "true")), expect=R)
    case("cfg-unknown-model", c, "Unknown key model.lora_rank (typo of qlora_rank).", project("rl", cfg=set_(CFG_RL, "model.lora_rank", "16")), expect=R)
    case("cfg-unknown-trainer", c, "Unknown key trainer.epochs.", project("rl", cfg=set_(CFG_RL, "trainer.epochs", "3")), expect=R)
    case("cfg-unknown-algorithm", c, "Unknown key algorithm.kl_coef.", project("rl", cfg=set_(CFG_RL, "algorithm.kl_coef", "0.1")), expect=R)
    case("cfg-unknown-rollout", c, "Unknown key rollout.max_tokens.", project("rl", cfg=set_(CFG_RL, "rollout.max_tokens", "512")), expect=R)
    case("cfg-unknown-teacher", c, "Unknown key teacher.temperature on distill.", project("distill", cfg=set_(CFG_DISTILL, "teacher.temperature", "0.7")), expect=R)
    case("cfg-unknown-evals-item", c, "Unknown key in an evals item (steps).", project("rl", cfg=set_(CFG_RL, "evals", Raw("- eval_id: e1\n  steps: 10"))), expect=R)
    case("cfg-unknown-sft-algorithm", c, "An algorithm section with an unknown key on SFT (validated before it is discarded).",
         project("sft", cfg=set_(CFG_SFT, "algorithm", [("loss_fn", "ppo"), ("clip", "0.2")])), expect=R)
    case("cfg-typo-trainer-section", c, "Section misspelt trainr (unknown key and trainer missing).",
         project("rl", cfg=[(("trainr" if k == "trainer" else k), v) for k, v in CFG_RL]), expect=R)

    # ---- config.yml: required fields ---------------------------------------------------------------------------
    c = "config-required"
    case("cfg-missing-dataset-type", c, "dataset_type missing.", project("rl", cfg=del_(CFG_RL, "dataset_type")), expect=R)
    case("cfg-missing-data", c, "data section missing.", project("rl", cfg=del_(CFG_RL, "data")), expect=R)
    case("cfg-missing-model", c, "model section missing.", project("rl", cfg=del_(CFG_RL, "model")), expect=R)
    case("cfg-missing-trainer", c, "trainer section missing.", project("rl", cfg=del_(CFG_RL, "trainer")), expect=R)
    case("cfg-missing-batch-size", c, "data.batch_size missing.", project("rl", cfg=del_(CFG_RL, "data.batch_size")), expect=R)
    case("cfg-missing-model-path", c, "model.path missing.", project("rl", cfg=del_(CFG_RL, "model.path")), expect=R)
    case("cfg-missing-num-epochs", c, "trainer.num_epochs missing.", project("rl", cfg=del_(CFG_RL, "trainer.num_epochs")), expect=R)
    case("cfg-missing-eval-id", c, "An evals item without eval_id.", project("rl", cfg=set_(CFG_RL, "evals", Raw("- step: 10"))), expect=R)
    case("cfg-missing-eval-step", c, "An evals item without step.", project("rl", cfg=set_(CFG_RL, "evals", Raw("- eval_id: e1"))), expect=R)
    case("cfg-missing-teacher-path", c, "distill teacher section without path.", project("distill", cfg=set_(CFG_DISTILL, "teacher", [("agentic", "true")])), expect=R)
    case("cfg-missing-project-id", c, "project_id absent (rnow: Missing project_id).", project("rl", cfg=del_(CFG_RL, "project_id")), expect=R)
    case("cfg-empty-project-id", c, "project_id: \"\" (the templates' value before rnow init).", project("rl", cfg=set_(CFG_RL, "project_id", '""')), expect=R)
    case("cfg-data-null", c, "data: null (not a mapping).", project("rl", cfg=set_(CFG_RL, "data", None)), expect=R)
    case("cfg-model-string", c, "model: Qwen/Qwen3-8B as a string instead of a mapping (rnow's multi-model probe crashes on it).", project("rl", cfg=set_(CFG_RL, "model", "Qwen/Qwen3-8B")), expect="crash")
    case("cfg-trainer-list", c, "trainer given as a list.", project("rl", cfg=set_(CFG_RL, "trainer", Raw("- num_epochs: 1"))), expect=R)

    # ---- config.yml: types, limits, enums ----------------------------------------------------------------------
    c = "config-value"
    for cid, path, value, desc, exp in [
        ("cfg-dataset-type-upper", "dataset_type", "RL", "dataset_type: RL (case-sensitive enum).", R),
        ("cfg-dataset-type-bad", "dataset_type", "ppo", "dataset_type: ppo (not an enum value).", R),
        ("cfg-batch-33", "data.batch_size", "33", "batch_size 33 (le=32).", R),
        ("cfg-batch-0", "data.batch_size", "0", "batch_size 0 (gt=0).", R),
        ("cfg-batch-float", "data.batch_size", "4.5", "batch_size 4.5 (int with a fraction).", R),
        ("cfg-batch-string-int", "data.batch_size", '"4"', "batch_size \"4\" (pydantic lax mode reads the string as 4).", A),
        ("cfg-batch-float-whole", "data.batch_size", "4.0", "batch_size 4.0 (a whole float is an int).", A),
        ("cfg-batch-exp", "data.batch_size", "4e0", "batch_size 4e0 (PyYAML reads a string; not an int).", R),
        ("cfg-batch-octal", "data.batch_size", "010", "batch_size 010: YAML 1.1 octal 8, equal to the 8 rows.", A),
        ("cfg-batch-hex", "data.batch_size", "0x10", "batch_size 0x10 = 16 (YAML 1.1), more than the 8 rows.", R),
        ("cfg-batch-bool", "data.batch_size", "yes", "batch_size: yes (a YAML bool; pydantic reads True as 1).", A),
        ("cfg-group-65", "data.group_size", "65", "group_size 65 (le=64).", R),
        ("cfg-group-0", "data.group_size", "0", "group_size 0 (gt=0).", R),
        ("cfg-group-64", "data.group_size", "64", "group_size 64 (the maximum).", A),
        ("cfg-val-split-high", "data.val_split", "1.5", "val_split 1.5 (le=1).", R),
        ("cfg-val-split-negative", "data.val_split", "-0.1", "val_split -0.1 (ge=0).", R),
        ("cfg-val-split-one", "data.val_split", "1", "val_split 1 (both ends inclusive).", A),
        ("cfg-train-file-other", "data.train_file", "other.jsonl", "train_file names another file (rnow ignores it and reads train.jsonl).", A),
        ("cfg-train-file-int", "data.train_file", "5", "train_file: 5 (str field, no coercion).", R),
        ("cfg-lr-zero", "trainer.learning_rate", "0", "learning_rate 0 (gt=0).", R),
        ("cfg-lr-negative", "trainer.learning_rate", "-0.0001", "learning_rate -0.0001.", R),
        ("cfg-lr-exp-string", "trainer.learning_rate", "1e-4", "learning_rate 1e-4: PyYAML reads the string \"1e-4\", pydantic parses it as a float.", A),
        ("cfg-lr-text", "trainer.learning_rate", "fast", "learning_rate: fast.", R),
        ("cfg-lr-nan", "trainer.learning_rate", ".nan", "learning_rate .nan (fails gt=0).", R),
        ("cfg-lr-inf", "trainer.learning_rate", ".inf", "learning_rate .inf (passes gt=0 in rnow).", A),
        ("cfg-lr-comma", "trainer.learning_rate", '"1,5"', "learning_rate \"1,5\".", R),
        ("cfg-save-step-zero", "trainer.save_step", "0", "save_step 0 (rnow's validator refuses 0).", R),
        ("cfg-save-step-minus-two", "trainer.save_step", "-2", "save_step -2 (ge=-1).", R),
        ("cfg-save-step-positive", "trainer.save_step", "5", "save_step 5.", A),
        ("cfg-epochs-zero", "trainer.num_epochs", "0", "num_epochs 0 (gt=0).", R),
        ("cfg-epochs-fraction", "trainer.num_epochs", "2.5", "num_epochs 2.5.", R),
        ("cfg-epochs-quoted", "trainer.num_epochs", '"3"', "num_epochs \"3\" (coerced).", A),
        ("cfg-epochs-null", "trainer.num_epochs", "~", "num_epochs: ~ (null).", R),
        ("cfg-max-billing-zero", "trainer.max_billing", "0", "max_billing 0 (gt=0).", R),
        ("cfg-max-billing-ok", "trainer.max_billing", "25.5", "max_billing 25.5.", A),
        ("cfg-kl-negative", "algorithm.kl_penalty_coef", "-0.1", "kl_penalty_coef -0.1 (ge=0).", R),
        ("cfg-kl-zero", "algorithm.kl_penalty_coef", "0", "kl_penalty_coef 0.", A),
        ("cfg-loss-fn-bad", "algorithm.loss_fn", "grpo", "loss_fn: grpo (ppo or importance_sampling).", R),
        ("cfg-loss-fn-is", "algorithm.loss_fn", "importance_sampling", "loss_fn: importance_sampling.", A),
        ("cfg-adv-upper", "algorithm.adv_estimator", "GRPO", "adv_estimator: GRPO (case-sensitive).", R),
        ("cfg-adv-reinforce", "algorithm.adv_estimator", "reinforce", "adv_estimator: reinforce.", A),
        ("cfg-termination-bad", "rollout.termination_policy", "last_turn", "termination_policy: last_turn.", R),
        ("cfg-termination-max-turns", "rollout.termination_policy", "max_turns", "termination_policy: max_turns.", A),
        ("cfg-reasoning-none", "rollout.reasoning_mode", "none", "reasoning_mode: none (PyYAML keeps it a string; a valid value).", A),
        ("cfg-reasoning-off", "rollout.reasoning_mode", "off", "reasoning_mode: off (YAML 1.1 bool False; not a valid value).", R),
        ("cfg-reasoning-bad", "rollout.reasoning_mode", "extreme", "reasoning_mode: extreme.", R),
        ("cfg-reasoning-xhigh", "rollout.reasoning_mode", "xhigh", "reasoning_mode: xhigh.", A),
        ("cfg-max-turns-zero", "rollout.max_turns", "0", "max_turns 0 (gt=0).", R),
        ("cfg-mcw-zero", "rollout.max_context_window", "0", "max_context_window 0 (gt=0).", R),
        ("cfg-tool-timeout-negative", "rollout.tool_timeout", "-5", "tool_timeout -5 (gt=0).", R),
        ("cfg-reward-timeout-zero", "rollout.reward_timeout", "0", "reward_timeout 0 (gt=0).", R),
        ("cfg-max-tool-response-zero", "rollout.max_tool_response", "0", "max_tool_response 0 (gt=0).", R),
        ("cfg-rollout-timeout-zero", "rollout.rollout_timeout", "0", "rollout_timeout 0 (gt=0).", R),
        ("cfg-include-thinking-bad", "rollout.include_thinking", "maybe", "include_thinking: maybe (not a bool).", R),
        ("cfg-include-thinking-yes", "rollout.include_thinking", "yes", "include_thinking: yes (YAML 1.1 bool).", A),
        ("cfg-mcp-url-int", "rollout.mcp_url", "5", "mcp_url: 5 (str or list of str).", R),
        ("cfg-mcp-url-localhost", "rollout.mcp_url", '"localhost:8931"', "mcp_url on localhost with a tool-capable model (not fetched).", A),
        ("cfg-qlora-zero", "model.qlora_rank", "0", "qlora_rank 0 (ge=1).", R),
        ("cfg-qlora-alpha-zero", "model.qlora_alpha", "0", "qlora_alpha 0 (ge=1).", R),
        ("cfg-qlora-alpha-large", "model.qlora_alpha", "512", "qlora_alpha 512 (no upper bound).", A),
        ("cfg-qlora-over-128", "model.qlora_rank", "256", "qlora_rank 256 on Qwen/Qwen3-8B (maximum 128).", R),
        ("cfg-qlora-128", "model.qlora_rank", "128", "qlora_rank 128 on Qwen/Qwen3-8B (the maximum).", A),
        ("cfg-model-unsupported", "model.path", "Qwen/Qwen3-4B", "model Qwen/Qwen3-4B (not in the supported list).", R),
        ("cfg-model-llama-instruct", "model.path", "meta-llama/Llama-3.1-8B-Instruct", "model meta-llama/Llama-3.1-8B-Instruct.", A),
        ("cfg-model-no-slash", "model.path", "0f5c1a52-5b1e-4b8a-9c55-2f1f0a8f9e11", "model path without '/' (a finetuned model id; the list is not checked).", A),
        ("cfg-model-path-int", "model.path", "123", "model.path: 123 (str field).", R),
        ("cfg-model-path-single-list", "model.path", Raw("- Qwen/Qwen3-8B"), "model.path a one-item list (single-model path; not a string).", R),
        ("cfg-project-id-int", "project_id", "12345", "project_id: 12345 (YAML int; str field, no coercion).", R),
        ("cfg-project-id-date", "project_id", "2024-01-01", "project_id: 2024-01-01 (YAML date).", R),
        ("cfg-description-bool", "description", "yes", "description: yes (YAML bool into a str field).", R),
        ("cfg-project-name-int", "project_name", "2025", "project_name: 2025.", R),
        ("cfg-evals-null", "evals", "~", "evals: null (a list is required when present).", R),
        ("cfg-evals-mapping", "evals", [("eval_id", "e1"), ("step", "10")], "evals as a mapping instead of a list.", R),
        ("cfg-evals-step-zero", "evals", Raw("- eval_id: e1\n  step: 0"), "eval step 0 (gt=0).", R),
        ("cfg-evals-temp-negative", "evals", Raw("- eval_id: e1\n  step: 5\n  pass1_temp: -1"), "pass1_temp -1 (ge=0).", R),
        ("cfg-evals-pass-bad", "evals", Raw("- eval_id: e1\n  step: 5\n  pass8: 2"), "pass8: 2 (not a bool).", R),
    ]:
        cfg = set_(CFG_RL, path, value)
        case(cid, c, desc, project("rl", cfg=cfg), expect=exp)

    c = "config-model-rank"
    for cid, model, rank, desc, exp in [
        ("cfg-rank-gpt-oss-64", "openai/gpt-oss-20b", "64", "qlora_rank 64 on openai/gpt-oss-20b (maximum 32).", R),
        ("cfg-rank-gpt-oss-32", "openai/gpt-oss-20b", "32", "qlora_rank 32 on openai/gpt-oss-20b.", A),
        ("cfg-rank-kimi-64", "moonshotai/Kimi-K2-Thinking", "64", "qlora_rank 64 on Kimi-K2-Thinking (maximum 32).", R),
        ("cfg-rank-moe-64", "Qwen/Qwen3-30B-A3B", "64", "qlora_rank 64 on Qwen/Qwen3-30B-A3B (the maximum).", A),
        ("cfg-rank-moe-128", "Qwen/Qwen3-30B-A3B-Instruct-2507", "128", "qlora_rank 128 on Qwen3-30B-A3B-Instruct-2507 (maximum 64).", R),
        ("cfg-rank-deepseek-128", "deepseek-ai/DeepSeek-V3.1", "128", "qlora_rank 128 on DeepSeek-V3.1 (maximum 64).", R),
        ("cfg-rank-llama70-128", "meta-llama/Llama-3.3-70B-Instruct", "128", "qlora_rank 128 on Llama-3.3-70B-Instruct.", A),
        ("cfg-rank-default-gpt-oss", "openai/gpt-oss-120b", None, "qlora_rank left to its default 32 on gpt-oss-120b.", A),
    ]:
        cfg = set_(CFG_RL, "model.path", model)
        cfg = set_(cfg, "model.qlora_rank", rank) if rank else del_(cfg, "model.qlora_rank")
        case(cid, c, desc, project("rl", cfg=cfg), expect=exp)

    c = "config-teacher"
    case("cfg-teacher-on-rl", c, "A teacher section on dataset_type rl.", project("rl", cfg=set_(CFG_RL, "teacher", [("path", "Qwen/Qwen3-32B")])), expect=R)
    case("cfg-teacher-on-sft", c, "A teacher section on dataset_type sft.", project("sft", cfg=set_(CFG_SFT, "teacher", [("path", "Qwen/Qwen3-32B")])), expect=R)
    case("cfg-teacher-on-midtrain", c, "A teacher section on dataset_type midtrain.", project("midtrain", cfg=set_(CFG_MIDTRAIN, "teacher", [("path", "Qwen/Qwen3-32B")])), expect=R)
    case("cfg-distill-no-teacher", c, "distill without a teacher section.", project("distill", cfg=del_(CFG_DISTILL, "teacher")), expect=R)
    case("cfg-teacher-unsupported", c, "distill teacher Qwen/Qwen3-4B (not a supported model).", project("distill", cfg=set_(CFG_DISTILL, "teacher.path", "Qwen/Qwen3-4B")), expect=R)
    case("cfg-teacher-agentic-bad", c, "teacher.agentic: sometimes.", project("distill", cfg=set_(CFG_DISTILL, "teacher.agentic", "sometimes")), expect=R)
    case("cfg-sft-algorithm-ok", c, "SFT with a valid algorithm section (validated, then discarded).", project("sft", cfg=set_(CFG_SFT, "algorithm", [("loss_fn", "ppo")])), expect=A)
    case("cfg-sft-rollout-bad-enum", c, "SFT with rollout.termination_policy: never (validated before it is discarded).",
         project("sft", cfg=set_(CFG_SFT, "rollout", [("termination_policy", "never")])), expect=R)

    # ---- config.yml: YAML / file-level -------------------------------------------------------------------------
    c = "config-yaml"
    case("cfg-empty-file", c, "config.yml is empty (rnow crashes: None has no .get).", project("rl", cfg=""), expect="crash")
    case("cfg-comments-only", c, "config.yml holds only a comment.", project("rl", cfg="# nothing here\n"), expect="crash")
    case("cfg-root-list", c, "config.yml's root is a list.", project("rl", cfg="- dataset_type: rl\n"), expect="crash")
    case("cfg-model-null", c, "model: with no value (null; rnow's multi-model probe crashes).", project("rl", cfg=set_(CFG_RL, "model", None)), expect="crash")
    case("cfg-int-key", c, "A non-string top-level key (1: x).", project("rl", cfg=render(CFG_RL) + "1: x\n"), expect="crash")
    case("cfg-two-documents", c, "Two YAML documents in config.yml.", project("rl", cfg=render(CFG_RL) + "---\nseed: 1\n"), expect=R)
    case("cfg-bad-indent", c, "A mis-indented key inside data (YAML syntax error).",
         project("rl", cfg=render(CFG_RL).replace("  group_size: 4\n", "   group_size: 4\n")), expect=R)
    case("cfg-unclosed-flow", c, "An unclosed flow sequence as data.group_size's value.",
         project("rl", cfg=render(CFG_RL).replace("  group_size: 4\n", "  group_size: [4\n")), expect=R)
    case("cfg-tab-indent", c, "A tab used for indentation.", project("rl", cfg=render(CFG_RL).replace("  batch_size: 4", "\tbatch_size: 4")), expect=R)
    case("cfg-duplicate-key-last-valid", c, "batch_size twice: 64 then 4 (PyYAML keeps the last).",
         project("rl", cfg=render(CFG_RL).replace("  batch_size: 4\n", "  batch_size: 64\n  batch_size: 4\n")), expect=A)
    case("cfg-duplicate-key-last-invalid", c, "batch_size twice: 4 then 64 (the last, 64, is refused).",
         project("rl", cfg=render(CFG_RL).replace("  batch_size: 4\n", "  batch_size: 4\n  batch_size: 64\n")), expect=R)
    case("cfg-merge-key", c, "A YAML << merge key inside trainer (PyYAML applies merges).",
         project("rl", cfg=render(del_(CFG_RL, "trainer")) + "trainer:\n  <<: {num_epochs: 1, learning_rate: 0.0001}\n  save_step: -1\n"), expect=A)
    case("cfg-bom", c, "config.yml starting with a UTF-8 BOM (PyYAML accepts it).", project("rl", cfg="\ufeff" + render(CFG_RL)), expect=A)
    case("cfg-quoted-values", c, "Every scalar quoted (strings where the schema coerces them).",
         project("rl", cfg=render([(k, [(kk, f'"{vv}"') for kk, vv in v] if isinstance(v, list) else f'"{v}"') for k, v in CFG_RL])), expect=A)
    case("cfg-json-only", c, "config.json instead of config.yml (rnow reads and validates it).",
         {**{k: v for k, v in project("rl").items() if k != "config.yml"},
          "config.json": json.dumps(yaml_to_obj(render(CFG_RL)), indent=2) + "\n"}, expect=A)
    case("cfg-json-invalid", c, "config.json with a trailing comma (no config.yml).",
         {**{k: v for k, v in project("rl").items() if k != "config.yml"},
          "config.json": json.dumps(yaml_to_obj(render(CFG_RL)), indent=2)[:-2] + ",\n}\n"}, expect=R)
    case("cfg-json-unknown-key", c, "config.json with an unknown key seed.",
         {**{k: v for k, v in project("rl").items() if k != "config.yml"},
          "config.json": json.dumps({**yaml_to_obj(render(CFG_RL)), "seed": 1}, indent=2) + "\n"}, expect=R)
    case("cfg-yml-wins-over-json", c, "A valid config.yml beside a broken config.json (yml wins; the json is not read).",
         project("rl", extra={"config.json": "{ not json"}), expect=A)
    case("cfg-none", c, "No config.yml and no config.json.", project("rl", drop=("config.yml",)), expect=R)

    c = "config-run"
    case("cfg-context-window-small", c, "max_context_window 1000 leaves under 2000 tokens for generation.",
         project("rl", cfg=set_(CFG_RL, "rollout.max_context_window", "1000")), expect=R)
    case("cfg-context-window-2000", c, "max_context_window 2000: no prompt of one token or more leaves 2000 for generation.",
         project("rl", cfg=set_(CFG_RL, "rollout.max_context_window", "2000")), expect=R)
    # rnow counts with the model's tokenizer when `tokenizers` can fetch it (a dependency of rnow) and with one token per
    # character otherwise, as here: 3,000 characters of "word " are about 600 Qwen tokens, so the verdict below (refused)
    # is rnow's without the tokenizer, and a user with it gets "accepted". RlEnv does not count tokens (RLENV2338).
    case("cfg-context-window-estimate", c, "max_context_window 4000 and a 3,000-character prompt: refused by rnow's character estimate, not by the tokenizer.",
         project("rl", cfg=set_(CFG_RL, "rollout.max_context_window", "4000"),
                 train=jsonl(rows_with(rl_row, at={3: rl_row(3, messages=[SYSTEM, {"role": "user", "content": "word " * 600}])}))), expect=R)
    case("cfg-tools-unsupported-model", c, "tools.py with openai/gpt-oss-20b (a model without tool calling).",
         project("rl", cfg=set_(CFG_RL, "model.path", "openai/gpt-oss-20b"), tools=TOOLS,
                 train=jsonl(rows_with(lambda i: rl_row(i, tools=["add"])))), expect=R)
    case("cfg-mcp-unsupported-model", c, "mcp_url with meta-llama/Llama-3.1-8B (a model without tool calling).",
         project("rl", cfg=set_(set_(CFG_RL, "model.path", "meta-llama/Llama-3.1-8B"), "rollout.mcp_url", '"localhost:8931"')), expect=R)
    case("cfg-multi-model-rank", c, "model.path a list of two models; qlora_rank 64 exceeds gpt-oss-20b's 32.",
         project("rl", cfg=set_(set_(CFG_RL, "model.path", Raw("- Qwen/Qwen3-8B\n- openai/gpt-oss-20b")), "model.qlora_rank", "64")), expect=R)
    case("cfg-multi-model-ok", c, "model.path a list of two supported models.",
         project("rl", cfg=set_(CFG_RL, "model.path", Raw("- Qwen/Qwen3-8B\n- meta-llama/Llama-3.1-8B-Instruct"))), expect=A)
    case("req-toml", "requirements", "requirements.txt written as TOML.",
         project("rl", extra={"requirements.txt": "[project]\ndependencies = [\"numpy\"]\n"}), expect=R)
    case("req-invalid-line", "requirements", "requirements.txt with an unparseable line 2.",
         project("rl", extra={"requirements.txt": "numpy>=1.26\nnot a == requirement ==\n"}), expect=R)
    case("req-marker-excludes-311", "requirements", "A requirement whose marker excludes Python 3.11.",
         project("rl", extra={"requirements.txt": "numpy\nrequests; python_version < \"3.10\"\n"}), expect=R)

    # ---- train.jsonl ----------------------------------------------------------------------------------------------
    c = "train-file"
    case("train-empty", c, "train.jsonl of 0 bytes.", project("rl", train=""), expect=R)
    case("train-whitespace", c, "train.jsonl holding only blank lines.", project("rl", train="\n  \n\n"), expect=R)
    case("train-missing", c, "No train.jsonl.", project("rl", drop=("train.jsonl",)), expect=R)
    case("train-batch-over-rows", c, "batch_size 4 with 3 rows (the distill/posttrain templates' defect).", project("rl", train=jsonl(rows_with(rl_row, n=3))), expect=R)
    case("train-sft-batch-over-rows", c, "SFT batch_size 4 with 3 rows.", project("sft", train=jsonl(rows_with(sft_row, n=3))), expect=R)
    case("train-midtrain-batch-over-rows", c, "midtrain batch_size 4 with 3 rows.", project("midtrain", train=jsonl(rows_with(mid_row, n=3))), expect=R)
    case("train-invalid-utf8", c, "A row with an invalid UTF-8 byte.",
         project("rl", train=jsonl(rows_with(rl_row)).encode().replace(b"What is 3 + 2?", b"What is 3 \xff 2?")), expect=R)
    case("train-bom", c, "train.jsonl starting with a UTF-8 BOM (json.loads refuses it on line 1).",
         project("rl", train="\ufeff" + jsonl(rows_with(rl_row))), expect=R)

    c = "train-json"
    case("train-invalid-json", c, "Row 3 is not JSON (missing closing brace).",
         project("rl", train=jsonl(rows_with(rl_row, at={3: json.dumps(rl_row(3))[:-1]}))), expect=R)
    case("train-trailing-comma", c, "Row 5 has a trailing comma.",
         project("rl", train=jsonl(rows_with(rl_row, at={5: json.dumps(rl_row(5))[:-1] + ", }"}))), expect=R)
    case("train-single-quotes", c, "Row 2 uses single quotes.",
         project("rl", train=jsonl(rows_with(rl_row, at={2: json.dumps(rl_row(2)).replace('"', "'")}))), expect=R)
    case("train-row-array", c, "Row 4 is a JSON array.", project("rl", train=jsonl(rows_with(rl_row, at={4: "[1, 2]"}))), expect=R)
    case("train-row-number", c, "Row 4 is the number 5.", project("rl", train=jsonl(rows_with(rl_row, at={4: "5"}))), expect=R)
    case("train-row-null", c, "Row 4 is null.", project("rl", train=jsonl(rows_with(rl_row, at={4: "null"}))), expect=R)
    case("train-two-objects-one-line", c, "Two objects on line 2.",
         project("rl", train=jsonl(rows_with(rl_row, at={2: json.dumps(rl_row(2)) + " " + json.dumps(rl_row(9))}))), expect=R)
    case("train-defect-after-blank", c, "A blank line 2, then a non-JSON line 4 (blank lines count in line numbers).",
         project("rl", train=jsonl([rl_row(1), ""] + [rl_row(2), "{oops"] + rows_with(rl_row)[2:] + [rl_row(9)])), expect=R)

    c = "train-messages"
    def with_messages(line, messages, make=rl_row, kind="rl"):
        return project(kind, train=jsonl(rows_with(make, at={line: {**make(line), "messages": messages}})))
    U = {"role": "user", "content": "What is 2 + 2?"}
    case("msg-missing", c, "Row 2 has no messages.", project("rl", train=jsonl(rows_with(rl_row, at={2: {"rewards": ["accuracy"]}}))), expect=R)
    case("msg-empty-list", c, "Row 2 has messages: [].", with_messages(2, []), expect=R)
    case("msg-string", c, "Row 2 has messages as a string.", with_messages(2, "What is 2 + 2?"), expect=R)
    case("msg-null", c, "Row 2 has messages: null.", with_messages(2, None), expect=R)
    case("msg-no-role", c, "Row 3's user message has no role.", with_messages(3, [SYSTEM, {"content": "What is 3 + 2?"}]), expect=R)
    case("msg-role-developer", c, "Row 3 has role developer.", with_messages(3, [{"role": "developer", "content": "x"}, U]), expect=R)
    case("msg-role-upper", c, "Row 3 has role User.", with_messages(3, [SYSTEM, {"role": "User", "content": "What is 3 + 2?"}]), expect=R)
    case("msg-role-int", c, "Row 3 has role 1.", with_messages(3, [SYSTEM, {"role": 1, "content": "What is 3 + 2?"}]), expect=R)
    case("msg-content-null", c, "Row 4's user content is null.", with_messages(4, [SYSTEM, {"role": "user", "content": None}]), expect=R)
    case("msg-content-missing", c, "Row 4's user message has no content.", with_messages(4, [SYSTEM, {"role": "user"}]), expect=R)
    case("msg-content-number", c, "Row 4's user content is 5.", with_messages(4, [SYSTEM, {"role": "user", "content": 5}]), expect=R)
    case("msg-content-object", c, "Row 4's user content is an object.", with_messages(4, [SYSTEM, {"role": "user", "content": {"text": "hi"}}]), expect=R)
    case("msg-message-not-object", c, "Row 4's second message is a string.", with_messages(4, [SYSTEM, "What is 4 + 2?"]), expect=R)
    case("msg-assistant-toolcall-no-content", c, "SFT row 2: an assistant tool-call message without content.",
         with_messages(2, [U, {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "add", "arguments": "{\"a\": 2, \"b\": 2}"}}]},
                           {"role": "tool", "tool_call_id": "c1", "content": "4"}, {"role": "assistant", "content": "4"}], make=sft_row, kind="sft"), expect=R)
    case("msg-assistant-toolcall-null-content", c, "SFT row 2: an assistant tool-call message with content null.",
         with_messages(2, [U, {"role": "assistant", "content": None, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "add", "arguments": "{\"a\": 2, \"b\": 2}"}}]},
                           {"role": "tool", "tool_call_id": "c1", "content": "4"}, {"role": "assistant", "content": "4"}], make=sft_row, kind="sft"), expect=R)
    case("msg-sft-toolcall-ok", c, "SFT row 2: a well-formed tool-call exchange (content \"\", string arguments, tool_call_id).",
         with_messages(2, [U, {"role": "assistant", "content": "", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "add", "arguments": "{\"a\": 2, \"b\": 2}"}}]},
                           {"role": "tool", "tool_call_id": "c1", "content": "4"}, {"role": "assistant", "content": "4"}], make=sft_row, kind="sft"), expect=A)
    case("msg-sft-content-null", c, "SFT row 6: assistant content null.",
         with_messages(6, [U, {"role": "assistant", "content": None}], make=sft_row, kind="sft"), expect=R)
    case("msg-distill-content-null", c, "distill row 3: user content null.",
         with_messages(3, [SYSTEM, {"role": "user", "content": None}], make=distill_row, kind="distill"), expect=R)
    case("msg-sft-messages-missing", c, "SFT row 5 without messages.",
         project("sft", train=jsonl(rows_with(sft_row, at={5: {"prompt": "What is 5 + 2?", "completion": "7"}}))), expect=R)

    c = "train-fields"
    def rl_at(line, **fields):
        row = rl_row(line)
        for k, v in fields.items():
            if v is _DROP:
                row.pop(k, None)
            else:
                row[k] = v
        return project("rl", train=jsonl(rows_with(rl_row, at={line: row})))
    case("rl-rewards-missing", c, "RL row 3 without rewards (TrainEntryRL requires them).", rl_at(3, rewards=_DROP), expect=R)
    case("rl-rewards-empty", c, "RL row 3 with rewards: [].", rl_at(3, rewards=[]), expect=R)
    case("rl-rewards-null", c, "RL row 3 with rewards: null.", rl_at(3, rewards=None), expect=R)
    case("rl-rewards-string", c, "RL row 3 with rewards: \"accuracy\" (a string).", rl_at(3, rewards="accuracy"), expect=R)
    case("rl-rewards-int-item", c, "RL row 3 with rewards: [1].", rl_at(3, rewards=[1]), expect=R)
    case("rl-reward-undefined", c, "RL row 3 references reward 'format', not defined in rewards.py.", rl_at(3, rewards=["accuracy", "format"]), expect=R)
    case("rl-tools-string", c, "RL row 3 with tools: \"add\" (a string).", rl_at(3, tools="add"), expect=R)
    case("rl-tools-int-item", c, "RL row 3 with tools: [1].", rl_at(3, tools=[1]), expect=R)
    case("rl-metadata-list", c, "RL row 3 with metadata: [].", rl_at(3, metadata=[]), expect=R)
    case("rl-metadata-string", c, "RL row 3 with metadata: \"x\".", rl_at(3, metadata="x"), expect=R)
    case("rl-variables-int", c, "RL row 3 with variables: 5.", rl_at(3, variables=5), expect=R)
    case("rl-docker-int", c, "RL row 3 with docker: 123.", rl_at(3, docker=123), expect=R)
    case("rl-docker-env-no-docker", c, "RL row 3 with docker_env {\"A\": \"1\"} and no docker.", rl_at(3, docker_env={"A": "1"}), expect=R)
    case("rl-docker-env-empty-docker", c, "RL row 3 with docker_env {\"A\": \"1\"} and docker: \"\" (falsy).", rl_at(3, docker="", docker_env={"A": "1"}), expect=R)
    case("rl-docker-env-int-value", c, "RL row 3 with docker and docker_env {\"A\": 1} (values must be strings).", rl_at(3, docker="python:3.11-slim", docker_env={"A": 1}), expect=R)
    case("rl-docker-env-list", c, "RL row 3 with docker and docker_env as a list.", rl_at(3, docker="python:3.11-slim", docker_env=["A=1"]), expect=R)
    case("sft-docker-int", c, "SFT row 3 with docker: 123.", project("sft", train=jsonl(rows_with(sft_row, at={3: sft_row(3, docker=123)}))), expect=R)
    case("sft-tools-string", c, "SFT row 3 with tools: \"add\".", project("sft", train=jsonl(rows_with(sft_row, at={3: sft_row(3, tools="add")}))), expect=R)
    case("sft-metadata-null", c, "SFT row 3 with metadata: null.", project("sft", train=jsonl(rows_with(sft_row, at={3: sft_row(3, metadata=None)}))), expect=A)
    case("distill-docker-env-no-docker", c, "distill row 2 with docker_env {\"A\": \"1\"} and no docker.",
         project("distill", train=jsonl(rows_with(distill_row, at={2: distill_row(2, docker_env={"A": "1"})}))), expect=R)

    c = "train-midtrain"
    case("mid-text-empty", c, "midtrain row 2 with text \"\".", project("midtrain", train=jsonl(rows_with(mid_row, at={2: {"text": ""}}))), expect=R)
    case("mid-text-missing", c, "midtrain row 2 with messages instead of text.", project("midtrain", train=jsonl(rows_with(mid_row, at={2: sft_row(2)}))), expect=R)
    case("mid-text-int", c, "midtrain row 2 with text: 5.", project("midtrain", train=jsonl(rows_with(mid_row, at={2: {"text": 5}}))), expect=R)
    case("mid-text-null", c, "midtrain row 2 with text: null.", project("midtrain", train=jsonl(rows_with(mid_row, at={2: {"text": None}}))), expect=R)
    case("mid-extra-fields", c, "midtrain rows with an extra source field (extra keys allowed).",
         project("midtrain", train=jsonl(rows_with(lambda i: mid_row(i, source="wiki")))), expect=A)
    case("mid-rl-shaped-rows", c, "midtrain rows shaped as RL rows (no text).", project("midtrain", train=jsonl(rows_with(rl_row))), expect=R)

    # ---- rlenvStricter: guide rules rnow's code does not check, and rows past rnow's 50 ------------------------
    c = "stricter"
    case("strict-system-not-first", c, "RL row 2: the system message comes after the user message.",
         with_messages(2, [U, SYSTEM]), stricter="The guide says the system message comes first; rnow's Message list is not ordered-checked.",
         rlenv_file="train.jsonl", rlenv_line=2, expect=A)
    case("strict-no-user", c, "RL row 3: a system message only, no user message.",
         with_messages(3, [SYSTEM]), stricter="The guide requires at least one user message; rnow's TrainEntry only needs one message.",
         rlenv_file="train.jsonl", rlenv_line=3, expect=A)
    case("strict-tool-name-missing", c, "RL rows list tool 'search', which tools.py does not define.",
         project("rl", tools=TOOLS, train=jsonl(rows_with(lambda i: rl_row(i, tools=["add"]), at={4: rl_row(4, tools=["search"])}))),
         stricter="The guide says tools names must exist in tools.py; rnow run never compares them.", rlenv_file="train.jsonl", rlenv_line=4, expect=A)
    case("strict-toolcall-args-object", c, "SFT row 2: tool-call arguments given as an object, not a string.",
         with_messages(2, [U, {"role": "assistant", "content": "", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "add", "arguments": {"a": 2, "b": 2}}}]},
                           {"role": "tool", "tool_call_id": "c1", "content": "4"}, {"role": "assistant", "content": "4"}], make=sft_row, kind="sft"),
         stricter="The guide says tool-call arguments are a JSON string; rnow's Message allows extra keys unchecked.", rlenv_file="train.jsonl", rlenv_line=2, expect=A)
    # Not stricter: the guide only shows tool_call_id ("Tool results use role: tool with matching tool_call_id",
    # skills/rnow-train-jsonl/SKILL.md:75, no "must"), rnow accepts the row and chat templates render a tool result
    # without it, so RlEnv warns (RLENV2347) and the verdict is rnow's.
    case("strict-tool-result-no-id", c, "SFT row 2: a tool result without tool_call_id (RlEnv warns; the guide does not say must).",
         with_messages(2, [U, {"role": "assistant", "content": "", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "add", "arguments": "{\"a\": 2, \"b\": 2}"}}]},
                           {"role": "tool", "content": "4"}, {"role": "assistant", "content": "4"}], make=sft_row, kind="sft"),
         expect=A)
    case("strict-tool-calls-not-list", c, "SFT row 2: tool_calls: 5.",
         with_messages(2, [U, {"role": "assistant", "content": "", "tool_calls": 5}, {"role": "assistant", "content": "4"}], make=sft_row, kind="sft"),
         stricter="The guide's tool-call shape (a list of calls with string arguments); rnow leaves tool_calls unchecked.", rlenv_file="train.jsonl", rlenv_line=2, expect=A)
    case("strict-sandbox-reward-no-docker", c, "A @reward(sandbox=True) used by rows without docker (single model).",
         project("rl", rewards=rewards_with('@reward(sandbox=True)\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    """Checked in the sandbox."""\n    return 0.0\n')),
         stricter="The guide says sandbox functions need docker; rnow checks it only on the multi-model path (commands.py:1570).", rlenv_file="train.jsonl", rlenv_line=1, expect=A)
    case("strict-sandbox-tool-listed-no-docker", c, "A @tool(sandbox=True) listed in rows' tools without docker (single model).",
         project("rl", tools=tools_with('@tool(sandbox=True)\ndef shell(cmd: str) -> str:\n    """Run a shell command in the sandbox."""\n    return cmd\n'),
                 train=jsonl(rows_with(lambda i: rl_row(i, tools=["shell"])))),
         stricter="The guide says sandbox functions need docker; rnow checks it only on the multi-model path (commands.py:1570).", rlenv_file="train.jsonl", rlenv_line=1, expect=A)
    case("multi-sandbox-no-docker", c, "Two models; a @reward(sandbox=True) used by rows without docker (the multi-model path checks it).",
         project("rl", cfg=set_(CFG_RL, "model.path", Raw("- Qwen/Qwen3-8B\n- meta-llama/Llama-3.1-8B-Instruct")),
                 rewards=rewards_with('@reward(sandbox=True)\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    """Checked in the sandbox."""\n    return 0.0\n')), expect=R)
    long_rows = [rl_row(i) for i in range(1, 61)]
    case("strict-defect-row-55", c, "60 rows; row 55's user content is null (rnow validates the first 50 valid rows).",
         project("rl", train=jsonl(long_rows[:54] + [{**rl_row(55), "messages": [SYSTEM, {"role": "user", "content": None}]}] + long_rows[55:])),
         stricter="RlEnv validates every row; rnow stops after 50 valid rows (commands.py:531-533).", rlenv_file="train.jsonl", rlenv_line=55, expect=A)
    case("strict-bad-json-row-58", c, "60 rows; row 58 is not JSON (past rnow's 50 rows; its count skips it).",
         project("rl", train=jsonl(long_rows[:57] + ["{broken"] + long_rows[58:])),
         stricter="RlEnv validates every row; rnow stops after 50 valid rows (commands.py:531-533).", rlenv_file="train.jsonl", rlenv_line=58, expect=A)
    case("strict-rl-no-rewards-row-52", c, "60 RL rows; row 52 has no rewards (past rnow's 50 rows).",
         project("rl", train=jsonl(long_rows[:51] + [{k: v for k, v in rl_row(52).items() if k != "rewards"}] + long_rows[52:])),
         stricter="RlEnv validates every row; rnow stops after 50 valid rows (commands.py:531-533).", rlenv_file="train.jsonl", rlenv_line=52, expect=A)
    case("strict-sft-rewards-syntax", c, "SFT project uploading a rewards.py that does not parse (rnow checks rewards.py for RL only).",
         project("sft", rewards=REWARDS.replace("-> float:", "-> float")),
         stricter="Every uploaded .py must parse (issue 12); rnow run uploads rewards.py for SFT without checking it.", rlenv_file="rewards.py", rlenv_line=5, expect=A)

    # ---- rewards.py ---------------------------------------------------------------------------------------------
    c = "rewards-syntax"
    case("rw-missing-colon", c, "The def line lacks its colon.", project("rl", rewards=REWARDS.replace("-> float:", "-> float")), expect=R)
    case("rw-bad-indent", c, "An unexpected indent in the body.", project("rl", rewards=REWARDS.replace("    return 1.0", "        return 1.0")), expect=R)
    case("rw-unclosed-paren", c, "An unclosed parenthesis.", project("rl", rewards=REWARDS.replace('str(messages[-1]["content"])', 'str(messages[-1]["content"]')), expect=R)
    case("rw-tab-mix", c, "A body line indented with a tab after space-indented lines.", project("rl", rewards=REWARDS.replace("    return 1.0", "\treturn 1.0")), expect=R)
    case("rw-return-outside", c, "A module-level return (ast.parse accepts it; import does not).", project("rl", rewards=REWARDS + "\nreturn None\n"), expect=R)
    case("rw-python312-type-alias", c, "A Python 3.12 type statement (rnow and the trainer run 3.11).", project("rl", rewards=REWARDS + "\ntype Score = float\n"), expect=R)
    case("rw-empty", c, "rewards.py of 0 bytes on RL.", project("rl", rewards=""), expect=R)
    case("rw-missing", c, "No rewards.py on RL.", project("rl", rewards=None), expect=R)

    c = "rewards-signature"
    def reward_fn(sig: str, body: str = "    return 0.0\n", deco: str = "@reward") -> str:
        return rewards_with(f'{deco}\ndef accuracy{sig}:\n    """Score."""\n{body}')
    for cid, sig, desc, exp in [
        ("rw-one-param", "(args: RewardArgs) -> float", "One parameter.", R),
        ("rw-three-params", "(args: RewardArgs, messages: list, extra: int) -> float", "Three parameters.", R),
        ("rw-no-params", "() -> float", "No parameters.", R),
        ("rw-first-unannotated", "(args, messages: list) -> float", "First parameter unannotated.", R),
        ("rw-second-unannotated", "(args: RewardArgs, messages) -> float", "Second parameter unannotated.", R),
        ("rw-no-return-annotation", "(args: RewardArgs, messages: list)", "No return annotation.", R),
        ("rw-star-messages", "(args: RewardArgs, *messages: list) -> float", "*messages as the second parameter (args.args counts 1).", R),
        ("rw-star-rest", "(args: RewardArgs, messages: list, *rest) -> float", "Two parameters plus *rest (the static check passes; import refuses).", R),
        ("rw-kwargs", "(args: RewardArgs, messages: list, **kw) -> float", "Two parameters plus **kw (import counts 3).", R),
        ("rw-kwonly-messages", "(args: RewardArgs, *, messages: list) -> float", "messages keyword-only (args.args counts 1).", R),
        ("rw-return-int", "(args: RewardArgs, messages: list) -> int", "-> int (import requires float).", R),
        ("rw-first-dict", "(args: dict, messages: list) -> float", "args typed dict (import requires RewardArgs).", R),
        ("rw-second-str", "(args: RewardArgs, messages: str) -> float", "messages typed str (import requires list).", R),
        ("rw-second-list-dict", "(args: RewardArgs, messages: list[dict]) -> float", "messages typed list[dict] (origin list).", A),
        ("rw-return-optional", "(args: RewardArgs, messages: list) -> float | None", "-> float | None (import requires float).", R),
    ]:
        case(cid, c, desc, project("rl", rewards=reward_fn(sig)), expect=exp)
    case("rw-async", c, "An async reward.", project("rl", rewards=reward_fn("(args: RewardArgs, messages: list) -> float", deco="@reward").replace("def accuracy", "async def accuracy")), expect=A)
    case("rw-precondition", c, "@reward(precondition=True, timeout=30).", project("rl", rewards=reward_fn("(args: RewardArgs, messages: list) -> float", deco="@reward(precondition=True, timeout=30)")), expect=A)
    case("rw-no-docstring", c, "A reward without a docstring (not required).",
         project("rl", rewards=rewards_with("@reward\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    return 0.0\n")), expect=A)
    case("rw-method-in-class", c, "@reward on a method (self makes 3 parameters).",
         project("rl", rewards=rewards_with('class Rewards:\n    @reward\n    def accuracy(self, args: RewardArgs, messages: list) -> float:\n        """Score."""\n        return 0.0\n')), expect=R)

    c = "rewards-return"
    for cid, body, desc, exp in [
        ("rw-return-2", "    return 2\n", "Returns the constant 2.", R),
        ("rw-return-minus-1", "    if messages:\n        return 0.5\n    return -1\n", "Returns -1 on one path.", R),
        ("rw-return-ternary", "    return 1.5 if messages else 0.0\n", "A ternary with a 1.5 branch.", R),
        ("rw-return-nested-helper", "    def helper() -> float:\n        return 7\n    return helper() / 10\n", "A nested helper returns 7 (rnow walks nested functions).", R),
        ("rw-return-true", "    return True\n", "Returns True (counts as 1.0).", A),
        ("rw-return-one", "    return 1\n", "Returns 1 (the upper bound).", A),
        ("rw-return-computed", "    return len(messages) * 3.0\n", "Returns a computed value (not a constant; unchecked).", A),
    ]:
        case(cid, c, desc, project("rl", rewards=reward_fn("(args: RewardArgs, messages: list) -> float", body=body)), expect=exp)

    c = "rewards-discovery"
    case("rw-dotted-decorator", c, "@core.reward (rnow reads bare names only, so 'accuracy' is undefined).",
         project("rl", rewards='import rnow.core as core\nfrom rnow.core import RewardArgs\n\n\n@core.reward\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    """Score."""\n    return 0.0\n'), expect=R)
    case("rw-alias-decorator", c, "@rw after `from rnow.core import reward as rw`.",
         project("rl", rewards='from rnow.core import RewardArgs\nfrom rnow.core import reward as rw\n\n\n@rw\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    """Score."""\n    return 0.0\n'), expect=R)
    case("rw-no-decorator", c, "accuracy defined without @reward.",
         project("rl", rewards='from rnow.core import RewardArgs\n\n\ndef accuracy(args: RewardArgs, messages: list) -> float:\n    """Score."""\n    return 0.0\n'), expect=R)
    case("rw-renamed", c, "The reward is named acc; rows reference accuracy.",
         project("rl", rewards=REWARDS.replace("def accuracy", "def acc")), expect=R)
    case("rw-two-rewards-one-used", c, "Two rewards, rows use one.",
         project("rl", rewards=REWARDS + '\n\n@reward\ndef brevity(args: RewardArgs, messages: list) -> float:\n    """Short answers."""\n    return 0.5\n'), expect=A)
    case("rw-reward-in-try", c, "@reward defined inside try/except.",
         project("rl", rewards=rewards_with('try:\n    @reward\n    def accuracy(args: RewardArgs, messages: list) -> float:\n        """Score."""\n        return 0.0\nexcept Exception:\n    pass\n')), expect=A)

    # ---- tools.py ----------------------------------------------------------------------------------------------
    c = "tools"
    def tool_fn(sig: str, doc: str = '    """Add two integers."""\n', body: str = "    return 0\n", deco: str = "@tool") -> str:
        return tools_with(f"{deco}\ndef add{sig}:\n{doc}{body}")
    T = lambda tools_text, exp, cid, desc: case(cid, c, desc, project("rl", tools=tools_text, train=jsonl(rows_with(lambda i: rl_row(i, tools=["add"])))), expect=exp)
    T(TOOLS.replace("-> int:", "-> int"), R, "tool-missing-colon", "tools.py: the def lacks its colon.")
    T(tool_fn("(a: int, b: int) -> int", doc=""), R, "tool-no-docstring", "A tool without a docstring.")
    T(tool_fn("(a: int, b: int) -> int", doc='    """"""\n'), R, "tool-empty-docstring", "A tool with an empty docstring.")
    T(tool_fn("(a: int, b: int) -> int", doc='    f"""Add {1} integers."""\n'), R, "tool-fstring-docstring", "An f-string docstring (not a docstring to ast).")
    T(tool_fn("(a, b: int) -> int"), R, "tool-unannotated-param", "A tool parameter without an annotation.")
    T(tool_fn("(a: int, *, b) -> int"), R, "tool-unannotated-kwonly", "A keyword-only parameter without an annotation.")
    T(tool_fn("(*numbers: int) -> int"), R, "tool-star-args", "A tool with *numbers.")
    T(tool_fn("(a: int, **options: int) -> int"), R, "tool-kwargs", "A tool with **options.")
    T(tool_fn("(a: int, b: int)"), R, "tool-no-return", "A tool without a return annotation.")
    T(tool_fn("(a: int, b: int) -> set"), R, "tool-return-set", "-> set (not JSON-serializable; refused at import).")
    T(tool_fn("(a: int, b: int) -> tuple[int, int]"), R, "tool-return-tuple", "-> tuple[int, int] (refused at import).")
    T(tool_fn("(a: int, b: int) -> str | None"), R, "tool-return-pipe-optional", "-> str | None (rnow's import check only knows typing.Union; refused).")
    T(tools_with("from typing import Optional\n\n\n@tool\ndef add(a: int, b: int) -> Optional[str]:\n    \"\"\"Add two integers.\"\"\"\n    return None\n",
                 header="from rnow.core import tool\n"), A, "tool-return-optional", "-> Optional[str].")
    T(tool_fn("(a: set, b: int) -> int"), A, "tool-param-set", "A parameter typed set (parameter types are never refused).")
    T(tool_fn("(a: int, b: int) -> dict[str, list[int]]"), A, "tool-return-nested", "-> dict[str, list[int]].")
    T(tools_with("@tool\nasync def add(a: int, b: int) -> int:\n    \"\"\"Add two integers.\"\"\"\n    return a + b\n"), A, "tool-async", "An async tool.")
    T(tools_with("from rnow.core import ToolArgs\n\n\n@tool\ndef add(args: ToolArgs, a: int) -> int:\n    \"\"\"Add a to the metadata's base.\"\"\"\n    return a\n",
                 header="from rnow.core import tool\n"), A, "tool-toolargs", "A tool taking args: ToolArgs first.")
    # The next two leave the rows without tools, so the one defect is in tools.py itself.
    case("tool-dotted-no-docstring", c, "@core.tool without a docstring (invisible to rnow's static check; the import refuses it).",
         project("rl", tools="import rnow.core as core\n\n\n@core.tool\ndef add(a: int, b: int) -> int:\n    return a + b\n"), expect=R)
    case("tool-empty-file", c, "tools.py of 0 bytes (rnow skips it).", project("rl", tools=""), expect=A)
    case("tool-sft-no-docstring", c, "SFT project whose tools.py has a tool without a docstring (tools.py is checked for every type).",
         project("sft", tools=tool_fn("(a: int, b: int) -> int", doc="")), expect=R)
    case("tool-two-tools-one-bad", c, "Two tools; the second lacks a return annotation.",
         project("rl", tools=TOOLS + '\n\n@tool\ndef sub(a: int, b: int):\n    """Subtract."""\n    return a - b\n',
                 train=jsonl(rows_with(lambda i: rl_row(i, tools=["add"])))), expect=R)


_DROP = object()


def yaml_to_obj(text: str):
    import yaml

    return yaml.safe_load(text)


# ---------------------------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------------------------


def _file_record(name: str, content) -> dict:
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8")
            if text.encode("utf-8") == content:
                return {"name": name, "text": text}
        except UnicodeDecodeError:
            pass
        return {"name": name, "base64": base64.b64encode(content).decode()}
    return {"name": name, "text": content}


def judge(rnow_root: str, files: dict) -> dict:
    with tempfile.TemporaryDirectory(prefix="rnow-diff-") as tmp:
        for name, content in files.items():
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            Path(tmp, name).write_bytes(data)
        proc = subprocess.run([sys.executable, __file__, "--child", rnow_root, tmp], capture_output=True, text=True, timeout=120,
                              cwd=tmp)
        if proc.returncode != 0 or not proc.stdout.strip():
            raise RuntimeError(f"child failed: {proc.stderr[-2000:]}")
        # The temp folder's name is random: keep it out of the messages so the table regenerates identically.
        last = proc.stdout.strip().splitlines()[-1]
        raw = json.loads(last.replace(json.dumps(tmp)[1:-1], "<project>"))
        return _locate(raw, list(files))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rnow", help="root of the reinforcenow-cli source tree")
    parser.add_argument("--any-rnow", action="store_true", help="accept an rnow tree of another version")
    parser.add_argument("--only", help="judge only case ids containing this text and print them")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    if not args.rnow:
        parser.error("--rnow is required")
    root = str(Path(args.rnow).resolve())
    pyproject = Path(root, "pyproject.toml").read_text()
    version = re.search(r'^version = "([^"]+)"', pyproject, re.M).group(1)
    if version != RNOW_PACKAGE_VERSION and not args.any_rnow:
        sys.exit(f"rnow tree is version {version}, the table is pinned to {RNOW_PACKAGE_VERSION} ({RNOW_COMMIT}); pass --any-rnow")
    build_cases()
    surprises = []
    records = []
    chosen = [spec for spec in CASES if not args.only or args.only in spec["id"]]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        verdicts = list(pool.map(lambda spec: judge(root, spec["files"]), chosen))
    for spec, rn in zip(chosen, verdicts):
        verdict = rn["verdict"]
        refused = verdict != "accepted"
        expect = spec["expect"]
        if expect and ((expect == "accepted") == refused or (expect == "crash") != (verdict == "crash")):
            surprises.append(f"{spec['id']}: designed {expect}, rnow {verdict}: {rn.get('message', '')[:200]}")
        record = {"id": spec["id"], "category": spec["category"], "description": spec["description"],
                  "files": [_file_record(n, t) for n, t in spec["files"].items()], "rnow": rn}
        if spec["stricter"]:
            record["rlenvStricter"] = True
            record["stricterReason"] = spec["stricter"]
            record["rlenvFile"] = spec["rlenvFile"]
            record["rlenvLine"] = spec["rlenvLine"]
        records.append(record)
        if args.only:
            print(spec["id"], json.dumps(rn, ensure_ascii=False))
    if surprises:
        print("Cases whose rnow verdict differs from their design (fix the case or its description):", file=sys.stderr)
        print("\n".join(surprises), file=sys.stderr)
        sys.exit(1)
    if args.only:
        return
    document = {
        "generator": "tests/RlEnv.Core.Tests/Platforms/ReinforceNow/Differential/generate.py",
        "rnow": {"repository": "github:ReinforceNow/reinforcenow-cli", "commit": RNOW_COMMIT, "version": version},
        "python": sys.version.split()[0],
        "cases": records,
    }
    OUTPUT.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    refused = sum(1 for r in records if r["rnow"]["verdict"] != "accepted")
    print(f"{len(records)} cases ({refused} refused by rnow, {len(records) - refused} accepted) -> {OUTPUT}")


if __name__ == "__main__":
    main()
