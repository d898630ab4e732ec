#pragma once
// Fuzz entry points. Each takes arbitrary bytes and returns 0; a bug is an exception, a sanitizer
// report or a crash. libfuzzer_main.cpp wraps one of them for libFuzzer (REPLYC_FUZZ builds), and
// the hostile tests replay every file of tests/fuzz/regressions/<name>/ through the same function
// in the normal build.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace replyc::fuzz {

// Bytes -> a full Compilation (parse, imports, every check) of in-memory files, then every
// diagnostic rendered as human text (both languages, colour on and off) and as the JSON report.
// The input may hold several files separated by lines "----8<----" (f0.reply imports the rest).
int parse_check(const std::uint8_t* data, std::size_t size);

// Loads what parse_check keeps for the whole process (the built-in policy packs); libFuzzer calls
// it before the first input, so its per-input timeout measures inputs, not start-up.
void prepare_parse_check();

// Bytes -> LineIndex, utf8 and display_column, checking their invariants.
int positions(const std::uint8_t* data, std::size_t size);

// Text through the policy engine's normaliser and matcher in a chosen locale, or arbitrary
// project overrides through its loader (see fuzz_policy.cpp for the input layout).
int policy(const std::uint8_t* data, std::size_t size);
// Loads the built-in engine, every locale's automaton and the light packs (see
// prepare_parse_check).
void prepare_policy();

// Bytes -> the bundle reader; an accepted bundle round-trips, renders and exports.
int bundle(const std::uint8_t* data, std::size_t size);

// Bytes -> a whole language server session (framing, JSON-RPC, lifecycle, dispatch).
int lsp(const std::uint8_t* data, std::size_t size);

// Bytes -> a sequence of didOpen/didChange/didClose against the document store and a model.
int lsp_documents(const std::uint8_t* data, std::size_t size);

// An invariant that does not hold: thrown, so libFuzzer aborts and Catch2 reports it.
struct InvariantFailure : std::logic_error {
  using std::logic_error::logic_error;
};

[[noreturn]] void fail(const char* file, int line, const char* condition);

}  // namespace replyc::fuzz

#define REPLYC_FUZZ_CHECK(condition)                        \
  do {                                                      \
    if (!(condition))                                       \
      ::replyc::fuzz::fail(__FILE__, __LINE__, #condition); \
  } while (false)
