#pragma once
// Expands a locale of a template into the texts a buyer could read: snippets inlined, every branch
// of every choice taken at least once, params filled with their type's sample value. Each variant
// remembers which source bytes each piece of its text came from, so that a check on the text (the
// policy engine) can point back at exactly what the author wrote.
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/range.hpp"
#include "compiler/sema/project.hpp"

namespace replyc::checks {

struct Segment {
  std::uint32_t begin = 0, end = 0;  // in Variant::text
  Location source;                   // where it was written
  bool exact = false;                // text is the source bytes verbatim (offsets map one to one)
  bool sample = false;               // a param's sample value, not text the author wrote
};

struct Variant {
  std::string text;
  std::vector<Segment> segments;  // in text order, non-overlapping
};

// Maps a range of variant text back to source. nullopt when it lies entirely inside sample values
// or separators (nothing the author wrote). Ranges spanning files map to their first piece.
std::optional<Location> map_to_source(const Variant& variant, std::uint32_t begin,
                                      std::uint32_t end);

struct ExpandOptions {
  std::size_t max_variants = 32;  // beyond this, later branches share variants (still all covered)
  std::size_t max_snippet_depth = 8;
  // Snippets that use others several times would expand exponentially (a uses b twice, b uses c
  // twice...): past either budget, a variant inlines no further snippets.
  std::size_t max_snippet_expansions = 1024;  // per variant
  std::size_t max_text_bytes = 256u << 10;    // per variant
};

// One variant per index i: every choice takes branch (i mod its branch count), so with as many
// variants as the widest choice has branches, every branch appears in at least one variant.
// Sections are joined in written order with a blank line, as the full message is sent.
std::vector<Variant> expand_locale(const sema::Project& project, const sema::Module& module,
                                   const ast::Block& block, const ast::LocaleBlock& locale,
                                   const ExpandOptions& options = {});

}  // namespace replyc::checks
