#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ (clang, ASan + UBSan) in build-fuzz/ and runs each
# for a bounded time from a seed corpus of the examples and tests. Fails on any crash, leak,
# timeout or out-of-memory; each failing input is minimised into tests/fuzz/regressions/<target>/,
# which hostile_tests replays in every normal build (commit it with the fix).
#   scripts/fuzz.sh [seconds per target, default 60] [target ...]   e.g. scripts/fuzz.sh 30 fuzz_positions
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${1:-60}
[ $# -gt 0 ] && shift
build_dir=build-fuzz

# clang and its sanitizer and libFuzzer runtimes (Debian 12: clang 14).
packages=(clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "fuzz.sh: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

start=$(date +%s)
# -O1 -g without NDEBUG: fast enough to fuzz, assertions kept, readable stack traces.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DREPLYC_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target fuzz_targets
echo "fuzz.sh: build took $(($(date +%s) - start)) s"

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cd "$build_dir/tests/fuzz" && ls fuzz_* | grep -v '\.' | sort)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/replyc-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Seeds: what each target reads, taken from the repository (never committed as a corpus).
seed() {
  local target=$1 dir=$2
  case "$target" in
    fuzz_parse_check | fuzz_positions)
      find examples stdlib tests/golden/cases tests/lsp -name '*.reply' -type f \
        -exec cp --backup=numbered -t "$dir" {} + 2>/dev/null || true
      ;;
    fuzz_policy)
      find tests/policy/corpus examples -type f \( -name '*.jsonl' -o -name '*.reply' \) \
        -exec cp --backup=numbered -t "$dir" {} + 2>/dev/null || true
      ;;
    fuzz_bundle)
      find tests -name '*.bundle.json' -type f -exec cp --backup=numbered -t "$dir" {} + \
        2>/dev/null || true
      # Bundles of the bundle tests' fixtures and of the examples, when a replyc is built.
      local replyc=build/replyc folder
      if [ -x "$replyc" ]; then
        for folder in tests/bundle/fixtures/good examples/*/; do
          "$replyc" build -q --today 2026-11-27 "$folder" \
            -o "$dir/$(basename "$folder").bundle.json" >/dev/null 2>&1 || true
        done
      fi
      ;;
    fuzz_lsp)
      find tests/lsp/sessions -type f -exec cp --backup=numbered -t "$dir" {} + 2>/dev/null || true
      ;;
  esac
}

failed=()
for target in "${targets[@]}"; do
  binary="$build_dir/tests/fuzz/$target"
  [ -x "$binary" ] || { echo "fuzz.sh: no such target: $target" >&2; exit 2; }
  corpus="$work/$target/corpus"
  seeds="$work/$target/seeds"
  artifacts="$work/$target/artifacts"
  regressions="tests/fuzz/regressions/$target"
  mkdir -p "$corpus" "$seeds" "$artifacts" "$regressions"
  seed "$target" "$seeds"
  options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048
           -artifact_prefix="$artifacts/" -print_final_stats=1)
  [ -f "tests/fuzz/$target.dict" ] && options+=(-dict="tests/fuzz/$target.dict")
  case "$target" in fuzz_parse_check | fuzz_positions) options+=(-dict=tests/fuzz/reply.dict) ;; esac

  echo "== $target: ${seconds} s from $(ls "$seeds" | wc -l) seeds"
  log="$work/$target/log"
  status=0
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$binary" "${options[@]}" "$corpus" "$seeds" "$regressions" >"$log" 2>&1 || status=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    grep -E -A30 '^(==[0-9]+==ERROR|.*runtime error|ALARM|.*invariant failed)' "$log" | head -60 || tail -40 "$log"
    for artifact in "$artifacts"/*; do
      [ -f "$artifact" ] || continue
      name=$(basename "$artifact")
      kind=${name%%-*}  # crash, leak, timeout, oom, slow-unit
      minimised="$regressions/$kind-$(sha1sum "$artifact" | cut -c1-16)"
      # Minimising keeps the same kind of failure; fall back to the input as found.
      ASAN_OPTIONS=detect_leaks=1 "$binary" -minimize_crash=1 -max_total_time=60 -timeout=10 \
        -rss_limit_mb=2048 -exact_artifact_path="$minimised" "$artifact" >/dev/null 2>&1 || true
      [ -s "$minimised" ] || cp "$artifact" "$minimised"
      echo "fuzz.sh: $target failed ($kind); input saved as $minimised"
    done
  fi
done

echo "fuzz.sh: total $(($(date +%s) - start)) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: FAILED: ${failed[*]} (replay with: $build_dir/tests/fuzz/<target> <file>)" >&2
  exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets ran ${seconds} s each without a finding"
