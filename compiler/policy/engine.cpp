// scan(): normalise, segment, match every phrase atom in one automaton pass, evaluate the
// patterns sentence by sentence, run the detectors, then apply the project's settings.
#include "compiler/policy/engine.hpp"

#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "compiler/policy/pattern.hpp"
#include "compiler/policy/scan.hpp"
#include "compiler/policy/sentence_breaks.hpp"

namespace replyc::policy {
namespace {

enum class Breaks { Words, Sentences, SentencesUnfiltered };

// Break iterators are costly to create and not thread-safe: one per thread and locale.
icu::BreakIterator* cached_iterator(Breaks kind, const std::string& tag) {
  thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> cache;
  const std::string key = std::to_string(static_cast<int>(kind)) + ":" + tag;
  auto it = cache.find(key);
  if (it == cache.end()) {
    UErrorCode status = U_ZERO_ERROR;
    const std::string name = tag.empty() ? std::string("en") : tag;
    std::unique_ptr<icu::BreakIterator> bi(
        kind == Breaks::Words
            ? icu::BreakIterator::createWordInstance(icu::Locale(name.c_str()), status)
            : icu::BreakIterator::createSentenceInstance(
                  icu::Locale((name + (kind == Breaks::Sentences ? "@ss=standard" : "")).c_str()),
                  status));
    if (U_FAILURE(status)) {
      bi.reset();
    }
    it = cache.emplace(key, std::move(bi)).first;
  }
  return it->second.get();
}

// The order of scan()'s findings: by position, then by rule.
bool by_position(const Finding& a, const Finding& b) {
  if (a.range.begin != b.range.begin) {
    return a.range.begin < b.range.begin;
  }
  if (a.range.end != b.range.end) {
    return a.range.end < b.range.end;
  }
  return a.rule < b.rule;
}

class Scanner {
 public:
  Scanner(const Engine::Impl& impl, std::string_view text, const ScanContext& context) {
    s_.source = text;
    s_.context = &context;
    s_.impl = &impl;
    s_.locale = &impl.locale_for(context.locale);
  }

  // Sentences in another pack's language, known after run().
  const std::vector<ForeignSpan>& foreign() const { return s_.foreign; }

  // The source bytes of the project's allow-listed terms, known after run().
  std::vector<ByteRange> allowed_source() const {
    std::vector<ByteRange> out;
    for (const auto& [begin, end] : s_.allowed) {
      out.push_back(s_.norm.to_source(begin, end));
    }
    return out;
  }

  // Phrase patterns only: for a sentence in another pack's language, whose text the detectors
  // of the whole reply have already read.
  std::vector<Finding> run_phrases() {
    normalise();
    segment_words();
    segment_sentences();
    match_atoms();
    evaluate_patterns();
    return finish();
  }

  // The patterns that fire, before finish() lets rules yield and merge.
  std::vector<const PatternDef*> run_firing_patterns() {
    normalise();
    segment_words();
    segment_sentences();
    match_atoms();
    evaluate_patterns();
    std::vector<const PatternDef*> out;
    for (const RawFinding& f : s_.raw) {
      if (f.pattern != nullptr) {
        out.push_back(f.pattern);
      }
    }
    return out;
  }

  std::vector<Finding> run() {
    normalise();
    segment_words();
    segment_sentences();
    match_atoms();
    evaluate_patterns();
    detect_email(s_);
    detect_bank_accounts(s_);
    detect_phone(s_);
    detect_spelled_phone(s_);
    detect_links(s_);
    detect_contact_invitation(s_);
    detect_symbols(s_);
    detect_line_breaks(s_);
    detect_markup(s_);
    detect_whole_message(s_);
    detect_language(s_);
    return finish();
  }

 private:
  void normalise() {
    const LocaleModel& loc = *s_.locale;
    const Automaton& automaton = loc.ready();
    const std::uint32_t allow = loc.named("ALLOW");
    const std::uint32_t emoticon = loc.named("EMOTICON");
    // A lexicon term for disguise repair: at least four bytes, a word, not an allow-list term.
    const LexiconCheck check = [&](std::string_view candidate, bool whole) {
      bool found = false;
      automaton.scan(candidate, [&](std::uint32_t id, std::uint32_t end) {
        if (found) {
          return;
        }
        const AtomDef& atom = loc.atoms[id];
        const auto size = static_cast<std::uint32_t>(atom.text.size());
        if (size < 4) {
          return;
        }
        for (std::uint32_t set : loc.atom_sets[id]) {
          if (set == allow || set == emoticon) {
            return;
          }
        }
        const std::uint32_t begin = end - size;
        if (whole) {
          found = (begin == 0 || atom.wild_left) && (end == candidate.size() || atom.wild_right);
          return;
        }
        const bool left_ok = !atom.check_left || begin == 0 ||
                             !is_word_byte(static_cast<unsigned char>(candidate[begin - 1]));
        const bool right_ok = !atom.check_right || end == candidate.size() ||
                              !is_word_byte(static_cast<unsigned char>(candidate[end]));
        found = left_ok && right_ok;
      });
      return found;
    };
    NormOptions options;
    // Full-width Latin is ordinary in Chinese, Japanese and Korean text, with or without a pack.
    const std::string_view tag = s_.context->locale;
    const std::string_view language = tag.substr(0, std::min(tag.find_first_of("-_"), tag.size()));
    options.cjk_locale = loc.cjk || language == "zh" || language == "ko" || language == "yue";
    options.latin_locale = loc.latin && !loc.tag.empty();
    s_.cjk_locale = options.cjk_locale;
    s_.norm = normalize(s_.source, options, &check);
  }

