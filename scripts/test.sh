#!/usr/bin/env bash
# Sets up, builds, and runs every test: C++ unit, golden and protocol tests through ctest, the
# Node tests of the VS Code extension and of the bundle format, and the formatting check.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --build-dir build --build-type RelWithDebInfo

echo "== clang-format"
scripts/check-format.sh

echo "== VS Code extension: packaging, grammar, and an end-to-end session with a real LSP client"
REPLYC_BIN="$PWD/build/replyc" REPLYC_VSCODE_SKIP_INSTALL=1 node --test lsp/vscode/test/

echo "== ctest"
ctest --test-dir build --output-on-failure --no-tests=error -j2

# Reliability (docs/limits.md, SECURITY.md): the whole suite again under ASan + UBSan, then each
# libFuzzer target for a bounded time. REPLYC_FUZZ_SECONDS=0 skips the fuzzing.
echo "== sanitizers: ctest under ASan + UBSan (build-asan/)"
scripts/sanitize.sh

fuzz_seconds=${REPLYC_FUZZ_SECONDS:-60}
if [ "$fuzz_seconds" -gt 0 ]; then
  echo "== fuzzing: ${fuzz_seconds} s per target (build-fuzz/)"
  scripts/fuzz.sh "$fuzz_seconds"
fi
