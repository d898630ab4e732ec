#!/usr/bin/env bash
# Retrains the policy engine's statistical model (locales/classifier/weights.txt) on the
# labelled corpus and the packs' examples; run it after a corpus or pack change (the policy
# tests fail until the model matches). Deterministic: the same data gives the same file.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=build-train
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$build_dir" --target policy_train
# The trainer reads the pack examples embedded when it was built, so it is rebuilt first.
# The latest blind sets measure the model, so they never train it (tests/policy/test_classifier.cpp
# and test_corpus.cpp name the same folders).
blind=tests/policy/corpus/holdout
"$build_dir/bench/policy/policy_train" --out locales/classifier/weights.txt \
  --exclude "$blind/batch42" --exclude "$blind/clean42" --exclude "$blind/batchnsp25" "$@"
