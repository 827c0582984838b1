# RlEnv's Python syntax check, run by PythonSyntaxWorker.cs as `python -I -S -B -c <this file>`.
# One request per line on stdin: {"target": [3, 11] | null, "files": [base64 source, ...]}; one JSON answer per line
# on stdout, in the files' order. It never imports or runs the files: ast.parse is what `rnow run` checks before
# upload (rnow/core/reward.py, validate_rewards_file), compile() is what an import adds on top of it (symbol-table
# errors such as 'return' outside function). Sources go in as bytes, so a BOM or a coding cookie is honoured as an
# import honours it. An idle worker exits after a minute; its owner starts another when it needs one.
import ast
import base64
import json
import os
import sys
import threading
import time
import warnings

warnings.simplefilter("ignore")
IDLE_SECONDS = 60.0
state = {"busy": False, "last": time.monotonic()}


def watchdog():
    while True:
        time.sleep(5)
        if not state["busy"] and time.monotonic() - state["last"] > IDLE_SECONDS:
            os._exit(0)


def describe(stage, error):
    if isinstance(error, SyntaxError):
        return {
            "stage": stage,
            "kind": type(error).__name__,
            "message": error.msg or str(error),
            "line": error.lineno,
            "column": error.offset,
        }
    return {"stage": stage, "kind": type(error).__name__, "message": str(error), "line": None, "column": None}


def check(index, source, target):
    name = "<file %d>" % index
    try:
        ast.parse(source, filename=name)
    except Exception as error:  # SyntaxError, ValueError (null bytes on 3.11), RecursionError, MemoryError
        return {"error": describe("parse", error)}
    try:
        compile(source, name, "exec", dont_inherit=True)
    except Exception as error:
        return {"error": describe("compile", error)}
    if target is not None and sys.version_info[:2] > tuple(target):
        try:
            ast.parse(source, filename=name, feature_version=tuple(target))
        except Exception as error:
            return {"newer": describe("feature", error)}
    return {}


def main():
    threading.Thread(target=watchdog, daemon=True).start()
    version = "%d.%d.%d" % tuple(sys.version_info[:3])
    for line in sys.stdin.buffer:
        state["busy"] = True
        request = json.loads(line)
        target = request.get("target")
        results = [check(i, base64.b64decode(s), target) for i, s in enumerate(request["files"])]
        sys.stdout.write(json.dumps({"version": version, "implementation": sys.implementation.name, "results": results}) + "\n")
        sys.stdout.flush()
        state["last"] = time.monotonic()
        state["busy"] = False


main()
