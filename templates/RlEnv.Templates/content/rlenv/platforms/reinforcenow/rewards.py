"""Rewards for RlEnvProject: each @reward is named in the rewards list of train.jsonl entries."""
import re

from rnow.core import RewardArgs, reward

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _final_number(text: str) -> str | None:
    matches = _NUMBER.findall(text)
    return matches[-1] if matches else None


@reward
def accuracy(args: RewardArgs, messages: list) -> float:
    """1.0 when the last number in the answer equals metadata['answer']."""
    answer = _final_number(messages[-1]["content"] or "")
    return 1.0 if answer is not None and answer == args.metadata.get("answer") else 0.0


@reward
def concise(args: RewardArgs, messages: list) -> float:
    """Prefer short answers: 1.0 up to 20 characters, falling to 0 at 200."""
    length = len(messages[-1]["content"] or "")
    return max(0.0, min(1.0, (200 - length) / 180))