  void segment_words() {
    const std::string& text = s_.norm.text;
    const auto n = static_cast<std::uint32_t>(text.size());
    s_.boundary.assign(static_cast<std::size_t>(n) + 1, 0);
    s_.boundary[0] = 1;
    s_.boundary[n] = 1;
    icu::BreakIterator* bi = cached_iterator(Breaks::Words, s_.locale->tag);
    if (bi != nullptr && n > 0) {
      UErrorCode status = U_ZERO_ERROR;
      UText ut = UTEXT_INITIALIZER;
      utext_openUTF8(&ut, text.data(), static_cast<int64_t>(n), &status);
      bi->setText(&ut, status);
      std::int32_t prev = bi->first();
      for (std::int32_t pos = bi->next(); pos != icu::BreakIterator::DONE; pos = bi->next()) {
        const std::int32_t status_tag = bi->getRuleStatus();
        s_.boundary[static_cast<std::size_t>(pos)] = 1;
        if (status_tag >= UBRK_WORD_NUMBER) {
          const auto b = static_cast<std::uint32_t>(prev);
          const auto e = static_cast<std::uint32_t>(pos);
          s_.word_starts.push_back(b);
          s_.words.push_back({b, e, status_tag >= UBRK_WORD_LETTER});
        }
        prev = pos;
      }
      utext_close(&ut);
    }
    // Apostrophes separate words for matching: l'avis, dell'ordine, qu'un avis.
    for (std::uint32_t i = 0; i < n; ++i) {
      if (text[i] == '\'') {
        s_.boundary[i] = 1;
        s_.boundary[i + 1] = 1;
      }
    }
  }

  void segment_sentences() {
    s_.sentence_starts.assign(1, 0);
    s_.sentence_src.assign(1, 0);
    const std::string_view src = s_.source;
    icu::BreakIterator* bi = cached_iterator(Breaks::Sentences, s_.locale->tag);
    icu::BreakIterator* unfiltered = cached_iterator(Breaks::SentencesUnfiltered, s_.locale->tag);
    if (bi == nullptr || unfiltered == nullptr || src.empty()) {
      return;
    }
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, src.data(), static_cast<int64_t>(src.size()), &status);
    const auto boundaries = [&](icu::BreakIterator* iterator) {
      std::vector<std::uint32_t> out;
      iterator->setText(&ut, status);
      for (std::int32_t pos = iterator->next(); pos != icu::BreakIterator::DONE;
           pos = iterator->next()) {
        const auto at = static_cast<std::size_t>(pos);
        if (at < src.size() && !inside_brand_name(src, at) && !after_ordinal_date(src, at) &&
            !inside_quotation(src, at)) {
          out.push_back(static_cast<std::uint32_t>(pos));
        }
      }
      return out;
    };
    std::vector<std::uint32_t> bounds = boundaries(bi);
    // ICU's abbreviation filter also matches the end of a longer word ("Amazon." ends like the
    // Italian "On."): a break it dropped after a long word before a capital stays a break.
    for (std::uint32_t b : boundaries(unfiltered)) {
      if (after_long_word(src, b) && !std::binary_search(bounds.begin(), bounds.end(), b)) {
        bounds.insert(std::upper_bound(bounds.begin(), bounds.end(), b), b);
      }
    }
    utext_close(&ut);
    drop_symbol_only_sentences(src, bounds);
    // Map source boundaries to normalised positions (both are monotone).
    const auto& sb = s_.norm.src_begin;
    std::size_t k = 0;
    for (std::uint32_t b : bounds) {
      while (k < sb.size() && sb[k] < b) {
        ++k;
      }
      if (k >= sb.size()) {
        break;
      }
      const auto pos = static_cast<std::uint32_t>(k);
      // No break inside a spaced-out word: ICU ends a sentence at the full stop of "口.コ.ミ".
      const auto& flags = s_.norm.flags;
      if (pos > 0 && (flags[pos] & kSpaced) != 0 && (flags[pos - 1] & kSpaced) != 0) {
        continue;
      }
      if (pos > s_.sentence_starts.back()) {
        s_.sentence_starts.push_back(pos);
        s_.sentence_src.push_back(b);
      }
    }
  }

