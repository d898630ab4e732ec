#pragma once
// Locale tags and plural rules, through ICU.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replyc::sema {

struct LocaleTag {
  std::string canonical;  // BCP 47 as ICU canonicalises it: "de-DE", "pt-BR"
  std::string language;   // "de"
};

// nullopt when the tag is not well-formed BCP 47 or names no known language.
std::optional<LocaleTag> parse_locale_tag(std::string_view tag);

// CLDR plural categories of the locale, in CLDR order (zero one two few many other).
std::vector<std::string> plural_categories(std::string_view tag);

}  // namespace replyc::sema
