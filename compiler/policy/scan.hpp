#pragma once
// Internal: the state of one scan(), shared by the phrase matcher and the detectors.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/policy/model.hpp"

namespace replyc::policy {

struct AtomHit {
  std::uint32_t atom;
  std::uint32_t begin;
  std::uint32_t end;
};

struct SetHit {
  std::uint32_t sentence;
  std::uint32_t set;
  std::uint32_t begin;
  std::uint32_t end;
  friend bool operator<(const SetHit& a, const SetHit& b) {
    if (a.sentence != b.sentence) {
      return a.sentence < b.sentence;
    }
    if (a.set != b.set) {
      return a.set < b.set;
    }
    if (a.begin != b.begin) {
      return a.begin < b.begin;
    }
    return a.end < b.end;
  }
  friend bool operator==(const SetHit&, const SetHit&) = default;
};

struct RawFinding {
  std::uint32_t rule = 0;
  ByteRange range;  // source bytes
  std::uint32_t sentence = 0;
  std::optional<Severity> severity;
  bool disguised = false;
  ByteRange disguise;  // the disguised words (source bytes), for the obfuscation finding
  const PatternDef* pattern = nullptr;
};

struct Word {
  std::uint32_t begin;
  std::uint32_t end;
  bool letters;  // letters (or kana/ideographs), not a number
};

// A run of sentences written in another language that has a pack ("A 5-star review would make
// our day!" inside a German reply): its phrases are also read with that language's patterns.
struct ForeignSpan {
  ByteRange source;
  std::string_view tag;
};

struct ScanState {
  std::string_view source;
  const ScanContext* context = nullptr;
  const Engine::Impl* impl = nullptr;
  const LocaleModel* locale = nullptr;

  NormText norm;
  bool cjk_locale = false;  // Chinese, Japanese, Korean: full-width forms are ordinary typing
  std::vector<std::uint8_t> boundary;      // per normalised position (size + 1)
  std::vector<std::uint32_t> word_starts;  // normalised positions
  std::vector<Word> words;
  std::vector<std::uint32_t> sentence_starts;  // normalised positions, first is 0
  std::vector<std::uint32_t> sentence_src;     // source positions of the same starts
  std::vector<AtomHit> atom_hits;
  std::vector<SetHit> set_hits;              // sorted
  std::vector<std::uint32_t> sentence_hits;  // sentence -> its first index in set_hits (+ end)
  std::vector<std::pair<std::uint32_t, std::uint32_t>> allowed;  // normalised intervals
  std::vector<RawFinding> raw;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> email_spans;    // normalised, for links
  std::vector<std::pair<std::uint32_t, std::uint32_t>> account_spans;  // normalised, for phones
  std::vector<ForeignSpan> foreign;                                    // from detect_language

  std::string_view text() const { return norm.text; }

  std::uint32_t sentence_of(std::uint32_t norm_pos) const {
    const auto it = std::upper_bound(sentence_starts.begin(), sentence_starts.end(), norm_pos);
    return static_cast<std::uint32_t>(it - sentence_starts.begin()) - 1;
  }
  std::uint32_t sentence_end(std::uint32_t sentence) const {
    return sentence + 1 < sentence_starts.size() ? sentence_starts[sentence + 1]
                                                 : static_cast<std::uint32_t>(norm.text.size());
  }
  std::uint32_t words_between(std::uint32_t from, std::uint32_t to) const {
    if (to <= from) {
      return 0;
    }
    const auto a = std::lower_bound(word_starts.begin(), word_starts.end(), from);
    const auto b = std::lower_bound(word_starts.begin(), word_starts.end(), to);
    return static_cast<std::uint32_t>(b - a);
  }
  // Hits of `set` inside `sentence`, sorted by position.
  std::pair<const SetHit*, const SetHit*> hits(std::uint32_t sentence, std::uint32_t set) const {
    if (std::size_t{sentence} + 1 >= sentence_hits.size()) {
      return {nullptr, nullptr};
    }
    const SetHit* first = set_hits.data() + sentence_hits[sentence];
    const SetHit* last = set_hits.data() + sentence_hits[sentence + 1];
    const SetHit* b = std::lower_bound(
        first, last, set, [](const SetHit& h, std::uint32_t id) { return h.set < id; });
    const SetHit* e = std::upper_bound(
        b, last, set, [](std::uint32_t id, const SetHit& h) { return id < h.set; });
    return {b, e};
  }
  bool is_allowed(std::uint32_t begin, std::uint32_t end) const {
    for (const auto& [b, e] : allowed) {
      if (begin >= b && end <= e) {
        return true;
      }
    }
    return false;
  }

