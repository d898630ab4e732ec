#include "compiler/diag/language.hpp"

#include <cstdlib>

namespace replyc {

std::optional<UiLanguage> parse_ui_language(std::string_view text) {
  if (text.starts_with("zh"))
    return UiLanguage::Chinese;
  if (text.starts_with("en") || text == "C" || text == "POSIX" || text.starts_with("C."))
    return UiLanguage::English;
  return std::nullopt;
}

UiLanguage ui_language_from_environment() {
  for (const char* name : {"REPLYC_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0')
      continue;
    if (auto language = parse_ui_language(value))
      return *language;
    return UiLanguage::English;
  }
  return UiLanguage::English;
}

}  // namespace replyc