  // The accent-exact words of an atom found at `begin` have the same accents in the source
  // ("=würde" is not "wurde"). Look-alike or leetspeak letters have no accents to compare: the
  // disguise is reported anyway.
  bool keeps_accents(const AtomDef& atom, std::uint32_t begin) const {
    const NormText& norm = s_.norm;
    for (const ExactWord& word : atom.exact) {
      const std::uint32_t from = begin + word.offset;
      const std::uint32_t to = from + word.length;
      if ((norm.flags_in(from, to) & (kHomoglyph | kLeet)) != 0) {
        continue;
      }
      const ByteRange source = norm.to_source(from, to);
      if (fold_case_exact(s_.source.substr(source.begin, source.end - source.begin)) != word.form) {
        return false;
      }
    }
    return true;
  }

  // Japanese has no spaces, so a kana or ideograph term is matched anywhere; but a match that
  // begins inside a word of ICU's dictionary and has a break within it is made of the tail of
  // one word and the head of the next: "いい" in "お使い|いただいた".
  bool straddles_words(std::uint32_t begin, std::uint32_t end) const {
    if (s_.boundary[begin] != 0) {
      return false;
    }
    for (std::uint32_t k = begin + 1; k < end; ++k) {
      if (s_.boundary[k] != 0) {
        return true;
      }
    }
    return false;
  }

  void match_atoms() {
    const LocaleModel& loc = *s_.locale;
    const std::string_view text = s_.norm.text;
    const auto& boundary = s_.boundary;
    const std::uint32_t allow = loc.named("ALLOW");
    std::vector<AtomHit>& hits = s_.atom_hits;
    loc.ready().scan(text, [&](std::uint32_t id, std::uint32_t end) {
      const AtomDef& atom = loc.atoms[id];
      const std::uint32_t begin = end - static_cast<std::uint32_t>(atom.text.size());
      if ((atom.check_left && !boundary[begin]) || (atom.check_right && !boundary[end])) {
        return;
      }
      if (atom.short_kana && straddles_words(begin, end)) {
        return;
      }
      if (!atom.exact.empty() && !keeps_accents(atom, begin)) {
        return;
      }
      hits.push_back({id, begin, end});
    });
    if (allow != UINT32_MAX) {
      for (const AtomHit& h : hits) {
        const auto& sets = loc.atom_sets[h.atom];
        if (std::find(sets.begin(), sets.end(), allow) != sets.end()) {
          s_.allowed.emplace_back(h.begin, h.end);
        }
      }
    }
    for (const AtomHit& h : hits) {
      if (!s_.allowed.empty() && s_.is_allowed(h.begin, h.end)) {
        bool is_allow = false;
        for (std::uint32_t set : loc.atom_sets[h.atom]) {
          is_allow = is_allow || set == allow;
        }
        if (!is_allow) {
          continue;
        }
      }
      const std::uint32_t sentence = s_.sentence_of(h.begin);
      for (std::uint32_t set : loc.atom_sets[h.atom]) {
        s_.set_hits.push_back({sentence, set, h.begin, h.end});
      }
    }
    std::sort(s_.set_hits.begin(), s_.set_hits.end());
    s_.set_hits.erase(std::unique(s_.set_hits.begin(), s_.set_hits.end()), s_.set_hits.end());
    // Where each sentence's hits start, so a lookup searches one sentence, not the message.
    s_.sentence_hits.assign(s_.sentence_starts.size() + 1, 0);
    std::size_t k = 0;
    for (std::size_t sentence = 0; sentence <= s_.sentence_starts.size(); ++sentence) {
      while (k < s_.set_hits.size() && s_.set_hits[k].sentence < sentence) {
        ++k;
      }
      s_.sentence_hits[sentence] = static_cast<std::uint32_t>(k);
    }
  }

  // Finds hits for chain.sets[index..] in order, each after the previous one within its gap,
  // in the sentences lo..hi.
  bool match_chain(std::uint32_t lo, std::uint32_t hi, const Chain& chain, std::size_t index,
                   std::uint32_t prev_end, std::vector<const SetHit*>& used, int& budget) const {
    for (std::uint32_t sentence = lo; sentence <= hi; ++sentence) {
      const auto [first, last] = s_.hits(sentence, chain.sets[index]);
      for (const SetHit* h = first; h != last; ++h) {
        if (--budget < 0) {
          return false;
        }
        if (index > 0) {
          if (h->begin < prev_end) {
            continue;
          }
          const std::uint32_t gap = chain.gaps[index - 1];
          if (gap != kAnyGap && s_.words_between(prev_end, h->begin) > gap) {
            return false;  // later hits are further away
          }
        }
        used.push_back(h);
        if (index + 1 == chain.sets.size() ||
            match_chain(lo, hi, chain, index + 1, h->end, used, budget)) {
          return true;
        }
        used.pop_back();
      }
    }
    return false;
  }

