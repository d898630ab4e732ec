#pragma once
// Normalisation for policy matching, with a map back to the exact source bytes.
//
// Plain steps (never reported): NFKC + full case folding (ICU NFKC_Casefold), Latin accents
// folded (évaluation = evaluation), typographic apostrophes, quotes and dashes unified, runs of
// horizontal space collapsed to one space, CRLF and other line separators to "\n", star glyphs
// (★ ☆ ⭐ ...) to "★".
// Disguise steps (a match that needs one is `disguised`): zero-width and other invisible
// characters inside a word, Cyrillic/Greek homoglyphs (ICU uspoof skeletons) in Latin words,
// full-width Latin outside Chinese/Japanese/Korean text, spaced or dotted letters
// ("r e v i e w", "r.e.v.i.e.w") and leetspeak ("r3v1ew", "wh@tsapp"). The last two are only
// applied when the result is a term of the locale's lexicon, so "X5R3" or "a b c d" stay as they
// are.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/range.hpp"

namespace replyc::policy {

// Per-byte flags of the normalised text.
enum NormFlag : std::uint8_t {
  kDisguised = 1u << 0,  // produced by a disguise step
  kFullWidth = 1u << 1,  // full-width Latin letter or digit (a disguise outside CJK locales)
  kHomoglyph = 1u << 2,  // Cyrillic/Greek look-alike mapped to Latin
  kInvisible = 1u << 3,  // an invisible character was removed just before this letter
  kSpaced = 1u << 4,     // letter of a spaced/dotted-out word
  kLeet = 1u << 5,       // leetspeak digit or symbol mapped to a letter
};

// Something suspicious in the source even when no rule matched it.
struct DisguiseEvent {
  ByteRange source;
  std::uint8_t kind = 0;  // one NormFlag
};

struct NormText {
  std::string text;
  std::vector<std::uint32_t> src_begin;  // per normalised byte
  std::vector<std::uint32_t> src_end;    // per normalised byte
  std::vector<std::uint8_t> flags;       // per normalised byte
  std::vector<DisguiseEvent> events;

  ByteRange to_source(std::uint32_t begin, std::uint32_t end) const {
    if (begin >= end) {
      const std::uint32_t at =
          begin < src_begin.size() ? src_begin[begin] : (src_end.empty() ? 0 : src_end.back());
      return {at, at};
    }
    return {src_begin[begin], src_end[end - 1]};
  }
  std::uint8_t flags_in(std::uint32_t begin, std::uint32_t end) const {
    std::uint8_t f = 0;
    for (std::uint32_t i = begin; i < end && i < flags.size(); ++i) {
      f = static_cast<std::uint8_t>(f | flags[i]);
    }
    return f;
  }
};

struct NormOptions {
  bool cjk_locale = false;     // full-width Latin is ordinary in ja/zh/ko text
  bool latin_locale = true;    // an all-homoglyph word (Cyrillic that reads as Latin) is a disguise
  bool disguise_steps = true;  // false for pattern text: only the plain steps
};

// Answers whether `candidate` (normalised words) contains a lexicon term. With `whole`, the term
// must span the whole candidate (a wildcard side of a term may stop short of the edge).
using LexiconCheck = std::function<bool(std::string_view candidate, bool whole)>;

NormText normalize(std::string_view source, const NormOptions& options,
                   const LexiconCheck* lexicon);

// The plain steps only, for pattern text and lexicon entries.
std::string normalize_plain(std::string_view text);
// The same without trimming: a piece of a phrase, normalised once before the expansions of the
// phrase are concatenated (normalisation works character by character, so the pieces need not be
// normalised again after concatenation; only space runs at the joins are collapsed).
std::string normalize_fragment(std::string_view text);
// Collapses runs of spaces and trims: what is left to do for concatenated fragments.
std::string collapse_spaces(std::string_view text);

// An accent-exact word of a phrase ("=würde") travels through expansion as
// kExactOpen + fold_case_exact(word) + kExactClose; the loader turns it back into the folded
// word plus a check of the source letters (see AtomDef::exact).
inline constexpr std::string_view kExactOpen = "\xEE\x80\x80";   // U+E000, private use
inline constexpr std::string_view kExactClose = "\xEE\x80\x81";  // U+E001
// NFKC case folding without the accent folding, keeping only letters and digits: "Würde",
// "W ü r d e" and "WÜRDE" give "würde", "wurde" stays "wurde".
std::string fold_case_exact(std::string_view text);

// UTF-8: decodes the code point at `pos` and advances past it (by one byte if invalid, which
// returns -1); appends a code point.
std::int32_t decode_utf8(std::string_view text, std::size_t& pos);
void append_utf8(std::string& out, char32_t c);

// Character helpers on normalised text.
bool is_word_byte(unsigned char c);  // ASCII letter or digit, or any non-ASCII byte
// Decodes the code point at `pos` (or U+FFFD), advancing pos.
char32_t next_code_point(std::string_view text, std::size_t& pos);
char32_t prev_code_point(std::string_view text, std::size_t pos);  // the one ending at pos
bool is_cjk(char32_t c);       // Han, Hiragana, Katakana, Hangul and their marks
bool is_alnum_cp(char32_t c);  // letter or digit of any script
bool is_kana(char32_t c);
bool is_han(char32_t c);

}  // namespace replyc::policy
