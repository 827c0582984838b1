#!/usr/bin/env bash
# Start-up benchmark (issue 15): the installed tool's `rlenv validate` of the 7-row example (tests/examples/math),
# against trivial anchors in the same run, median of N runs each. The example has two .py files, so validate
# also checks their syntax with CPython (README, "Python syntax"); it is measured three ways:
#   default         the interpreter found on PATH (here a pyenv shim: RlEnv follows it to the interpreter pyenv
#                   would run, without starting the shim's shell, when pyenv's answer is certain);
#   RLENV_PYTHON=…  the interpreter named by its real path (no shim);
#   RLENV_PYTHON=   no interpreter: no syntax check (an info line says so).
# Usage: tests/benchmarks/startup-bench.sh [RUNS]     RLENV=/path/to/rlenv to time another build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/common.sh"
runs=${1:-10}
example=$repo/tests/examples/math
build_rlenv
python_real=$(python3 -I -S -c 'import sys; print(sys.executable)')

median() { # median wall seconds over $runs runs of "$@" (env assignments allowed through `env`)
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; e=$(date +%s.%N)
    times+=("$(awk "BEGIN{print $e - $s}")")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}

"${rlenv[@]}" validate "$example" --json >/dev/null # warm the page cache
t_true=$(median /bin/true)
t_python=$(median python3 -c pass)
t_python_real=$(median "$python_real" -c pass)
t_default=$(median "${rlenv[@]}" validate "$example" --json)
t_real=$(median env RLENV_PYTHON="$python_real" "${rlenv[@]}" validate "$example" --json)
t_none=$(median env RLENV_PYTHON= "${rlenv[@]}" validate "$example" --json)
echo "tool: ${rlenv[*]} ($(file -b "$(readlink -f "${rlenv[0]}")" | cut -d, -f1)); $(nproc) cores; median of $runs; load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-52s %8s\n' command wall_s
printf '%-52s %8.3f\n' "/bin/true (anchor)" "$t_true"
printf '%-52s %8.3f\n' "python3 -c pass (anchor, found on PATH)" "$t_python"
printf '%-52s %8.3f\n' "$python_real -c pass (anchor)" "$t_python_real"
printf '%-52s %8.3f\n' "rlenv validate example (python3 on PATH)" "$t_default"
printf '%-52s %8.3f\n' "rlenv validate example (RLENV_PYTHON=$python_real)" "$t_real"
printf '%-52s %8.3f\n' "rlenv validate example (RLENV_PYTHON= : no syntax check)" "$t_none"
