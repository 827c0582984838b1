"""Held-out checks for RlEnvProject: the rows of dataset/eval.jsonl, graded by environment.py's own scorer.

`flash env test` runs them offline and `flash env eval TARGET` against a model trained on the published
environment. Flash loads this file from beside environment.py and calls load_evaluations(environment=...)
with the loaded environment; training never imports it.
"""

from __future__ import annotations

import json
from pathlib import Path

from flash.envs.evaluations import BaseEvalSuite, EvalCase, EvalResult

EVAL_SPLIT = Path(__file__).parent / "dataset" / "eval.jsonl"


class HeldOutSuite(BaseEvalSuite):
    name = "held-out"
#if (multiTurn)
    # Play each case out as a whole episode, hints included, and grade the finished transcript.
    grades_episodes = True
#endif

    def __init__(self, environment=None) -> None:
        self.environment = environment

    def cases(self) -> list[EvalCase]:
        cases = []
        with EVAL_SPLIT.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    row = json.loads(line)
                    cases.append(EvalCase(id=f"eval-{number}", input=row["input"], expected=row.get("output")))
        return cases

#if (multiTurn)
    def score(self, case: EvalCase, response: str, state: dict) -> EvalResult:
#else
    def score(self, case: EvalCase, response: str) -> EvalResult:
#endif
        if self.environment is None:
            return super().score(case, response)
        example = {"input": case.input, "output": case.expected}
        # Pass/fail is the scorer's own success flag, not "the reward was positive".
#if (multiTurn)
        passed = self.environment.grade(response, example, state)
        score = float(self.environment.reward(response, example, state))
#else
        passed = self.environment.grade(response, example)
        score = float(self.environment.reward(response, example))
#endif
        return EvalResult(case_id=case.id or "case", passed=bool(passed), score=score, response=response)


def load_evaluations(environment=None) -> list[HeldOutSuite]:
    return [HeldOutSuite(environment)]
