#!/usr/bin/env python3
"""The loop users write to check a dataset: json.loads on every non-blank line of every split."""
import glob
import json
import sys

for path in sorted(glob.glob(sys.argv[1] + "/dataset/*.jsonl")):
    with open(path, "rb") as f:
        for line in f:
            if line.strip():
                json.loads(line)
