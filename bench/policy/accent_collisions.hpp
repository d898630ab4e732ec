// Pattern words that fold onto another spelling in the same pack. The matcher folds accents, so
// a plain "ware" (goods) in a guard also matches "wäre" (would be), and a plain "schon" matches
// "schön"; only "=ware" keeps the accents. This lists, per pack, every folded form that the
// pack's patterns, guards and lexicon spell in two or more ways while some use is plain, so a
// pack author can decide which uses should be accent-exact.
#pragma once

#include <cstdio>
#include <vector>

#include "compiler/policy/engine.hpp"

namespace replyc::policy {

// Prints one line per collision ("de: ware (plain 2) ~ wäre (plain 40)"); returns their count.
int print_accent_collisions(const std::vector<PackSource>& packs, std::FILE* out);

}  // namespace replyc::policy
