# Shared by the benchmark scripts (sourced): the Release build of the tool, and the synthetic environment.
# Callers set: here (this folder), repo (the repository root).

# Packs rlenv and installs it as users do (`dotnet tool install` from the packed feed: the Native AOT build on
# linux-x64), then sets the array `rlenv` to run the installed command. RLENV=/path/to/rlenv skips both.
build_rlenv() {
  if [ -n "${RLENV:-}" ]; then
    rlenv=("$RLENV")
    return
  fi
  local tool=${BENCH_DIR:-$repo/.bench}/tool
  rm -rf "$tool" && mkdir -p "$tool"
  dotnet pack "$repo/src/RlEnv.Cli" -c Release -o "$tool/feed" -v q -nologo -p:NuGetAudit=false >/dev/null
  # A fresh package folder: a re-pack of the same version would otherwise install the cached one.
  NUGET_PACKAGES="$tool/packages" dotnet tool install rlenv --tool-path "$tool/bin" --add-source "$tool/feed" --prerelease >/dev/null
  rlenv=("$tool/bin/rlenv")
}

# Generates the ~$2 MiB synthetic JSONL environment in $1 unless that size is already there.
ensure_synthetic_env() {
  if [ ! -f "$1/.size-$2-v2" ]; then
    rm -rf "$1" && mkdir -p "$1"
    python3 "$here/make-synthetic-env.py" "$1" "$2"
    touch "$1/.size-$2-v2"
  fi
}
