#include "compiler/sema/locale.hpp"

#include <unicode/locid.h>
#include <unicode/plurrule.h>
#include <unicode/strenum.h>
#include <unicode/uloc.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <mutex>

namespace replyc::sema {

namespace {

std::optional<LocaleTag> compute_locale_tag(std::string_view tag) {
  if (tag.empty() || tag.size() > 64 || tag.find('_') != std::string_view::npos)
    return std::nullopt;
  const std::string input(tag);
  UErrorCode status = U_ZERO_ERROR;
  std::array<char, ULOC_FULLNAME_CAPACITY> id{};
  int32_t parsed = 0;
  uloc_forLanguageTag(input.c_str(), id.data(), static_cast<int32_t>(id.size()), &parsed, &status);
  if (U_FAILURE(status) || parsed != static_cast<int32_t>(input.size()))
    return std::nullopt;

  std::array<char, ULOC_LANG_CAPACITY> language{};
  status = U_ZERO_ERROR;
  uloc_getLanguage(id.data(), language.data(), static_cast<int32_t>(language.size()), &status);
  if (U_FAILURE(status) || language[0] == '\0')
    return std::nullopt;
  // A language ICU has no three-letter code for is not a language (e.g. "xx").
  if (uloc_getISO3Language(id.data())[0] == '\0')
    return std::nullopt;

  std::array<char, ULOC_FULLNAME_CAPACITY> canonical{};
  status = U_ZERO_ERROR;
  uloc_toLanguageTag(id.data(), canonical.data(), static_cast<int32_t>(canonical.size()), true,
                     &status);
  if (U_FAILURE(status))
    return std::nullopt;
  return LocaleTag{canonical.data(), language.data()};
}

std::vector<std::string> compute_plural_categories(std::string_view tag) {
  static constexpr std::array<std::string_view, 6> kOrder = {"zero", "one",  "two",
                                                             "few",  "many", "other"};
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(std::string(tag), status);
  if (U_FAILURE(status))
    return {"other"};
  std::unique_ptr<icu::PluralRules> rules(icu::PluralRules::forLocale(locale, status));
  if (U_FAILURE(status) || !rules)
    return {"other"};
  std::unique_ptr<icu::StringEnumeration> keywords(rules->getKeywords(status));
  if (U_FAILURE(status) || !keywords)
    return {"other"};
  std::vector<std::string> found;
  while (const char* keyword = keywords->next(nullptr, status)) {
    if (U_FAILURE(status))
      break;
    found.emplace_back(keyword);
  }
  std::vector<std::string> ordered;
  for (auto category : kOrder) {
    if (std::find(found.begin(), found.end(), category) != found.end())
      ordered.emplace_back(category);
  }
  return ordered;
}

// ICU answers are memoised: every compilation asks again for the same few tags (the language
// server compiles on every keystroke), and building ICU locales and plural rules is costly.
template <typename Value>
Value memoised(std::string_view tag, Value (*compute)(std::string_view)) {
  static std::mutex mutex;
  static std::map<std::string, Value, std::less<>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  if (const auto it = cache.find(tag); it != cache.end())
    return it->second;
  if (cache.size() >= 4096)
    cache.clear();  // arbitrary input (a fuzzer, a long editing session) must not grow it forever
  return cache.emplace(std::string(tag), compute(tag)).first->second;
}

}  // namespace

std::optional<LocaleTag> parse_locale_tag(std::string_view tag) {
  return memoised(tag, compute_locale_tag);
}

std::vector<std::string> plural_categories(std::string_view tag) {
  return memoised(tag, compute_plural_categories);
}

}  // namespace replyc::sema
