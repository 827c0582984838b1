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

# Both read the same files; rlenv validate checks everything (records, duplicates, configs, tokens),
# python only parses. The tiny example gives rlenv's fixed cost (start-up and JIT).
cat "$env_dir"/dataset/*.jsonl >/dev/null
t_rlenv=$(best "${rlenv[@]}" validate "$env_dir" --json)
# The interpreter by its real path: a pyenv shim on PATH costs a shell start per run (see startup-bench.sh).
python_real=$(python3 -I -S -c 'import sys; print(sys.executable)')
t_real=$(best env RLENV_PYTHON="$python_real" "${rlenv[@]}" validate "$env_dir" --json)
t_real_fixed=$(best env RLENV_PYTHON="$python_real" "${rlenv[@]}" validate "$repo/tests/examples/math" --json)
t_python=$(best python3 "$here/python-json-loads.py" "$env_dir")
t_fixed=$(best "${rlenv[@]}" validate "$repo/tests/examples/math" --json)
echo "environment: $env_dir ($(du -sm "$env_dir/dataset" | cut -f1) MiB of JSONL), $(nproc) cores, best of $runs"
printf '%-34s %8s %8s\n' tool wall_s ratio
printf '%-34s %8.2f %8.2f\n' "rlenv validate" "$t_rlenv" "$(awk "BEGIN{print $t_rlenv/$t_python}")"
printf '%-34s %8.2f %8.2f\n' "python3 json.loads per line" "$t_python" 1
printf '%-34s %8.2f %8.2f\n' "rlenv validate (7-row example)" "$t_fixed" "$(awk "BEGIN{print $t_fixed/$t_python}")"
printf '%-34s %8.2f %8.2f\n' "rlenv validate, RLENV_PYTHON=real" "$t_real" "$(awk "BEGIN{print $t_real/$t_python}")"
printf '%-34s %8.2f %8.2f\n' "  same, 7-row example" "$t_real_fixed" "$(awk "BEGIN{print $t_real_fixed/$t_python}")"
