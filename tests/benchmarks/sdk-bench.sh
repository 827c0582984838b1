#!/usr/bin/env bash
# Benchmark for issue 4: a no-change `dotnet pack` of an environment project against `dotnet pack`
# of an empty class library, in the same run (both already packed once, so both are incremental).
# Usage: tests/benchmarks/sdk-bench.sh [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES=$work/packages DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet pack "$repo/src/RlEnv.Sdk" -c Release -o "$work/feed" -v q -nologo >/dev/null
version=$(basename "$work"/feed/RlEnv.Sdk.*.nupkg .nupkg); version=${version#RlEnv.Sdk.}
cat >"$work/nuget.config" <<XML
<configuration><packageSources><add key="feed" value="$work/feed" /></packageSources></configuration>
XML
cp -r "$repo/tests/examples/math" "$work/math"
echo "<Project Sdk=\"RlEnv.Sdk/$version\" />" >"$work/math/math.rlenvproj"
(cd "$work" && dotnet new classlib -n lib -o lib >/dev/null)

dotnet pack "$work/math" >/dev/null
dotnet pack "$work/lib" >/dev/null

best() {
  local b=999999 t s e
  for _ in $(seq "$runs"); do
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; e=$(date +%s.%N)
    t=$(awk "BEGIN{print $e - $s}")
    if awk "BEGIN{exit !($t < $b)}"; then b=$t; fi
  done
  echo "$b"
}

t_env=$(best dotnet pack "$work/math")
t_lib=$(best dotnet pack "$work/lib")
echo "no-change dotnet pack, best of $runs, $(nproc) cores"
printf '%-36s %8s %8s\n' project wall_s ratio
printf '%-36s %8.2f %8.2f\n' "environment project (RlEnv.Sdk)" "$t_env" "$(awk "BEGIN{print $t_env/$t_lib}")"
printf '%-36s %8.2f %8.2f\n' "empty class library" "$t_lib" 1
