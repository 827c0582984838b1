"""The reward for RlEnvProject: RunRL calls reward_func with every prompt's completions."""
import re

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def reward_func(prompts, completions, **kwargs) -> list[float]:
    """1.0 when the last number of a completion equals its prompt's expected_result."""
    expected = kwargs.get("expected_result") or [None] * len(completions)
    rewards = []
    for completion, gold in zip(completions, expected):
        numbers = _NUMBER.findall(completion[0]["content"] or "")
        rewards.append(1.0 if numbers and gold is not None and numbers[-1] == str(gold) else 0.0)
    return rewards
