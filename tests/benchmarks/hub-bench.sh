#!/usr/bin/env bash
# Benchmark for issue 14: `rlenv publish ARTIFACT freesolo://PROJECT` of a 60 MiB artifact to the stand-in control
# plane (tests/standin/flash_hub_standin.py, on loopback) against `curl` posting the same JSON body (built as Flash's
# publish_env builds it) to the same stand-in, in the same run. rlenv's time includes its process start, the checks
# before upload (manifest, tar guard, token scan), GET /v1/me and the streamed base64 upload; both include the
# stand-in's own work (strict base64, tar extraction, token scan, commit check). Every timed publish is an identical
# republish (a warm-up publishes first), so the stand-in does the same work for both.
# Usage: tests/benchmarks/hub-bench.sh [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/common.sh"
runs=${1:-5}
work=$(mktemp -d)
standin_pid=
trap '[ -n "$standin_pid" ] && kill "$standin_pid" 2>/dev/null; rm -rf "$work"' EXIT
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl; }

key=bench-key
project=11111111-1111-4111-8111-111111111111
printf '{"keys": {"%s": {"org_slug": "bench", "org_id": "org-bench"}}, "projects": {"%s": {"org_id": "org-bench", "slug": "proj"}}}\n' "$key" "$project" >"$work/standin.json"
python3 "$repo/tests/standin/flash_hub_standin.py" serve --config "$work/standin.json" >"$work/standin.out" 2>"$work/standin.err" &
standin_pid=$!
for _ in $(seq 100); do [ -s "$work/standin.out" ] && break; sleep 0.1; done
port=$(awk '/^listening/ {print $2}' "$work/standin.out")
[ -n "$port" ] || { echo "the stand-in did not start: $(cat "$work/standin.err")" >&2; exit 1; }
url=http://127.0.0.1:$port

build_rlenv
mkdir -p "$work/env/dataset"
printf 'def load_environment(**params):\n    return None\n' >"$work/env/environment.py"
printf '{"input":"q","output":"a"}\n' >"$work/env/dataset/train.jsonl"
head -c $((60 * 1024 * 1024)) /dev/urandom >"$work/env/dataset/blob.bin"
"${rlenv[@]}" pack "$work/env" -o "$work/out" --name bench --version 1.0.0 >/dev/null
artifact=$work/out/bench-1.0.0.tar.gz
python3 - "$artifact" "$project" >"$work/body.json" <<'EOF'
import base64, json, sys
data = open(sys.argv[1], "rb").read()
sys.stdout.write(json.dumps({"name": "bench-1.0.0", "package_b64": base64.b64encode(data).decode(), "project_id": sys.argv[2]}))
EOF
echo "artifact: $(stat -c %s "$artifact") bytes ($(($(stat -c %s "$artifact") / 1048576)) MiB), body: $(stat -c %s "$work/body.json") bytes, $(nproc) cores, best of $runs"

export FLASH_API_URL=$url FREESOLO_API_KEY=$key FLASH_DATA_DIR=$work/flash
publish() { "${rlenv[@]}" publish "$artifact" "freesolo://$project" >/dev/null; }
post() {
  local status
  status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $key" -H "Content-Type: application/json" -H "Expect:" \
    --data-binary "@$work/body.json" "$url/v1/envs")
  [ "$status" = 200 ] || { echo "curl got HTTP $status" >&2; exit 1; }
}
publish # warm-up: the first publish commits; every timed one is an identical republish

best_rlenv=999999; best_curl=999999
for _ in $(seq "$runs"); do
  s=$(date +%s.%N); publish; e=$(date +%s.%N); t=$(awk "BEGIN{print $e - $s}")
  if awk "BEGIN{exit !($t < $best_rlenv)}"; then best_rlenv=$t; fi
  s=$(date +%s.%N); post; e=$(date +%s.%N); t=$(awk "BEGIN{print $e - $s}")
  if awk "BEGIN{exit !($t < $best_curl)}"; then best_curl=$t; fi
done

rss=n/a
if [ -x /usr/bin/time ]; then
  rss=$( { /usr/bin/time -f '%M' "${rlenv[@]}" publish "$artifact" "freesolo://$project" >/dev/null; } 2>&1 | tail -1 )
  rss="$((rss / 1024)) MB"
fi
# The client alone: the checks before upload, without the network (inspect reads and verifies the same bytes).
s=$(date +%s.%N); "${rlenv[@]}" inspect "$artifact" >/dev/null; e=$(date +%s.%N)
printf '%-44s %8s %8s\n' tool wall_s ratio
printf '%-44s %8.2f %8.2f\n' "rlenv publish freesolo:// (checks + upload)" "$best_rlenv" "$(awk "BEGIN{print $best_rlenv/$best_curl}")"
printf '%-44s %8.2f %8.2f\n' "curl POST of the same JSON body" "$best_curl" 1
printf 'rlenv inspect of the artifact alone: %.2f s; peak RSS of rlenv publish: %s\n' "$(awk "BEGIN{print $e - $s}")" "$rss"
