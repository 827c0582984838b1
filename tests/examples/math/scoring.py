"""Reward helpers, packed beside environment.py (sibling helper modules ship with it)."""
import re

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def extract_answer(response: str) -> str | None:
    matches = _NUMBER.findall(response)
    return matches[-1] if matches else None


def reward_for(answer: str | None, gold: str | None) -> float:
    if answer is None or gold is None:
        return 0.0
    return 1.0 if float(answer) == float(gold) else 0.0