  void evaluate_patterns() {
    const LocaleModel& loc = *s_.locale;
    const auto& hits = s_.set_hits;
    std::vector<const SetHit*> used;
    // The sentence each pattern was last evaluated in: a pattern anchored on several term sets
    // of one sentence is evaluated there once.
    std::vector<std::uint32_t> evaluated_in(hits.empty() ? 0 : loc.patterns.size(), UINT32_MAX);
    std::size_t i = 0;
    while (i < hits.size()) {
      const std::uint32_t sentence = hits[i].sentence;
      std::size_t j = i;
      while (j < hits.size() && hits[j].sentence == sentence) {
        const std::uint32_t set = hits[j].set;
        if (set < loc.anchored.size()) {
          for (std::uint32_t p : loc.anchored[set]) {
            if (evaluated_in[p] == sentence) {
              continue;
            }
            evaluated_in[p] = sentence;
            evaluate(loc.patterns[p], sentence, used);
          }
        }
        while (j < hits.size() && hits[j].sentence == sentence && hits[j].set == set) {
          ++j;
        }
      }
      i = j;
    }
  }

  void evaluate(const PatternDef& pattern, std::uint32_t sentence,
                std::vector<const SetHit*>& used) {
    used.clear();
    int budget = 4096;
    const auto last_sentence = static_cast<std::uint32_t>(s_.sentence_starts.size() - 1);
    std::uint32_t hi = sentence;
    for (std::uint32_t k = 1; k < pattern.sentences && hi < last_sentence; ++k) {
      ++hi;
      // A short interjection in between ("Great!", "Super.") is not the next sentence.
      if (hi < last_sentence &&
          s_.words_between(s_.sentence_starts[hi], s_.sentence_end(hi)) <= 2) {
        ++hi;
      }
    }
    // "Did it do the job? Then a review would help": the pattern is anchored on the request in
    // the second sentence, and its other operands may stand in the one before.
    std::uint32_t lo = sentence;
    if (pattern.spans_previous && lo > 0) {
      --lo;
      if (lo > 0 && s_.words_between(s_.sentence_starts[lo], s_.sentence_end(lo)) <= 2) {
        --lo;  // a short interjection in between
      }
    }
    for (const Chain& chain : pattern.all) {
      if (!match_chain(lo, hi, chain, 0, 0, used, budget)) {
        return;
      }
    }
    std::vector<const SetHit*> scratch;
    // "Thanks for asking how to cancel. You can cancel it yourself": a guard may sit in the
    // sentence before.
    const std::uint32_t negation_lo = pattern.negations_see_previous && lo > 0 ? lo - 1 : lo;
    for (const Chain& chain : pattern.none) {
      scratch.clear();
      if (match_chain(negation_lo, hi, chain, 0, 0, scratch, budget)) {
        return;
      }
    }
    std::uint32_t begin = UINT32_MAX;
    std::uint32_t end = 0;
    std::uint32_t disguise_begin = UINT32_MAX;
    std::uint32_t disguise_end = 0;
    for (const SetHit* h : used) {
      begin = std::min(begin, h->begin);
      end = std::max(end, h->end);
      // The disguised words inside the hit: from the first to the last disguised byte, widened
      // to whole words.
      const auto& flags = s_.norm.flags;
      const std::string& text = s_.norm.text;
      std::uint32_t db = h->begin;
      while (db < h->end && (flags[db] & kDisguised) == 0) {
        ++db;
      }
      if (db == h->end) {
        continue;
      }
      std::uint32_t de = h->end;
      while (de > db && (flags[de - 1] & kDisguised) == 0) {
        --de;
      }
      while (db > h->begin && is_word_byte(static_cast<unsigned char>(text[db - 1]))) {
        --db;
      }
      while (de < h->end && is_word_byte(static_cast<unsigned char>(text[de]))) {
        ++de;
      }
      disguise_begin = std::min(disguise_begin, db);
      disguise_end = std::max(disguise_end, de);
    }
    RawFinding f;
    f.rule = pattern.rule;
    f.range = s_.norm.to_source(begin, end);
    f.sentence = sentence;
    f.severity = pattern.severity;
    f.disguised = disguise_begin != UINT32_MAX;
    if (f.disguised) {
      f.disguise = s_.norm.to_source(disguise_begin, disguise_end);
    }
    f.pattern = &pattern;
    s_.raw.push_back(f);
  }

  // Sentences whose only contact detail is a carrier's or manufacturer's phone number (a phone
  // warning): "DPD customer services can be reached on 0121 …" sends the buyer to the carrier,
  // so a contact phrase there is not off-platform contact with the seller.
  std::vector<bool> carrier_only_sentences() const {
    const Engine::Impl& impl = *s_.impl;
    const std::uint32_t phone = impl.rule("contact-info-phone");
    const std::uint32_t email = impl.rule("contact-info-email");
    const std::uint32_t link = impl.rule("external-link");
    std::vector<int> state(s_.sentence_src.size() + 1, 0);  // 1 carrier number, 2 own channel
    for (const RawFinding& f : s_.raw) {
      if (f.sentence >= state.size()) {
        continue;
      }
      if (f.rule == phone && f.severity == Severity::Warning) {
        state[f.sentence] = std::max(state[f.sentence], 1);
      } else if (f.rule == phone || f.rule == email || f.rule == link) {
        state[f.sentence] = 2;
      }
    }
    std::vector<bool> out(state.size());
    for (std::size_t i = 0; i < state.size(); ++i) {
      out[i] = state[i] == 1;
    }
    return out;
  }

