#!/usr/bin/env python3
"""Writes a synthetic Freesolo environment of about TARGET_MIB MiB of JSONL, deterministically (seeded)."""
import json
import os
import random
import sys

target_mib = int(sys.argv[2]) if len(sys.argv) > 2 else 180
root = sys.argv[1]
os.makedirs(os.path.join(root, "dataset"), exist_ok=True)
rng = random.Random(20261122)
words = [''.join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 10))) for _ in range(5000)]
# Natural text is Zipf-distributed: a few words are very common. Uniform words would be unrealistically incompressible.
weights = [1.0 / (rank + 1) for rank in range(len(words))]


def prose(low, high):
    return ' '.join(rng.choices(words, weights=weights, k=rng.randint(low, high)))


with open(os.path.join(root, "environment.py"), "w") as f:
    f.write("from helpers import score\n\n\ndef load_environment(**params):\n    return score\n")
with open(os.path.join(root, "helpers.py"), "w") as f:
    f.write("def score(answer, gold):\n    return float(answer.strip() == gold.strip())\n")


def record(i):
    a, b = rng.randint(1, 10**6), rng.randint(1, 10**6)
    return {
        "input": f"Problem {i}: {prose(20, 120)}. What is {a} + {b}?",
        "output": f"<think>{prose(5, 40)}</think>{a + b}",
        "metadata": {"id": i, "difficulty": rng.choice(["easy", "medium", "hard"]), "source": "synthetic"},
    }


def write_split(name, mib):
    limit = mib * 1024 * 1024
    written = 0
    i = 0
    with open(os.path.join(root, "dataset", f"{name}.jsonl"), "w") as f:
        while written < limit:
            line = json.dumps(record(i), separators=(",", ":")) + "\n"
            f.write(line)
            written += len(line)
            i += 1
    return i


# The hub refuses a file over 100 MiB (RLENV1609), so the train rows go into files of at most 90 MiB, each its own
# split (train, train-2, ...), as a real dataset of this size would be laid out.
train_mib = target_mib - target_mib // 18
rows_train = 0
part = 1
while train_mib > 0:
    rows_train += write_split("train" if part == 1 else f"train-{part}", min(train_mib, 90))
    train_mib -= 90
    part += 1
rows_eval = write_split("eval", target_mib // 18)
print(f"wrote {root}: train {rows_train} rows in {part - 1} files, eval {rows_eval} rows")
