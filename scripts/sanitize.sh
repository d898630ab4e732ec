#!/usr/bin/env bash
# Builds replyc and its tests with AddressSanitizer and UndefinedBehaviorSanitizer (Debug, in
# build-asan/) and runs the whole ctest suite under them. Any report aborts the test that made it.
#   scripts/sanitize.sh [-- extra cmake args]
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build-asan
extra=()
if [ "${1:-}" = "--" ]; then
  shift
  extra=("$@")
fi

start=$(date +%s)
scripts/setup.sh --build-dir "$build_dir" --build-type Debug -- -DREPLYC_SANITIZE=ON "${extra[@]}"
built=$(date +%s)
echo "sanitize.sh: build took $((built - start)) s"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
echo "== ctest (ASan + UBSan)"
ctest --test-dir "$build_dir" --output-on-failure --no-tests=error -j2
echo "sanitize.sh: tests took $(($(date +%s) - built)) s"