  // The spelled domain of a spelled address a pack found ("s punkt brandt at lichtwerk minus
  // shop punkt de") is the address, not also a link.
  bool is_domain_of_an_address(const RawFinding& f, std::uint32_t link, std::uint32_t email) const {
    return f.rule == link && f.disguised &&
           std::any_of(s_.raw.begin(), s_.raw.end(), [&](const RawFinding& g) {
             return g.rule == email && g.range.begin <= f.range.begin && f.range.end <= g.range.end;
           });
  }

  static std::size_t previous_code_point_start(std::string_view text, std::size_t pos) {
    do {
      --pos;
    } while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80);
    return pos;
  }

  // Whether the source bytes `range` stand inside quotation marks: an opening mark right before
  // them (an apostrophe only when no letter precedes it, so "l'avis" is no quotation) and a
  // closing mark after them within the same short stretch ('Write a product review',
  // «Escribir mi opinión», 'Napisz opinię o produkcie').
  static bool inside_quotation_marks(std::string_view text, ByteRange range) {
    static constexpr std::string_view kOpen[] = {"'",      "\"",     "\u201C", "\u201E", "\u00AB",
                                                 "\u2018", "\u300C", "\u300E", "\u2039"};
    static constexpr std::string_view kClose[] = {"'",      "\"",     "\u201D", "\u201C", "\u00BB",
                                                  "\u2019", "\u300D", "\u300F", "\u203A"};
    std::size_t b = range.begin;
    // The finding may start inside the quoted word („Produktrezension schreiben“) or after the
    // quotation's first words ('Een productbeoordeling schrijven').
    for (int words = 0; words < 3 && b > 0; ++words) {
      while (b > 0 && text[b - 1] == ' ') {
        --b;
      }
      while (b > 0 && is_alnum_cp(prev_code_point(text, b))) {
        b = previous_code_point_start(text, b);
      }
    }
    while (b > 0 && text[b - 1] == ' ') {
      --b;
    }
    bool opened = false;
    for (std::string_view mark : kOpen) {
      if (b >= mark.size() && text.substr(b - mark.size(), mark.size()) == mark) {
        const std::size_t before = b - mark.size();
        const bool elision = mark == "'" && before > 0 &&
                             (std::isalpha(static_cast<unsigned char>(text[before - 1])) != 0 ||
                              static_cast<unsigned char>(text[before - 1]) >= 0x80);
        opened = !elision;
        break;
      }
    }
    if (!opened) {
      return false;
    }
    const std::string_view after =
        text.substr(range.end, std::min<std::size_t>(60, text.size() - range.end));
    for (std::size_t i = 0; i < after.size(); ++i) {
      if (after[i] == '.' || after[i] == '!' || after[i] == '?' || after[i] == '\n') {
        return false;
      }
      for (std::string_view mark : kClose) {
        if (after.substr(i, mark.size()) == mark) {
          return true;
        }
      }
    }
    return false;
  }

  bool has_hit(std::uint32_t sentence, std::uint32_t set) const {
    const auto [first, last] = s_.hits(sentence, set);
    return first != last;
  }

  // Findings a rule brings with it ("implied_by" in the catalogue): an off-Amazon sale in a
  // sentence with a price cut ("10 % cheaper in our web shop") is also marketing, and so is
  // a marketing attachment (no context set). The new finding
  // covers the same bytes and takes its rule's own message and severity.
  void add_implied_findings() {
    const Engine::Impl& impl = *s_.impl;
    const std::size_t found = s_.raw.size();
    for (std::uint32_t r = 0; r < impl.rules.size(); ++r) {
      for (const RuleDef::Implication& implication : impl.rules[r].implied_by) {
        const bool always = implication.context.empty();
        const std::uint32_t set =
            always ? UINT32_MAX : s_.locale->named(implication.context.c_str());
        if (!always && set == UINT32_MAX) {
          continue;
        }
        for (std::size_t i = 0; i < found; ++i) {
          const RawFinding& f = s_.raw[i];
          if (f.rule != implication.rule) {
            continue;
          }
          if (always || has_hit(f.sentence, set)) {
            RawFinding implied;
            implied.rule = r;
            implied.range = f.range;
            implied.sentence = f.sentence;
            s_.raw.push_back(implied);
          }
        }
      }
    }
  }

