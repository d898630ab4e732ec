#pragma once
// The language replyc speaks to its user (not the language of the templates).
#include <optional>
#include <string_view>

namespace replyc {

enum class UiLanguage { English, Chinese };

// "en", "zh", "zh-CN", "zh_CN.UTF-8" ...; nullopt when unsupported.
std::optional<UiLanguage> parse_ui_language(std::string_view text);
// REPLYC_LANG, then LC_ALL, LC_MESSAGES, LANG; English when none names a supported language.
UiLanguage ui_language_from_environment();

}  // namespace replyc
