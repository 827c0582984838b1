# RlEnv's Python syntax check, run by PythonSyntaxWorker.cs as `python -I -S -B -W ignore -c <this file>`.
#
# First it writes one hello line: {"executable", "version", "implementation"}, so the same start that finds the
# interpreter does the checking (a second start cost 30 ms, and half a second through a pyenv shim). This file is
# therefore written in what every Python parses, 2.7 included: an old interpreter must still say which it is.
#
# Then one request per line on stdin: "TARGET FILE..." where TARGET is "-" or "3.11" and each FILE is "b" followed
# by the source's standard base64; one JSON answer per line on stdout, in the files' order. It never imports or
# runs the files. compile() with PyCF_ONLY_AST is ast.parse (what `rnow run` checks before upload,
# rnow/core/reward.py validate_rewards_file) without importing ast; compile() to bytecode is what an import adds
# (symbol-table errors such as 'return' outside function). Sources go in as bytes, so a BOM or a coding cookie is
# honoured as an import honours it. Only modules loaded at start-up are used: importing ast, json and base64 took
# longer than starting the interpreter. An idle worker exits after a minute; its owner starts another when needed.
import sys


def text(value):
    # JSON string, escaped as json.dumps(ensure_ascii=True) escapes it.
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        elif code > 0xFFFF:
            code -= 0x10000
            out.append("\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)))
        else:
            out.append("\\u%04x" % code)
    out.append('"')
    return "".join(out)


def dumps(value):
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(text(k) + ": " + dumps(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dumps(v) for v in value) + "]"
    return text(value if isinstance(value, str) else str(value))


def implementation():
    if hasattr(sys, "implementation"):
        return sys.implementation.name
    return "pypy" if "__pypy__" in sys.builtin_module_names else "cpython"


VERSION = "%d.%d.%d" % tuple(sys.version_info[:3])
sys.stdout.write(dumps({"executable": sys.executable or "", "version": VERSION, "implementation": implementation()}) + "\n")
sys.stdout.flush()
if sys.version_info < (3, 8):
    # Too old to check anything (no feature_version); the owner turns it down from the hello line.
    sys.exit(0)

import _thread  # noqa: E402 (loaded at start-up, unlike threading)
import binascii  # noqa: E402
import os  # noqa: E402
import time  # noqa: E402

ONLY_AST = 0x400  # ast.PyCF_ONLY_AST, the same on every version
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
        compile(source, name, "exec", ONLY_AST, _feature_version=-1)
    except Exception as error:  # SyntaxError, ValueError (null bytes on 3.11), RecursionError, MemoryError
        return {"error": describe("parse", error)}
    try:
        compile(source, name, "exec", dont_inherit=True)
    except Exception as error:
        return {"error": describe("compile", error)}
    if target is not None and sys.version_info[:2] > target:
        try:
            compile(source, name, "exec", ONLY_AST, _feature_version=target[1])
        except Exception as error:
            return {"newer": describe("feature", error)}
    return {}


def main():
    _thread.start_new_thread(watchdog, ())
    for line in sys.stdin.buffer:
        state["busy"] = True
        fields = line.split()
        target = None if fields[0] == b"-" else tuple(int(part) for part in fields[0].split(b"."))
        results = [check(i, binascii.a2b_base64(field[1:]), target) for i, field in enumerate(fields[1:])]
        sys.stdout.write(dumps({"version": VERSION, "implementation": implementation(), "results": results}) + "\n")
        sys.stdout.flush()
        state["last"] = time.monotonic()
        state["busy"] = False


main()
