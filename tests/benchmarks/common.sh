# Shared by the benchmark scripts (sourced): the Release build of the tool, and the synthetic environment.
# Callers set: here (this folder), repo (the repository root).

# Builds rlenv in Release and sets the array `rlenv` to run it.
build_rlenv() {
  dotnet build "$repo/src/RlEnv.Cli" -c Release -v q -nologo >/dev/null
  rlenv=("dotnet" "$repo/src/RlEnv.Cli/bin/Release/net10.0/rlenv.dll")
}

# Generates the ~$2 MiB synthetic JSONL environment in $1 unless that size is already there.
ensure_synthetic_env() {
  if [ ! -f "$1/.size-$2" ]; then
    rm -rf "$1" && mkdir -p "$1"
    python3 "$here/make-synthetic-env.py" "$1" "$2"
    touch "$1/.size-$2"
  fi
}
