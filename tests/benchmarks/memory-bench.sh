#!/usr/bin/env bash
# Memory benchmark (issue 15): peak RSS of `rlenv validate` on 10 M one-field rows (~200 MB in two splits, each
# under the hub's 100 MiB file cap), every input distinct, so duplicate and train/eval leakage detection see
# 10 M inputs. Anchor, in the same run: python3 doing the same exact duplicate/leakage check with a set of inputs.
# Usage: tests/benchmarks/memory-bench.sh [ROWS]     RLENV=/path/to/rlenv to measure another build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/common.sh"
rows=${1:-10000000}
work=${BENCH_DIR:-$repo/.bench}
env_dir=$work/rows-$rows
if [ ! -f "$env_dir/.done" ]; then
  rm -rf "$env_dir" && mkdir -p "$env_dir/dataset"
  printf 'def load_environment(**params):\n    return None\n' >"$env_dir/environment.py"
  half=$((rows / 2))
  awk -v n="$half" 'BEGIN { for (i = 0; i < n; i++) printf "{\"input\":\"%07d\"}\n", i }' >"$env_dir/dataset/train.jsonl"
  awk -v s="$half" -v n="$rows" 'BEGIN { for (i = s; i < n; i++) printf "{\"input\":\"%07d\"}\n", i }' >"$env_dir/dataset/eval.jsonl"
  touch "$env_dir/.done"
fi
build_rlenv

# Peak RSS (MB) and wall seconds of "$@", measured by the parent with getrusage (no /usr/bin/time needed).
measure() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.monotonic() - start
if code not in (0, 1):
    sys.exit(f"failed ({code}): {' '.join(sys.argv[1:])}")
print(f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1000:.0f} {wall:.2f}")
PY
}

read -r rss_rlenv wall_rlenv < <(measure "${rlenv[@]}" validate "$env_dir" --json)
read -r rss_python wall_python < <(measure python3 -c '
import json, sys
seen = {}
for split in ("train", "eval"):
    with open(sys.argv[1] + "/dataset/" + split + ".jsonl", "rb") as f:
        for line in f:
            seen.setdefault(json.loads(line)["input"], split)
' "$env_dir")
echo "$rows rows, $(du -sb "$env_dir/dataset" | awk '{printf "%.0f", $1 / 1e6}') MB of JSONL, $(nproc) cores; tool: ${rlenv[*]}"
printf '%-48s %10s %8s\n' command peak_MB wall_s
printf '%-48s %10s %8s\n' "rlenv validate (duplicates + leakage, exact)" "$rss_rlenv" "$wall_rlenv"
printf '%-48s %10s %8s\n' "python3 json.loads + dict of inputs (anchor)" "$rss_python" "$wall_python"
