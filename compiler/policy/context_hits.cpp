// Questions the detectors ask about the phrase hits of the context lexicon entries
// (PHONE_CONTEXT, TRACKING_CONTEXT, DIGIT_WORD, ...) and about the reply's stop words.
#include <algorithm>

#include "compiler/policy/scan.hpp"

namespace replyc::policy {

// Hits of a named set anywhere in the text, as (begin, end), sorted.
std::vector<std::pair<std::uint32_t, std::uint32_t>> named_hits(const ScanState& s,
                                                                const char* name) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  const std::uint32_t set = s.locale->named(name);
  if (set == UINT32_MAX) {
    return out;
  }
  for (const SetHit& h : s.set_hits) {
    if (h.set == set) {
      out.emplace_back(h.begin, h.end);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The hit of `name` in the sentence of `pos` that ends last at or before `pos`, if any; used to
// find which context word is nearest before a number.
std::optional<SetHit> last_context_before(const ScanState& s, const char* name, std::uint32_t pos) {
  const std::uint32_t set = s.locale->named(name);
  if (set == UINT32_MAX) {
    return std::nullopt;
  }
  const auto [first, last] = s.hits(s.sentence_of(pos), set);
  std::optional<SetHit> best;
  for (const SetHit* h = first; h != last; ++h) {
    if (h->end <= pos && (!best || h->end > best->end)) {
      best = *h;
    }
  }
  return best;
}

// The index of the reply's language among the stop-word profiles (their count when it has none).
std::size_t own_language(const ScanState& s) {
  const auto& languages = s.impl->languages;
  return static_cast<std::size_t>(std::find(languages.begin(), languages.end(), s.locale->tag) -
                                  languages.begin());
}

// Whether `word` is a stop word of the reply's own language.
bool is_own_stopword(const ScanState& s, std::string_view word) {
  const std::size_t own = own_language(s);
  const auto it = s.impl->stopwords.find(word);
  return own < s.impl->languages.size() && it != s.impl->stopwords.end() &&
         (it->second & (1u << own)) != 0;
}

// Whether a hit of `name` stands right after `pos` in its sentence, as an apposition: no word
// between ("0228 4333112 (DHL)") or one after a comma, bracket or dash ("…, the DHL hotline").
bool context_right_after(const ScanState& s, const char* name, std::uint32_t pos) {
  const std::uint32_t set = s.locale->named(name);
  if (set == UINT32_MAX) {
    return false;
  }
  const auto [first, last] = s.hits(s.sentence_of(pos), set);
  return std::any_of(first, last, [&](const SetHit& h) {
    if (h.begin < pos) {
      return false;
    }
    const std::uint32_t words = s.words_between(pos, h.begin);
    const std::string_view gap = s.text().substr(pos, h.begin - pos);
    return words == 0 || (words == 1 && gap.find_first_of(",(-") != std::string_view::npos);
  });
}

bool sentence_has(const ScanState& s, const char* name, std::uint32_t pos) {
  const std::uint32_t set = s.locale->named(name);
  if (set == UINT32_MAX) {
    return false;
  }
  const auto [first, last] = s.hits(s.sentence_of(pos), set);
  return first != last;
}

std::optional<Severity> carrier_number_severity(const ScanState& s, std::uint32_t begin,
                                                std::uint32_t end) {
  if (last_context_before(s, "NUMBER_OK_CONTEXT", begin) ||
      context_right_after(s, "NUMBER_OK_CONTEXT", end)) {
    return Severity::Warning;
  }
  return std::nullopt;
}

}  // namespace replyc::policy
