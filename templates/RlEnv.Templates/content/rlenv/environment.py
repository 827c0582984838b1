"""RlEnvProject: a Freesolo environment for ENVIRONMENT_ID.

Flash imports this file on the training worker and calls load_environment(**params) with the run
config's [environment.params], plus `dataset_path` when it found the requested split's file. Every
training algorithm (configs/sft.toml, rl.toml, opd.toml) trains off the same class.

Each dataset row's `output` is both the answer the scorer compares against and the gold assistant
turn SFT trains on, so write it as the full text the model should emit. Whatever the scorer needs
but the model must not see goes under `metadata`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from freesolo.datasets.types import TaskExample
#if (multiTurn)
from freesolo.environments import (
    EnvironmentEpisode,
    EnvironmentMultiTurn,
    EnvironmentStepResult,
    RewardResult,
)
#else
from freesolo.environments import EnvironmentSingleTurn, RewardResult
#endif

ROOT = Path(__file__).parent
SYSTEM_PROMPT = "Solve the problem. End your answer with the number only."
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
#if (multiTurn)
# How many answers the model may give before the episode ends; each wrong one gets a hint.
MAX_TURNS = 3
HINT = "Not quite. Check your arithmetic and answer again."
#endif


def load_rows(path: str | Path) -> list[dict]:
    """The records of a JSONL split: {"input", "output", "metadata"} per line."""
    rows = []
    with Path(path).open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def final_number(text: str) -> str | None:
    """The last number in the text: the model's final answer."""
#if (thinking)
    # Only what follows the reasoning block counts as the answer.
    text = text.rsplit("</think>", 1)[-1]
#endif
    matches = _NUMBER.findall(text)
    return matches[-1] if matches else None


def is_correct(response_text: str, gold: object) -> bool:
    """Whether the response's final number equals the gold output's."""
    answer = final_number(str(response_text))
    expected = final_number(str(gold)) if gold is not None else None
    if answer is None or expected is None:
        return False
    try:
        return float(answer) == float(expected)
    except ValueError:
        return False


#if (multiTurn)
class TaskEnvironment(EnvironmentMultiTurn):
    """The model may answer up to MAX_TURNS times; a wrong answer gets a hint and another turn.

    Keep no per-episode state on the instance: Flash runs many episodes of one row at once, so the
    transcript (`messages`, `episode.messages`) is the only state.
    """

    def start_episode(self, example: TaskExample, prompt_text: str) -> list[dict]:
        return [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": str(example.input)},
        ]

    def max_episode_turns(self, example: TaskExample) -> int:
        return MAX_TURNS

    def step_episode(
        self,
        example: TaskExample,
        messages: list,
        assistant_response: str,
    ) -> EnvironmentStepResult:
        # `messages` already ends with this answer. Flash ends the episode itself after MAX_TURNS.
        if is_correct(assistant_response, example.output):
            return EnvironmentStepResult(done=True)
        return EnvironmentStepResult(done=False, messages=({"role": "user", "content": HINT},))

    def score_episode(
        self,
        example: TaskExample,
        episode: EnvironmentEpisode,
    ) -> RewardResult:
        # Full reward for a first-turn answer, a quarter less for each retry, nothing if never right.
        if not is_correct(episode.response_text, example.output):
            return RewardResult(score=0.0, threshold=1.0, success=False)
        answers = sum(1 for message in episode.messages if message.get("role") == "assistant")
        return RewardResult(score=max(0.25, 1.0 - 0.25 * (answers - 1)), threshold=1.0, success=True)
#else
class TaskEnvironment(EnvironmentSingleTurn):
    """One prompt, one answer, scored 1.0 when its final number is the gold answer."""

    def build_prompt_messages(self, example: TaskExample, prompt_text: str) -> list[dict]:
        return [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": str(example.input)},
        ]

    def score_response(self, example: TaskExample, response_text: str) -> RewardResult:
        correct = is_correct(response_text, example.output)
        return RewardResult(score=1.0 if correct else 0.0, threshold=1.0, success=correct)
#endif


def load_environment(split: str = "train", dataset_path: str | None = None, **params) -> TaskEnvironment:
    """The environment over dataset/<split>.jsonl, or over `dataset_path` when Flash passes one."""
    env = TaskEnvironment()
    env.dataset = load_rows(dataset_path or ROOT / "dataset" / f"{split}.jsonl")
    return env
