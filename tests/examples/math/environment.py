"""A small arithmetic environment: the model answers sums, and the reward checks the number."""
from pathlib import Path

from scoring import extract_answer, reward_for

ROOT = Path(__file__).parent


def load_environment(split: str = "train", **params):
    """Called by the hub with the [environment.params] of the run's config."""
    from freesolo.datasets.records import load_task_examples
    from freesolo.environments import EnvironmentSingleTurn

    class MathEnv(EnvironmentSingleTurn):
        def __init__(self) -> None:
            self.dataset = load_task_examples(ROOT / "dataset" / f"{split}.jsonl")

        def build_prompt_messages(self, example):
            return [
                {"role": "system", "content": "Answer with the number only."},
                {"role": "user", "content": example.input},
            ]

        def score_response(self, example, response: str) -> float:
            return reward_for(extract_answer(response), example.output)

    return MathEnv()
