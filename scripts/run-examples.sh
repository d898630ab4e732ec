#!/usr/bin/env bash
# Sets up, builds, and runs replyc on the bundled example template repository.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-tests --build-dir build-release --build-type Release
echo "== replyc check examples/"
build-release/replyc check examples/
