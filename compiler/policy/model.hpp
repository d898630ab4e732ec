#pragma once
// Internal: the compiled form of the rule packs, shared by the loader, the scanner and the
// detectors.
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/policy/automaton.hpp"
#include "compiler/policy/classifier.hpp"
#include "compiler/policy/engine.hpp"
#include "compiler/policy/normalize.hpp"

namespace replyc::policy {

// Hash for unordered containers keyed by std::string that accept std::string_view lookups.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

enum class Applies : std::uint8_t { All, Reply, Proactive };

struct RuleDef {
  std::string id;
  Severity severity = Severity::Warning;
  bool enabled = true;
  bool severity_overridden = false;  // by the project: wins over pattern-level severities
  Applies applies = Applies::All;
  std::string detector;  // empty: phrase patterns only
  std::string message_en, message_zh;
  std::vector<std::uint32_t> suppressed_by;  // rule indices
  // This rule also fires where `rule` fired in a sentence with a hit of the context set `context`
  // (an off-Amazon sale with a price cut is also marketing).
  struct Implication {
    std::uint32_t rule = 0;
    std::string context;
  };
  std::vector<Implication> implied_by;
  // A context set: in a message with a hit of it anywhere, a phrase finding of this rule that
  // lies inside quotation marks is dropped (a reply that answers the buyer's question on how
  // reviews work names the button it explains: choose 'Write a product review').
  std::string quoted_in_context;
};

// A word of an atom that must keep its accents ("=würde" in a phrase): the automaton finds the
// folded text, and the source letters under [offset, offset + length) of the match must fold to
// `form` with accents kept.
struct ExactWord {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  std::string form;  // fold_case_exact of the word
};

struct AtomDef {
  std::string text;  // normalised
  std::vector<ExactWord> exact;
  bool check_left = false;
  bool check_right = false;
  bool wild_left = false;
  bool wild_right = false;
  bool short_kana = false;  // two kana ("いい"): not matched across an ICU word break
};

struct Chain {
  std::vector<std::uint32_t> sets;  // term-set ids
  std::vector<std::uint32_t> gaps;  // between sets[i] and sets[i + 1]
};

struct PatternDef {
  std::uint32_t rule = 0;
  std::vector<Chain> all;
  std::vector<Chain> none;
  std::optional<Severity> severity;
  std::uint32_t sentences = 1;          // 2: the sentence and the next one ("Satisfied? Review!")
  bool spans_previous = false;          // the sentence and the one before (anchor in the second)
  bool negations_see_previous = false;  // "!" operands also look at the sentence before
  std::string message_en, message_zh;   // empty: the rule's
  std::string rewrite;                  // empty: the rule's rewrite for this locale
  std::string where;
};

// Names of lexicon entries the detectors read (their term sets are built even if unused).
inline constexpr const char* kContextSets[] = {
    "PHONE_CONTEXT",       // words that introduce a phone number ("call", "Tel.")
    "TRACKING_CONTEXT",    // words that introduce a tracking or reference number
    "NUMBER_OK_CONTEXT",   // carrier / manufacturer / warranty: a phone number there is allowed
    "EMAIL_AT",            // "at", "(at)", "arroba" ... in spelled-out addresses
    "EMAIL_DOT",           // "dot", "punto" ...
    "EMAIL_JOINER",        // "underscore", "guion bajo", "Bindestrich" inside a spelled name
    "CONTACT_INVITE",      // "email us", "write to", "call": an invitation to use a contact detail
    "CONTACT_INVITE_NEG",  // "no longer in use", "do not write": the sentence invites nothing
    "DIGIT_WORD",          // "zero" … "nine" in words: spelled-out phone numbers
    "NUMBER_WORD",         // a two-digit number in one word ("eleven", "fyrtiofem")
    "TENS_WORD",           // "twenty" … "ninety": two digits, or one before a digit word
    "HUNDREDS_WORD",       // "pięćset", "quinientos": three digits with the words after it
    "NUMBER_JOINER",       // the "y" of "cuarenta y cinco"
    "PRICE_CUT",           // "cheaper", "10 % off": with an off-Amazon sale, also marketing
    "ANSWER_CONTEXT",      // "to answer your question": the reply explains, it does not ask
    "EMOTICON",            // from detectors.emoticons
    "ALLOW",               // the project's allow list
};

struct LocaleModel {
  std::string tag;  // "" = no phrase pack (common rules only)
  bool cjk = false;
  bool latin = true;