  void add(std::uint32_t rule, std::uint32_t norm_begin, std::uint32_t norm_end,
           std::optional<Severity> severity = std::nullopt, bool disguised = false) {
    if (rule == UINT32_MAX || is_allowed(norm_begin, norm_end)) {
      return;
    }
    RawFinding f;
    f.rule = rule;
    f.range = norm.to_source(norm_begin, norm_end);
    f.sentence = sentence_of(norm_begin);
    f.severity = severity;
    f.disguised = disguised || (norm.flags_in(norm_begin, norm_end) & kDisguised) != 0;
    f.disguise = f.range;
    raw.push_back(f);
  }
  void add_source(std::uint32_t rule, ByteRange range, std::optional<Severity> severity) {
    if (rule == UINT32_MAX) {
      return;
    }
    RawFinding f;
    f.rule = rule;
    f.range = range;
    f.severity = severity;
    // Sentence by source position.
    const auto it = std::upper_bound(sentence_src.begin(), sentence_src.end(), range.begin);
    f.sentence = static_cast<std::uint32_t>(it - sentence_src.begin()) - 1;
    raw.push_back(f);
  }
};

// Context hits (context_hits.cpp).
// Hits of a context entry anywhere in the text, as (begin, end), sorted.
std::vector<std::pair<std::uint32_t, std::uint32_t>> named_hits(const ScanState& s,
                                                                const char* name);
// The hit of `name` in the sentence of `pos` that ends last at or before `pos`.
std::optional<SetHit> last_context_before(const ScanState& s, const char* name, std::uint32_t pos);
// Whether a hit of `name` stands right after `pos` in its sentence, as an apposition.
bool context_right_after(const ScanState& s, const char* name, std::uint32_t pos);
// Whether the sentence of `pos` has a hit of `name`.
bool sentence_has(const ScanState& s, const char* name, std::uint32_t pos);
// The index of the reply's language among the stop-word profiles (their count when it has none).
std::size_t own_language(const ScanState& s);
// A phone number's severity: a warning when it is a carrier's or manufacturer's, named before
// it in the sentence ("the DHL hotline 0228 …") or right after it as an apposition ("0228
// 4333112, the DHL hotline"); a carrier named further on leaves the seller's own number an
// error ("Lisa is on 07700 900123 if the courier can't find us"). nullopt: the rule's severity.
std::optional<Severity> carrier_number_severity(const ScanState& s, std::uint32_t begin,
                                                std::uint32_t end);
// Whether `word` is a stop word of the reply's own language.
bool is_own_stopword(const ScanState& s, std::string_view word);

// Detectors (detectors.cpp; bank accounts in bank_accounts.cpp).
void detect_bank_accounts(ScanState& s);  // before detect_phone
void detect_email(ScanState& s);
void detect_phone(ScanState& s);
void detect_spelled_phone(ScanState& s);  // phone numbers in number words (spelled_phone.cpp)
void detect_links(ScanState& s);
void detect_symbols(ScanState& s);  // emoji and decorative symbols
void detect_line_breaks(ScanState& s);
void detect_contact_invitation(ScanState& s);  // after detect_email, detect_phone, detect_links
void detect_markup(ScanState& s);              // HTML tags and entities, markdown images and links
void detect_whole_message(ScanState& s);       // length and order id
void detect_language(ScanState& s);

}  // namespace replyc::policy
