#!/usr/bin/env bash
# Benchmark for issue 2: `rlenv pack` against `tar | pigz -6` and `tar -czf` on a ~180 MiB synthetic
# JSONL environment, in the same run. Prints wall times, ratios, sizes and peak RSS.
# Usage: tests/benchmarks/pack-bench.sh [SIZE_MIB] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/common.sh"
size=${1:-180}
runs=${2:-3}
work=${BENCH_DIR:-$repo/.bench}
command -v pigz >/dev/null || { apt-get update -qq && apt-get install -y -qq pigz; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }

env_dir=$work/env
ensure_synthetic_env "$env_dir" "$size"
build_rlenv
out=$work/out && rm -rf "$out" && mkdir -p "$out"
bytes=$(du -sb "$env_dir/dataset" | cut -f1)
echo "environment: $env_dir ($((bytes / 1048576)) MiB of JSONL), $(nproc) cores, $runs runs each, best time kept"

best() { # prints "best-wall-seconds peak-rss-kib-of-that-run" over $runs runs of "$@"
  local b=999999 rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    read -r t m <"$work/time.txt"
    if awk "BEGIN{exit !($t < $b)}"; then b=$t; rss=$m; fi
  done
  echo "$b $rss"
}

# Freesolo packs only environment.py, helpers and dataset/: give tar the same set.
read -r t_rlenv rss_rlenv < <(best "${rlenv[@]}" pack "$env_dir" -o "$out" --max-compressed-bytes 1000000000 --max-uncompressed-bytes 1000000000)
read -r t_pigz _ < <(best bash -c "tar -C '$env_dir' -cf - environment.py helpers.py dataset | pigz -6 > '$out/pigz.tar.gz'")
read -r t_gzip _ < <(best bash -c "tar -C '$env_dir' -czf '$out/gzip.tar.gz' environment.py helpers.py dataset")
# The floor: CPU-seconds .NET's zlib-ng takes for level-6 gzip of the same bytes in one stream, spread over every core.
cpu_zlib=$(dotnet run -c Release "$here/zlib-limit.cs" -- "$env_dir/environment.py" "$env_dir/helpers.py" "$env_dir/dataset" | tail -1)
t_limit=$(awk "BEGIN{print $cpu_zlib / $(nproc)}")
# rlenv pack with no CPython syntax check (RLENV_PYTHON=): the pass over the files alone.
read -r t_nopy _ < <(best env RLENV_PYTHON= "${rlenv[@]}" pack "$env_dir" -o "$out" --max-compressed-bytes 1000000000 --max-uncompressed-bytes 1000000000)
s_rlenv=$(stat -c %s "$out"/env-1.0.0.tar.gz)
s_pigz=$(stat -c %s "$out/pigz.tar.gz")
s_gzip=$(stat -c %s "$out/gzip.tar.gz")

printf '%-22s %8s %8s %14s %10s\n' tool wall_s ratio bytes size_ratio
printf '%-22s %8.2f %8.2f %14d %10.3f\n' "rlenv pack" "$t_rlenv" "$(awk "BEGIN{print $t_rlenv/$t_pigz}")" "$s_rlenv" "$(awk "BEGIN{print $s_rlenv/$s_pigz}")"
printf '%-22s %8.2f %8.2f\n' "  RLENV_PYTHON=" "$t_nopy" "$(awk "BEGIN{print $t_nopy/$t_pigz}")"
printf '%-22s %8.2f %8.2f\n' "zlib-ng -6 CPU/cores" "$t_limit" "$(awk "BEGIN{print $t_limit/$t_pigz}")"
printf '%-22s %8.2f %8.2f %14d %10.3f\n' "tar | pigz -6" "$t_pigz" 1 "$s_pigz" 1
printf '%-22s %8.2f %8.2f %14d %10.3f\n' "tar -czf" "$t_gzip" "$(awk "BEGIN{print $t_gzip/$t_pigz}")" "$s_gzip" "$(awk "BEGIN{print $s_gzip/$s_pigz}")"
echo "rlenv pack peak RSS: $((rss_rlenv / 1024)) MB"
