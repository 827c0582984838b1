#!/usr/bin/env bash
# Benchmark for issue 3: `rlenv validate` against python3 running json.loads per line, on the same
# ~180 MiB synthetic environment, in the same run, best of N.
# Usage: tests/benchmarks/validate-bench.sh [SIZE_MIB] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/common.sh"
size=${1:-180}
runs=${2:-5}
work=${BENCH_DIR:-$repo/.bench}
env_dir=$work/env
ensure_synthetic_env "$env_dir" "$size"
build_rlenv

best() { # best wall seconds over $runs runs
  local b=999999 t
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; e=$(date +%s.%N)
    t=$(awk "BEGIN{print $e - $s}")
    if awk "BEGIN{exit !($t < $b)}"; then b=$t; fi
  done
  echo "$b"
}

# Both read the same files; rlenv validate checks everything (records, duplicates, configs, tokens, CPython syntax),
# python only parses. The tiny example gives rlenv's fixed cost (start-up).
cat "$env_dir"/dataset/*.jsonl >/dev/null
# The anchor runs the interpreter by its real path: through a pyenv shim on PATH every start pays a shell and
# `pyenv exec` (about 0.3 s here), which would flatter every ratio. rlenv gets the same interpreter (RLENV_PYTHON).
python_real=$(python3 -I -S -c 'import sys; print(sys.executable)')
t_python=$(best "$python_real" "$here/python-json-loads.py" "$env_dir")
t_real=$(best env RLENV_PYTHON="$python_real" "${rlenv[@]}" validate "$env_dir" --json)
t_real_fixed=$(best env RLENV_PYTHON="$python_real" "${rlenv[@]}" validate "$repo/tests/examples/math" --json)
t_none=$(best env RLENV_PYTHON= "${rlenv[@]}" validate "$env_dir" --json)
t_path=$(best "${rlenv[@]}" validate "$env_dir" --json)
echo "environment: $env_dir ($(du -sm "$env_dir/dataset" | cut -f1) MiB of JSONL), $(nproc) cores, best of $runs"
echo "python: $python_real ($("$python_real" -c 'import sys; print(sys.version.split()[0])'))"
printf '%-48s %8s %8s\n' tool wall_s ratio
printf '%-48s %8.2f %8.2f\n' "rlenv validate, RLENV_PYTHON=<python>" "$t_real" "$(awk "BEGIN{print $t_real/$t_python}")"
printf '%-48s %8.2f %8.2f\n' "python json.loads per line (anchor)" "$t_python" 1
printf '%-48s %8.2f %8.2f\n' "rlenv validate, 7-row example" "$t_real_fixed" "$(awk "BEGIN{print $t_real_fixed/$t_python}")"
printf '%-48s %8.2f %8.2f\n' "rlenv validate, no CPython check (RLENV_PYTHON=)" "$t_none" "$(awk "BEGIN{print $t_none/$t_python}")"
printf '%-48s %8.2f %8.2f\n' "rlenv validate, python3 found on PATH" "$t_path" "$(awk "BEGIN{print $t_path/$t_python}")"
