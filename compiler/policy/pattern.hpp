#pragma once
// The pattern language of the rule packs (see docs/policy.md for the user-facing description).
//
//   source   := text with "{A | B | ...}" choices    expanded into one pattern per combination
//   pattern  := operand ( "&" operand )*               all operands in the same sentence
//   operand  := ["!"] chain                            "!" = this chain must NOT be in the sentence
//   chain    := phrase ( link phrase )*
//   link     := "..."                                  the next phrase later in the sentence
//             | "..N"                                  the next phrase after at most N words
//   phrase   := words with: (a|b|c) alternatives, [x] optional part, @NAME lexicon entry,
//               a leading/trailing * (the word may continue: "*bewertung", "review*"),
//               a backslash before ( ) [ ] | @ * or itself for the literal character
//
// A phrase is expanded into literal atoms; every atom is found by one Aho-Corasick automaton.
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace replyc::policy {

inline constexpr std::uint32_t kAnyGap = std::numeric_limits<std::uint32_t>::max();

struct Expansion {
  std::string text;  // raw (not yet normalised) text
  bool wild_left = false;
  bool wild_right = false;
};

struct ParsedChain {
  std::vector<std::string> phrases;
  std::vector<std::uint32_t> gaps;  // gaps[i]: words allowed between phrases[i] and [i+1]
};

struct ParsedPattern {
  std::vector<ParsedChain> all;
  std::vector<ParsedChain> none;
};

// Expands the "{A | B}" choices of a pattern source into whole patterns, one per combination
// ("{@@IF_HAPPY | @@IF_WORKS} & @@ASK_REVIEW" -> two patterns). A choice may hold anything a
// pattern holds; "|" inside ( ) or [ ] belongs to the phrase. Nested or unbalanced braces, an
// empty alternative and more than kMaxChoices patterns are errors.
bool expand_choices(std::string_view source, std::vector<std::string>& out, std::string& error);

inline constexpr std::size_t kMaxChoices = 256;

// Splits a pattern into operands, chains and phrases. Returns false with `error` set.
bool parse_pattern(std::string_view pattern, ParsedPattern& out, std::string& error);

// Resolves @NAME to its expansions (nullptr with `error` set when unknown).
using RefResolver =
    std::function<const std::vector<Expansion>*(std::string_view name, std::string& error)>;

// Expands a phrase into its literal alternatives.
bool expand_phrase(std::string_view phrase, const RefResolver& resolve, std::vector<Expansion>& out,
                   std::string& error);

inline constexpr std::size_t kMaxExpansions = 20000;

}  // namespace replyc::policy
