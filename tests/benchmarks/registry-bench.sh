#!/usr/bin/env bash
# Benchmark for issue 7: `rlenv publish` + `rlenv pull` of a 60 MiB artifact against `skopeo copy` of the
# same blob (which pulls it from one registry and pushes it to another), both on loopback, same run.
# Usage: tests/benchmarks/registry-bench.sh [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/common.sh"
runs=${1:-3}
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
for tool in docker-registry skopeo; do command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq docker-registry skopeo; }; done

start_registry() { # $1 port
  mkdir -p "$work/reg$1"
  printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' "$work/reg$1" "$1" >"$work/reg$1.yml"
  docker-registry serve "$work/reg$1.yml" >/dev/null 2>&1 & pids+=($!)
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/v2/" && return; sleep 0.1; done
  echo "registry on $1 did not start" >&2; exit 1
}
start_registry 5061

build_rlenv
mkdir -p "$work/env/dataset"
printf 'def load_environment(**params):\n    return None\n' >"$work/env/environment.py"
printf '{"input":"q","output":"a"}\n' >"$work/env/dataset/train.jsonl"
head -c $((60 * 1024 * 1024)) /dev/urandom >"$work/env/dataset/blob.bin"
"${rlenv[@]}" pack "$work/env" -o "$work/out" --name bench --version 1.0.0 --max-compressed-bytes 100000000 >/dev/null
artifact=$work/out/bench-1.0.0.tar.gz
echo "artifact: $(($(stat -c %s "$artifact") / 1048576)) MiB, $(nproc) cores, best of $runs"

# The source repository skopeo copies from (not timed).
"${rlenv[@]}" publish "$artifact" oci://127.0.0.1:5061/bench/source --plain-http >/dev/null

best_rlenv=999999; best_skopeo=999999; best_push=0; best_pull=0
for i in $(seq "$runs"); do
  # Fresh registries every run: a registry that already stores the blob lets a client skip the transfer.
  start_registry $((5070 + i)); start_registry $((5080 + i))
  s=$(date +%s.%N)
  "${rlenv[@]}" publish "$artifact" "oci://127.0.0.1:$((5070 + i))/bench/env" --plain-http >/dev/null
  m=$(date +%s.%N)
  "${rlenv[@]}" pull "oci://127.0.0.1:$((5070 + i))/bench/env:1.0.0" -o "$work/pulled$i" --plain-http >/dev/null
  e=$(date +%s.%N); t=$(awk "BEGIN{print $e - $s}")
  if awk "BEGIN{exit !($t < $best_rlenv)}"; then best_rlenv=$t; best_push=$(awk "BEGIN{print $m - $s}"); best_pull=$(awk "BEGIN{print $e - $m}"); fi
  s=$(date +%s.%N)
  HOME="$work/home$i" skopeo copy --quiet --src-tls-verify=false --dest-tls-verify=false docker://127.0.0.1:5061/bench/source:1.0.0 "docker://127.0.0.1:$((5080 + i))/bench/env:1.0.0" >/dev/null
  e=$(date +%s.%N); t=$(awk "BEGIN{print $e - $s}")
  if awk "BEGIN{exit !($t < $best_skopeo)}"; then best_skopeo=$t; fi
done
printf '%-34s %8s %8s\n' tool wall_s ratio
printf '%-34s %8.2f %8.2f\n' "rlenv publish + pull (verify, extract)" "$best_rlenv" "$(awk "BEGIN{print $best_rlenv/$best_skopeo}")"
printf '%-34s %8.2f %8.2f\n' "skopeo copy (pull + push)" "$best_skopeo" 1
echo "rlenv split: publish $(printf %.2f "$best_push") s, pull $(printf %.2f "$best_pull") s"