  std::vector<Finding> finish() {
    add_implied_findings();
    const Engine::Impl& impl = *s_.impl;
    const ScanContext& ctx = *s_.context;
    const std::uint32_t contact = impl.rule("off-platform-contact");
    const std::vector<bool> carrier_only = carrier_only_sentences();
    const std::uint32_t link = impl.rule("external-link");
    const std::uint32_t email = impl.rule("contact-info-email");
    std::vector<RawFinding> kept;
    for (const RawFinding& f : s_.raw) {
      const RuleDef& rule = impl.rules[f.rule];
      if (!rule.enabled || is_domain_of_an_address(f, link, email)) {
        continue;
      }
      if (f.pattern != nullptr && !rule.quoted_in_context.empty() &&
          inside_quotation_marks(s_.source, f.range) &&
          !named_hits(s_, rule.quoted_in_context.c_str()).empty()) {
        continue;
      }
      if (f.rule == contact && f.pattern != nullptr && f.sentence < carrier_only.size() &&
          carrier_only[f.sentence]) {
        continue;
      }
      if ((rule.applies == Applies::Reply && ctx.kind != MessageKind::Reply) ||
          (rule.applies == Applies::Proactive && ctx.kind != MessageKind::Proactive)) {
        continue;
      }
      kept.push_back(f);
    }
    // A rule yields to a stronger rule that fired in the same sentence, or in the sentences a
    // two-sentence finding spans ("Satisfied? Then please review us" is gating, not also a
    // neutral request in its second sentence).
    const auto last_sentence_of = [&](const RawFinding& g) {
      const std::uint32_t last_byte = g.range.end > g.range.begin ? g.range.end - 1 : g.range.begin;
      const auto it = std::upper_bound(s_.sentence_src.begin(), s_.sentence_src.end(), last_byte);
      return std::max(g.sentence, static_cast<std::uint32_t>(it - s_.sentence_src.begin()) - 1);
    };
    std::vector<RawFinding> unsuppressed;
    for (const RawFinding& f : kept) {
      bool suppressed = false;
      for (std::uint32_t by : impl.rules[f.rule].suppressed_by) {
        for (const RawFinding& g : kept) {
          if (g.rule == by && ((f.sentence >= g.sentence && f.sentence <= last_sentence_of(g)) ||
                               (g.range.begin < f.range.end && f.range.begin < g.range.end))) {
            suppressed = true;
          }
        }
      }
      if (!suppressed) {
        unsuppressed.push_back(f);
      }
    }
    // One finding per rule and overlapping span: the first, with the highest severity.
    auto severity_of = [&](const RawFinding& f) {
      const RuleDef& rule = impl.rules[f.rule];
      if (rule.severity_overridden || !f.severity) {
        return rule.severity;
      }
      return *f.severity;
    };
    std::sort(unsuppressed.begin(), unsuppressed.end(),
              [](const RawFinding& a, const RawFinding& b) {
                if (a.rule != b.rule) {
                  return a.rule < b.rule;
                }
                if (a.range.begin != b.range.begin) {
                  return a.range.begin < b.range.begin;
                }
                return a.range.end > b.range.end;
              });
    std::vector<std::pair<RawFinding, Severity>> merged;
    for (const RawFinding& f : unsuppressed) {
      const Severity sev = severity_of(f);
      if (!merged.empty() && merged.back().first.rule == f.rule &&
          f.range.begin < merged.back().first.range.end) {
        auto& [prev, prev_sev] = merged.back();
        prev_sev = std::max(prev_sev, sev);
        if (f.disguised && !prev.disguised) {
          prev.disguised = true;
          prev.disguise = f.disguise;
        }
        continue;
      }
      merged.emplace_back(f, sev);
    }

    std::vector<Finding> out;
    const LocaleModel& loc = *s_.locale;
    auto make = [&](const RawFinding& f, Severity sev) {
      const RuleDef& rule = impl.rules[f.rule];
      Finding finding;
      finding.rule = rule.id;
      finding.severity = sev;
      finding.range = f.range;
      finding.disguised = f.disguised;
      const PatternDef* p = f.pattern;
      finding.message_en = p != nullptr && !p->message_en.empty() ? p->message_en : rule.message_en;
      finding.message_zh = p != nullptr && !p->message_zh.empty() ? p->message_zh : rule.message_zh;
      finding.rewrite = p != nullptr && !p->rewrite.empty() ? p->rewrite : loc.rewrites[f.rule];
      finding.origin = p != nullptr ? p->where : std::string();
      return finding;
    };
    for (const auto& [f, sev] : merged) {
      out.push_back(make(f, sev));
    }

    // Disguised text: an obfuscation finding beside every disguised match, and a warning for
    // disguise that matched nothing.
    const std::uint32_t obfuscation = impl.rule("obfuscation");
    if (obfuscation != UINT32_MAX && impl.rules[obfuscation].enabled) {
      const Severity full = impl.rules[obfuscation].severity;
      const Severity weak = std::min(full, Severity::Warning);
      std::vector<ByteRange> covered;
      for (const auto& [f, sev] : merged) {
        if (f.disguised && f.rule != obfuscation) {
          RawFinding o = f;
          o.rule = obfuscation;
          o.range = f.disguise;
          o.pattern = nullptr;
          o.disguised = true;
          bool duplicate = false;
          for (const ByteRange& r : covered) {
            duplicate = duplicate || r == o.range;
          }
          if (!duplicate) {
            out.push_back(make(o, full));
            covered.push_back(o.range);
          }
        }
      }
      std::vector<ByteRange> events;
      for (const DisguiseEvent& e : s_.norm.events) {
        // Disguise a finding already reports (fully or in part) is not reported twice.
        bool inside = false;
        for (const ByteRange& r : covered) {
          inside = inside || (e.source.begin < r.end && r.begin < e.source.end);
        }
        for (const ByteRange& r : events) {
          inside = inside || r == e.source;
        }
        if (!inside) {
          RawFinding o;
          o.rule = obfuscation;
          o.range = e.source;
          o.disguised = true;
          out.push_back(make(o, weak));
          events.push_back(e.source);
        }
      }
    }

    std::sort(out.begin(), out.end(), by_position);
    return out;
  }