  std::vector<AtomDef> atoms;
  std::unordered_map<std::string, std::uint32_t> atom_ids;  // text + flags -> id
  std::vector<std::vector<std::uint32_t>> atom_sets;        // atom -> term sets holding it
  std::map<std::vector<std::uint32_t>, std::uint32_t> set_ids;
  std::uint32_t set_count = 0;
  std::vector<PatternDef> patterns;
  std::vector<std::vector<std::uint32_t>> anchored;          // term set -> patterns anchored on it
  std::uint32_t context_sets[std::size(kContextSets)] = {};  // by index in kContextSets
  std::vector<std::string> rewrites;                         // per rule index

  // Built on first use.
  mutable std::once_flag once;
  mutable Automaton automaton;

  // The term set of a context lexicon entry (UINT32_MAX if the locale has none).
  std::uint32_t named(const char* name) const {
    for (std::size_t i = 0; i < std::size(kContextSets); ++i) {
      if (std::strcmp(kContextSets[i], name) == 0) {
        return context_sets[i];
      }
    }
    return UINT32_MAX;
  }
  const Automaton& ready() const;
};

struct DetectorConfig {
  std::unordered_set<std::string> tlds;
  std::unordered_set<std::string> spelled_tlds;           // for "brand dot com" without an at sign
  std::unordered_set<std::string> spelled_second_levels;  // "co" in "brand dot co dot uk"
  std::unordered_set<std::string> spelled_country_tlds;   // "uk" there, or "de" on its own
  std::unordered_set<std::string> mailbox_names;  // "info", "service": "service at brand.de"
  std::unordered_set<std::string> shorteners;
  std::vector<std::string> deep_links;
  std::vector<std::string> amazon_hosts;  // "amazon", "amzn" ... (second-level labels)
  std::u32string decorative;
  std::u32string simplified_han;
  std::uint32_t max_chars = 2000;
  std::uint32_t max_line_breaks = 2;
  std::vector<std::string> order_id_placeholders;  // normalised
};

// One locale's model, compiled at load or, for the built-in packs, when first scanned: most
// projects use a few of the locales, and compiling all of them is most of the load time.
struct LocaleSlot {
  mutable std::once_flag once;
  mutable std::unique_ptr<LocaleModel> model;
};

struct Engine::Impl {
  std::vector<RuleDef> rules;
  std::map<std::string, std::uint32_t, std::less<>> rule_index;
  std::vector<RuleInfo> infos;
  std::map<std::string, LocaleSlot, std::less<>> locales;  // "" = fallback
  // Compiles a slot that load() left empty; runs once per slot, one at a time.
  std::function<std::unique_ptr<LocaleModel>(const std::string& tag)> compile_locale;
  mutable std::mutex compile_mutex;
  DetectorConfig detectors;
  // Stop words of every language pack: normalised word -> bit mask of languages.
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> stopwords;
  std::vector<std::string> languages;  // bit index -> tag
  std::vector<std::string> allow;      // normalised allow-list terms (digits-only for numbers)
  std::vector<std::string> allow_digits;
  // The statistical second opinion (locales/classifier/weights.txt); null when absent or turned
  // off by the project ("policy": {"classifier": false}).
  std::shared_ptr<const classifier::Model> classifier;

  // The model of a locale tag ("de-AT" -> "de"; unknown -> the fallback), compiled if need be.
  const LocaleModel& locale_for(std::string_view tag) const;
  const LocaleModel& model(const std::string& tag) const;  // `tag` must be a key of `locales`
  std::uint32_t rule(std::string_view id) const {
    const auto it = rule_index.find(id);
    return it == rule_index.end() ? UINT32_MAX : it->second;
  }
};

}  // namespace replyc::policy
