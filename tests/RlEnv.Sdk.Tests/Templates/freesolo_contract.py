"""Checks a generated Freesolo environment against the contract Flash calls it by.

usage: freesolo_contract.py ENV_DIR single|multi

The contract (freesolo-co/flash 0c508de): flash/cli/commands/env/setup.py writes the scaffold whose
hooks and annotations are the reference; flash/envs/adapter.py calls start_episode(task, prompt_text),
score_responses / score_episodes (the SDK's batch wrappers over score_response / score_episode),
step_episode(task, messages, raw_response) and reads .done, .messages, .final_response_text;
flash/envs/loader.py calls load_environment(**params) with split, dataset_path and contract_path; the
environment's `dataset` rows go through load_task_examples. flash/envs/evaluations.py loads
evaluations.py's load_evaluations(environment=...) and calls suite.cases() and suite.score(...).

The freesolo SDK cannot be installed here, so the file is read with ast, then run against a small
stand-in of the SDK built from the public contract (docs: guides/environments/multi-turn.mdx).
Prints one line per problem and exits 1 when there is any.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

problems: list[str] = []


def problem(text: str) -> None:
    problems.append(text)


# hook -> (parameters after self with their annotations, return annotation or None), as setup.py's scaffold has them.
SINGLE_TURN = {
    "build_prompt_messages": ([("example", "TaskExample"), ("prompt_text", "str")], None),
    "score_response": ([("example", "TaskExample"), ("response_text", "str")], "RewardResult"),
}
MULTI_TURN = {
    "start_episode": ([("example", "TaskExample"), ("prompt_text", "str")], None),
    "max_episode_turns": ([("example", "TaskExample")], "int"),
    "step_episode": ([("example", "TaskExample"), ("messages", "list"), ("assistant_response", "str")], "EnvironmentStepResult"),
    "score_episode": ([("example", "TaskExample"), ("episode", "EnvironmentEpisode")], "RewardResult"),
}
# What every `return` of a hook must build: a wrong shape (a float, a tuple, a dict) crashes the adapter.
RETURNS = {
    "score_response": "RewardResult",
    "score_episode": "RewardResult",
    "step_episode": "EnvironmentStepResult",
}


def imported_names(tree: ast.Module) -> dict[str, str]:
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def returns_of(function: ast.FunctionDef) -> list[ast.Return]:
    found = []
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.Return):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def check_environment_ast(source: str, multi: bool) -> None:
    tree = ast.parse(source, "environment.py")
    names = imported_names(tree)
    base = "EnvironmentMultiTurn" if multi else "EnvironmentSingleTurn"
    expected_types = {
        base: "freesolo.environments",
        "RewardResult": "freesolo.environments",
        "TaskExample": "freesolo.datasets",
    }
    if multi:
        expected_types |= {"EnvironmentStepResult": "freesolo.environments", "EnvironmentEpisode": "freesolo.environments"}
    for name, module in expected_types.items():
        if not names.get(name, "").startswith(module + "."):
            problem(f"environment.py does not import {name} from {module}")

    classes = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id == base for b in n.bases)]
    if len(classes) != 1:
        problem(f"environment.py should define one {base} subclass, found {len(classes)}")
        return
    env_class = classes[0]
    methods = {n.name: n for n in env_class.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    hooks, other = (MULTI_TURN, SINGLE_TURN) if multi else (SINGLE_TURN, MULTI_TURN)
    for name, (parameters, returns) in hooks.items():
        method = methods.get(name)
        if method is None:
            problem(f"{env_class.name} has no {name}")
            continue
        if isinstance(method, ast.AsyncFunctionDef):
            problem(f"{name} is async; Flash calls it synchronously")
        args = method.args
        if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs:
            problem(f"{name} takes more than the positional parameters Flash passes")
        actual = [(a.arg, ast.unparse(a.annotation) if a.annotation else None) for a in args.args]
        if not actual or actual[0][0] != "self":
            problem(f"{name} is not an instance method")
            continue
        if actual[1:] != parameters:
            problem(f"{name}{tuple(actual[1:])} should be {name}{tuple(parameters)}")
        if args.defaults:
            problem(f"{name} has defaults; Flash passes every parameter")
        if returns is not None and (method.returns is None or ast.unparse(method.returns) != returns):
            problem(f"{name} should be annotated -> {returns}")
        built = RETURNS.get(name)
        for ret in returns_of(method):
            value = ret.value
            if built is not None and not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == built):
                problem(f"{name} line {ret.lineno} returns {ast.unparse(value) if value else 'None'}, not a {built}(...)")
            if name in ("build_prompt_messages", "start_episode") and not isinstance(value, ast.List):
                problem(f"{name} line {ret.lineno} should return the message list")
    for name in other:
        if name in methods:
            problem(f"{env_class.name} defines {name}, which Flash never calls on a {base}")

    loaders = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "load_environment"]
    if len(loaders) != 1:
        problem("environment.py should define load_environment once at module level")
        return
    args = loaders[0].args
    if args.kwarg is None:
        problem("load_environment must take **params: Flash passes every [environment.params] key plus contract_path")
    if len(args.defaults) != len(args.args) or len(args.kw_defaults) != len([d for d in args.kw_defaults if d is not None]):
        problem("every load_environment parameter needs a default: Flash passes only what the config sets")
    if "dataset_path" not in [a.arg for a in args.args + args.kwonlyargs]:
        problem("load_environment ignores dataset_path, the split file Flash resolved")


def check_evaluations_ast(source: str, multi: bool) -> None:
    tree = ast.parse(source, "evaluations.py")
    names = imported_names(tree)
    for name in ("EvalCase", "EvalResult"):
        if names.get(name) != f"flash.envs.evaluations.{name}":
            problem(f"evaluations.py does not import {name} from flash.envs.evaluations")
    factory = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "load_evaluations"]
    if len(factory) != 1 or "environment" not in [a.arg for a in factory[0].args.args]:
        problem("evaluations.py should define load_evaluations(environment=None)")
    suites = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    for suite in suites:
        fields = {t.id: n.value for n in suite.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
        methods = {n.name: n for n in suite.body if isinstance(n, ast.FunctionDef)}
        if not isinstance(fields.get("name"), ast.Constant):
            problem(f"suite {suite.name} has no name")
        episodes = isinstance(fields.get("grades_episodes"), ast.Constant) and fields["grades_episodes"].value is True
        if episodes != multi:
            problem(f"suite {suite.name}: grades_episodes should be {multi} for a {'multi' if multi else 'single'}-turn environment")
        score = methods.get("score")
        wanted = ["self", "case", "response"] + (["state"] if multi else [])
        if score is None or [a.arg for a in score.args.args] != wanted:
            problem(f"suite {suite.name}: score should take ({', '.join(wanted)})")
        if "cases" not in methods:
            problem(f"suite {suite.name} has no cases()")


# ---- a stand-in of the freesolo SDK, as its public contract describes it ----

@dataclass
class TaskExample:
    record: dict
    input: str
    id: str | None = None
    output: object | None = None
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RewardResult:
    score: float
    metrics: tuple = ()
    success: bool | None = None
    threshold: float | None = None
    error: str | None = None
    metadata: dict | None = None


@dataclass(frozen=True)
class EnvironmentStepResult:
    done: bool = True
    messages: tuple = ()
    final_response_text: str | None = None
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class EnvironmentTurn:
    role: str
    content: Any
    name: str | None = None
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class EnvironmentEpisode:
    messages: tuple
    response_text: str
    turns: tuple = ()
    metadata: dict = field(default_factory=dict)


class EnvironmentSingleTurn:
    def start_episode(self, example, prompt_text):
        messages = self.build_prompt_messages(example, prompt_text)
        if prompt_text and not any(m.get("role") == "system" for m in messages):
            messages = [{"role": "system", "content": prompt_text}, *messages]
        return messages

    def score_responses(self, example, responses):
        return [self.score_response(example, response) for response in responses]


class EnvironmentMultiTurn:
    def score_episodes(self, example, episodes):
        return [self.score_episode(example, episode) for episode in episodes]


def task_example(record: dict) -> TaskExample:
    return TaskExample(record=dict(record), input=str(record["input"]), id=record.get("id"), output=record.get("output"),
                       metadata=dict(record.get("metadata") or {}))


@dataclass(frozen=True)
class EvalCase:
    input: str
    expected: object | None = None
    id: str | None = None
    metadata: dict | None = None


@dataclass(frozen=True)
class EvalResult:
    case_id: str
    passed: bool
    score: float
    response: str
    reason: str | None = None
    error: str | None = None


class BaseEvalSuite:
    name = "evaluation"

    def score(self, case, response):
        gold = "" if case.expected is None else str(case.expected).strip()
        passed = bool(gold) and gold in (response or "")
        return EvalResult(case_id=case.id or "case", passed=passed, score=1.0 if passed else 0.0, response=response)


def install_stand_ins() -> None:
    modules = {
        "freesolo": {},
        "freesolo.datasets": {"TaskExample": TaskExample},
        "freesolo.datasets.types": {"TaskExample": TaskExample},
        "freesolo.datasets.records": {"task_example_from_record": task_example},
        "freesolo.environments": {
            "EnvironmentSingleTurn": EnvironmentSingleTurn, "EnvironmentMultiTurn": EnvironmentMultiTurn,
            "EnvironmentStepResult": EnvironmentStepResult, "EnvironmentEpisode": EnvironmentEpisode,
            "EnvironmentTurn": EnvironmentTurn, "RewardResult": RewardResult,
        },
        "flash": {}, "flash.envs": {},
        "flash.envs.evaluations": {"EvalCase": EvalCase, "EvalResult": EvalResult, "BaseEvalSuite": BaseEvalSuite},
    }
    for name, attributes in modules.items():
        module = types.ModuleType(name)
        module.__dict__.update(attributes)
        sys.modules[name] = module


def import_file(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_environment(directory: Path, multi: bool) -> None:
    module = import_file(directory / "environment.py", "environment_under_test")
    # What flash/envs/loader.py passes for `split = "train"`: the split, the file it resolved, the contract path.
    train = directory / "dataset" / "train.jsonl"
    env = module.load_environment(split="train", dataset_path=str(train), contract_path=str(directory / "TRAINING_CONTRACT.md"))
    rows = getattr(env, "dataset", None)
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) and "input" in r for r in rows):
        problem("load_environment(...).dataset should be the split's rows, each with an input")
        return
    eval_rows = module.load_environment(split="eval").dataset
    if len(eval_rows) != sum(1 for line in (directory / "dataset" / "eval.jsonl").open(encoding="utf-8") if line.strip()):
        problem("load_environment(split='eval') does not read dataset/eval.jsonl")

    for row in rows:
        task = task_example(row)
        messages = env.start_episode(task, "")
        if not (isinstance(messages, list) and messages and all(isinstance(m, dict) and m.get("role") and "content" in m for m in messages)):
            problem(f"start_episode returned {messages!r}, not chat messages")
            return
        if messages[-1].get("content") != task.input:
            problem("the prompt does not end with the row's input")
        gold = str(row["output"])
        if not multi:
            good, bad = env.score_responses(task, [gold, "I cannot tell."])
            if not (isinstance(good, RewardResult) and good.score == 1.0 and good.success is not False):
                problem(f"the gold output scores {good!r}")
            if not (isinstance(bad, RewardResult) and bad.score == 0.0):
                problem(f"an answer without a number scores {bad!r}")
            continue

        # The loop flash/envs/adapter.py runs: a wrong answer, then the gold one.
        turns = env.max_episode_turns(task)
        if not isinstance(turns, int) or turns < 2:
            problem(f"max_episode_turns is {turns!r}; the starter needs room for a retry")
            return
        transcript = list(messages)
        transcript.append({"role": "assistant", "content": "It is 0.5"})
        step = env.step_episode(task, list(transcript), "It is 0.5")
        if not isinstance(step, EnvironmentStepResult) or step.done or not step.messages:
            problem(f"a wrong answer should keep the episode open with a reply, got {step!r}")
            return
        transcript.extend(step.messages)
        transcript.append({"role": "assistant", "content": gold})
        step = env.step_episode(task, list(transcript), gold)
        if not isinstance(step, EnvironmentStepResult) or not step.done:
            problem(f"the gold answer should end the episode, got {step!r}")
        transcript.extend(step.messages)
        response = step.final_response_text if step.final_response_text is not None else gold
        scored = env.score_episodes(task, [EnvironmentEpisode(messages=tuple(transcript), response_text=response)])[0]
        if not (isinstance(scored, RewardResult) and 0.0 < scored.score <= 1.0 and scored.success is not False):
            problem(f"an episode solved on the second answer scores {scored!r}")
        missed = env.score_episodes(task, [EnvironmentEpisode(messages=tuple(messages) + ({"role": "assistant", "content": "no idea"},), response_text="no idea")])[0]
        if not (isinstance(missed, RewardResult) and missed.score == 0.0):
            problem(f"an unsolved episode scores {missed!r}")


def run_evaluations(directory: Path, multi: bool) -> None:
    module = import_file(directory / "evaluations.py", "evaluations_under_test")
    suites = module.load_evaluations(environment=None)
    if not isinstance(suites, list) or not suites:
        problem("load_evaluations returned no suites")
        return
    for suite in suites:
        cases = suite.cases()
        if not cases or not all(isinstance(c, EvalCase) and c.input.strip() and c.expected is not None for c in cases):
            problem(f"suite {suite.name}: cases() should be the eval split's rows with their gold answers")
            continue
        arguments = (None,) if multi else ()
        result = suite.score(cases[0], str(cases[0].expected), *arguments)
        if not (isinstance(result, EvalResult) and result.passed):
            problem(f"suite {suite.name}: the gold answer does not pass: {result!r}")


def main() -> int:
    directory, mode = Path(sys.argv[1]), sys.argv[2]
    multi = mode == "multi"
    check_environment_ast((directory / "environment.py").read_text(encoding="utf-8"), multi)
    check_evaluations_ast((directory / "evaluations.py").read_text(encoding="utf-8"), multi)
    if not problems:
        install_stand_ins()
        run_environment(directory, multi)
        run_evaluations(directory, multi)
    for text in problems:
        print(text)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