  ScanState s_;
};

}  // namespace

namespace {

// A sentence in another pack's language is also read with that pack's phrase patterns: an
// English "A 5-star review would make our day!" pasted into a German reply is still a request.
// Only phrase findings are taken, and only where the reply's own pack found nothing of the
// same rule.
void add_foreign_findings(const Engine::Impl& impl, const std::vector<ForeignSpan>& foreign,
                          std::string_view text, const ScanContext& context,
                          std::vector<Finding>& findings) {
  if (foreign.empty()) {
    return;
  }
  // The reply's own findings by rule and position; one rule's findings never overlap (finish()
  // merges them), so a binary search finds the one a new finding could overlap.
  std::vector<std::pair<std::string_view, ByteRange>> known;
  known.reserve(findings.size());
  for (const Finding& f : findings) {
    known.emplace_back(f.rule, f.range);
  }
  std::sort(known.begin(), known.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.begin < b.second.begin;
  });
  const auto overlaps_known = [&](const Finding& f) {
    auto it = std::lower_bound(known.begin(), known.end(), f, [](const auto& k, const Finding& g) {
      return k.first != g.rule ? k.first < g.rule : k.second.end <= g.range.begin;
    });
    return it != known.end() && it->first == f.rule && it->second.begin < f.range.end;
  };
  std::vector<Finding> added;
  for (const ForeignSpan& span : foreign) {
    ScanContext inner = context;
    inner.locale = span.tag;
    inner.whole_message = false;
    const std::string_view part = text.substr(span.source.begin, span.source.size());
    for (Finding& f : Scanner(impl, part, inner).run_phrases()) {
      f.range = {f.range.begin + span.source.begin, f.range.end + span.source.begin};
      if (!f.origin.empty() && !overlaps_known(f)) {
        added.push_back(std::move(f));
      }
    }
  }
  findings.insert(findings.end(), std::make_move_iterator(added.begin()),
                  std::make_move_iterator(added.end()));
}

// The statistical second opinion adds a rule only where no finding of the message has it, and
// only where no finding (pattern or model) of a rule it yields to is present: the model widens
// what the patterns catch; it never doubles or contradicts them.
// The project's allow-listed terms are blanked out first (same byte length, so ranges hold):
// the model never reads a brand name the project has declared innocent.
void add_classifier_findings(const Engine::Impl& impl, std::string_view text,
                             const std::vector<ByteRange>& allowed, const ScanContext& context,
                             std::vector<Finding>& findings) {
  if (impl.classifier == nullptr) {
    return;
  }
  std::string masked;
  if (!allowed.empty()) {
    masked.assign(text);
    for (const ByteRange r : allowed) {
      std::fill(masked.begin() + r.begin, masked.begin() + r.end, ' ');
    }
    text = masked;
  }
  const std::vector<classifier::Verdict> verdicts = impl.classifier->classify(text);
  if (verdicts.empty()) {
    return;
  }
  const auto present = [&](std::uint32_t rule) {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const Finding& f) { return f.rule == impl.rules[rule].id; });
  };
  // The rules the model may add: on, meant for this kind of message, not found already.
  std::vector<std::pair<std::uint32_t, const classifier::Verdict*>> eligible;
  for (const classifier::Verdict& v : verdicts) {
    const std::uint32_t index = impl.rule(v.rule);
    const RuleDef& rule = impl.rules[index];
    if (rule.enabled && !present(index) &&
        !(rule.applies == Applies::Reply && context.kind != MessageKind::Reply) &&
        !(rule.applies == Applies::Proactive && context.kind != MessageKind::Proactive)) {
      eligible.emplace_back(index, &v);
    }
  }
  const auto stronger_found = [&](std::uint32_t by) {
    return present(by) || std::any_of(eligible.begin(), eligible.end(),
                                      [by](const auto& e) { return e.first == by; });
  };
  std::vector<Finding> added;
  for (const auto& [index, verdict] : eligible) {
    const RuleDef& rule = impl.rules[index];
    if (std::any_of(rule.suppressed_by.begin(), rule.suppressed_by.end(), stronger_found)) {
      continue;
    }
    const classifier::Verdict& v = *verdict;
    Finding f;
    f.rule = rule.id;
    // A guess is a warning at most: it asks for a look and does not fail a build on its own.
    f.severity = std::min(rule.severity, Severity::Warning);
    f.range = v.range;
    f.message_en = fmt::format(
        "{} (statistical reading: {:.0f} % likely; no phrase pattern matched, so check the "
        "sentence yourself)",
        rule.message_en, v.probability * 100);
    f.message_zh = fmt::format("{}（统计模型判断：可能性 {:.0f}%；没有短语规则命中，请人工确认）",
                               rule.message_zh, v.probability * 100);
    f.origin = fmt::format("locales/{} (p {:.2f})", "classifier/weights.txt", v.probability);
    added.push_back(std::move(f));
  }
  findings.insert(findings.end(), std::make_move_iterator(added.begin()),
                  std::make_move_iterator(added.end()));
}

}  // namespace

