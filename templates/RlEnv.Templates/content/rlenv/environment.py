"""RlEnvProject: an environment for ENVIRONMENT_ID.

The hub imports this file and calls load_environment(**params) with the [environment.params] of the
run's config. Files are read relative to __file__, which works locally and on a training worker.
"""
import re
from pathlib import Path

ROOT = Path(__file__).parent
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
#if (multiTurn)
MAX_TURNS = 3
#endif


def extract_answer(response: str) -> str | None:
    """The last number in the response: the model's final answer."""
#if (thinking)
    # Score only what follows the reasoning block.
    response = response.rsplit("</think>", 1)[-1]
#endif
    matches = _NUMBER.findall(response)
    return matches[-1] if matches else None


def reward(response: str, gold: str | None) -> float:
    """1.0 when the final answer equals the gold answer, else 0.0."""
    answer = extract_answer(response)
    if answer is None or gold is None:
        return 0.0
    gold_answer = extract_answer(gold) or gold
    try:
        return 1.0 if float(answer) == float(gold_answer) else 0.0
    except ValueError:
        return 0.0


def load_environment(split: str = "train", **params):
    """Build the environment; `split` selects dataset/<split>.jsonl."""
    from freesolo.datasets.records import load_task_examples
#if (multiTurn)
    from freesolo.environments import EnvironmentMultiTurn

    class TaskEnvironment(EnvironmentMultiTurn):
        """The model may answer up to MAX_TURNS times; each wrong answer gets a hint."""

        def __init__(self) -> None:
            self.dataset = load_task_examples(ROOT / "dataset" / f"{split}.jsonl")

        def max_episode_turns(self, example) -> int:
            return MAX_TURNS

        def start_episode(self, example):
            return {
                "messages": [
                    {"role": "system", "content": "Solve the problem. End with the number only."},
                    {"role": "user", "content": example.input},
                ],
                "turn": 0,
                "solved": False,
            }

        def step_episode(self, example, state, response: str):
            state["turn"] += 1
            state["messages"].append({"role": "assistant", "content": response})
            state["solved"] = reward(response, example.output) == 1.0
            done = state["solved"] or state["turn"] >= MAX_TURNS
            if not done:
                state["messages"].append({"role": "user", "content": "Not quite. Check your arithmetic and answer again."})
            return state, done

        def score_episode(self, example, state) -> float:
            # Full reward for a first-turn answer, less for each retry.
            return (1.0 - 0.25 * (state["turn"] - 1)) if state["solved"] else 0.0

    return TaskEnvironment()
#else
    from freesolo.environments import EnvironmentSingleTurn

    class TaskEnvironment(EnvironmentSingleTurn):
        def __init__(self) -> None:
            self.dataset = load_task_examples(ROOT / "dataset" / f"{split}.jsonl")

        def build_prompt_messages(self, example):
            return [
                {"role": "system", "content": "Solve the problem. End with the number only."},
                {"role": "user", "content": example.input},
            ]

        def score_response(self, example, response: str) -> float:
            return reward(response, example.output)

    return TaskEnvironment()
#endif
