// Phrase patterns that never fire. A pack's self-test checks that each flag example fires its
// rule, not that each pattern ever fires: a pattern written in a syntax the pattern language
// reads literally (`\"?stop`, `bon d.achat`) is dead while other patterns of its rule keep the
// examples passing. This runs every phrase pattern over the labelled corpus and every pack
// example and lists the patterns that fired on none of them, for a pack author to read: a rare
// phrasing the corpus does not hold is not dead, so the list is a reading aid, not a test.
#pragma once

#include <cstdio>
#include <vector>

#include "bench/policy/corpus.hpp"
#include "compiler/policy/engine.hpp"

namespace replyc::policy {

// Prints, per pack file, the patterns that fired on no text and a count line; returns how many
// patterns never fired.
int print_pattern_coverage(const Engine& engine, const std::vector<corpus::Entry>& entries,
                           std::FILE* out);

}  // namespace replyc::policy