std::vector<Finding> Engine::scan(std::string_view text, const ScanContext& context) const {
  if (text.size() >= UINT32_MAX / 2) {
    return {};
  }
  Scanner scanner(*impl_, text, context);
  std::vector<Finding> findings = scanner.run();
  add_foreign_findings(*impl_, scanner.foreign(), text, context, findings);
  add_classifier_findings(*impl_, text, scanner.allowed_source(), context, findings);
  std::sort(findings.begin(), findings.end(), by_position);
  return findings;
}

const std::vector<RuleInfo>& Engine::rules() const {
  return impl_->infos;
}

const RuleInfo* Engine::find_rule(std::string_view id) const {
  for (const RuleInfo& info : impl_->infos) {
    if (info.id == id) {
      return &info;
    }
  }
  return nullptr;
}

std::vector<std::string> Engine::locales() const {
  std::vector<std::string> out;
  for (const auto& [tag, slot] : impl_->locales) {
    if (!tag.empty()) {
      out.push_back(tag);
    }
  }
  return out;
}

std::vector<std::string> Engine::terms(std::string_view locale) const {
  std::vector<std::string> out;
  for (const AtomDef& atom : impl_->locale_for(locale).atoms) {
    out.push_back(atom.text);
  }
  return out;
}

std::vector<std::string> Engine::firing_patterns(std::string_view text,
                                                 const ScanContext& context) const {
  if (text.size() >= UINT32_MAX / 2) {
    return {};
  }
  Scanner scanner(*impl_, text, context);
  std::vector<std::string> out;
  for (const PatternDef* p : scanner.run_firing_patterns()) {
    out.push_back(p->where);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> Engine::pattern_origins(std::string_view locale) const {
  std::vector<std::string> out;
  for (const PatternDef& p : impl_->locale_for(locale).patterns) {
    out.push_back(p.where);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<LoadError> Engine::self_test() const {
  std::vector<LoadError> errors;
  for (const RuleInfo& info : impl_->infos) {
    if (!info.enabled) {
      continue;
    }
    for (const RuleExample& ex : info.examples) {
      ScanContext ctx;
      ctx.locale = ex.locale;
      ctx.kind = info.applies == "proactive" ? MessageKind::Proactive : MessageKind::Reply;
      ctx.whole_message = info.id == "order-id-missing" || info.id == "message-length";
      const std::vector<Finding> found = scan(ex.text, ctx);
      const std::string where = "locales/" + ex.locale + "/policy.json: " + info.id;
      if (ex.flag) {
        const bool fired = std::any_of(found.begin(), found.end(),
                                       [&](const Finding& f) { return f.rule == info.id; });
        if (!fired) {
          errors.push_back({where, "flag example does not fire: " + ex.text});
        }
      } else {
        // A keep example fires no error rule, and not its own rule at any severity (a
        // warning-level rule's near misses are kept too).
        for (const Finding& f : found) {
          if (f.severity == Severity::Error || f.rule == info.id) {
            errors.push_back({where, "keep example fires " +
                                         std::string(f.rule == info.id ? "its own" : "error") +
                                         " rule " + f.rule + ": " + ex.text});
            break;
          }
        }
      }
    }
  }
  // A suggested rewrite must itself be clean in a reply: no warning or error of any rule.
  for (const auto& [tag, slot] : impl_->locales) {
    const LocaleModel& model = impl_->model(tag);
    for (std::size_t rule = 0; rule < model.rewrites.size(); ++rule) {
      const std::string& rewrite = model.rewrites[rule];
      if (tag.empty() || rewrite.empty()) {
        continue;
      }
      ScanContext ctx;
      ctx.locale = tag;
      for (const Finding& f : scan(rewrite, ctx)) {
        if (f.severity != Severity::Note) {
          errors.push_back({"locales/" + tag + "/policy.json: " + impl_->rules[rule].id,
                            "rewrite fires " + f.rule + ": " + rewrite});
          break;
        }
      }
    }
  }
  return errors;
}

}  // namespace replyc::policy
