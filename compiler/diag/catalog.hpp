#pragma once
// Turns diagnostics and notes into text in the chosen UI language.
#include <string>

#include "compiler/diag/diagnostic.hpp"
#include "compiler/diag/language.hpp"

namespace replyc {

std::string format_message(const Diagnostic& diagnostic, UiLanguage language);
std::string format_message(const Message& message, UiLanguage language);

}  // namespace replyc
