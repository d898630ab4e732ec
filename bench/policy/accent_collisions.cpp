#include "bench/policy/accent_collisions.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace replyc::policy {
namespace {

struct Uses {
  int plain = 0;
  int exact = 0;
};

// folded form -> spelling (case folded, accents kept) -> uses
using Spellings = std::map<std::string, std::map<std::string, Uses>>;

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::string without_accents(const icu::UnicodeString& word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) {
    return utf8(word);
  }
  const icu::UnicodeString decomposed = nfd->normalize(word, status);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) {
      bare.append(c);
    }
    i += U16_LENGTH(c);
  }
  return utf8(bare);
}

// Adds the words of one phrase; "=word" is an accent-exact use.
void add_words(const std::string& phrase, Spellings& spellings) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(phrase);
  int32_t i = 0;
  while (i < text.length()) {
    const UChar32 c = text.char32At(i);
    if (!u_isalpha(c)) {
      i += U16_LENGTH(c);
      continue;
    }
    const bool exact = i > 0 && text.charAt(i - 1) == u'=';
    const bool reference = i > 0 && text.charAt(i - 1) == u'@';  // a lexicon name
    const int32_t begin = i;
    while (i < text.length() &&
           (u_isalpha(text.char32At(i)) || u_charType(text.char32At(i)) == U_NON_SPACING_MARK ||
            (reference && text.charAt(i) == u'_'))) {
      i += U16_LENGTH(text.char32At(i));
    }
    if (reference) {
      continue;
    }
    icu::UnicodeString word(text, begin, i - begin);
    word.foldCase();
    Uses& uses = spellings[without_accents(word)][utf8(word)];
    (exact ? uses.exact : uses.plain) += 1;
  }
}

// Keys whose strings are phrases; everything else (messages, examples, rewrites) is prose.
const std::set<std::string> kPhraseKeys = {"patterns", "pattern", "guards", "lexicon"};
const std::set<std::string> kProseKeys = {
    "message", "rewrite", "flag",     "keep",           "en",  "zh",
    "id",      "scope",   "severity", "negation_scope", "rule"};

void walk(const nlohmann::json& node, bool in_phrases, Spellings& spellings) {
  if (node.is_string()) {
    if (in_phrases) {
      add_words(node.get<std::string>(), spellings);
    }
  } else if (node.is_array()) {
    for (const auto& item : node) {
      walk(item, in_phrases, spellings);
    }
  } else if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (kProseKeys.count(key) == 0) {
        walk(value, in_phrases || kPhraseKeys.count(key) != 0, spellings);
      }
    }
  }
}

}  // namespace

int print_accent_collisions(const std::vector<PackSource>& packs, std::FILE* out) {
  int count = 0;
  for (const PackSource& pack : packs) {
    const auto json = nlohmann::json::parse(pack.text, nullptr, false);
    if (json.is_discarded()) {
      continue;  // the load reports it
    }
    Spellings spellings;
    walk(json, false, spellings);
    const std::string locale = pack.name.substr(0, pack.name.find('/'));
    for (const auto& [folded, forms] : spellings) {
      bool plain = false;
      for (const auto& [form, uses] : forms) {
        plain = plain || uses.plain > 0;
      }
      if (forms.size() < 2 || !plain) {
        continue;
      }
      std::string line = locale + ":";
      const char* separator = " ";
      for (const auto& [form, uses] : forms) {
        line += separator + form + " (plain " + std::to_string(uses.plain);
        line += uses.exact > 0 ? ", exact " + std::to_string(uses.exact) + ")" : ")";
        separator = " ~ ";
      }
      std::fprintf(out, "%s\n", line.c_str());
      ++count;
    }
  }
  return count;
}

}  // namespace replyc::policy
