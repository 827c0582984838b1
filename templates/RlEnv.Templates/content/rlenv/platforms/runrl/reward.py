"""The reward for RlEnvProject: RunRL calls reward_fn with one completion and the prompt line's other fields."""
import re

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _text(completion) -> str:
    # The file-format guide passes the response as a string; its Python examples index a message list.
    if isinstance(completion, str):
        return completion
    return (completion[-1].get("content") or "") if completion else ""


def reward_fn(completion, **kwargs) -> float:
    """1.0 when the last number of the completion equals the prompt line's expected_result."""
    expected = kwargs.get("expected_result")
    numbers = _NUMBER.findall(_text(completion))
    return 1.0 if numbers and expected is not None and numbers[-1] == str(expected) else 0.0
