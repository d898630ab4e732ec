#include "compiler/diag/catalog.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <array>
#include <cstdlib>

namespace replyc {
namespace {

constexpr CodeInfo kCodes[] = {
#define DIAG(Enum, CodeText, Name, Sev, En, Zh) {Code::Enum, CodeText, Name, Severity::Sev, En, Zh},
#include "compiler/diag/codes.def"
#undef DIAG
};

struct NoteText {
  std::string_view en;
  std::string_view zh;
};

constexpr NoteText kNotes[] = {
#define NOTE(Enum, En, Zh) {En, Zh},
#include "compiler/diag/notes.def"
#undef NOTE
};

constexpr char kTranslatedMarker = '\x1f';

std::string format_with(std::string_view pattern, const std::vector<std::string>& args,
                        UiLanguage language);

std::string resolve_arg(const std::string& arg, UiLanguage language) {
  if (arg.size() < 2 || arg[0] != kTranslatedMarker)
    return arg;
  const auto index = static_cast<std::size_t>(std::atoi(arg.c_str() + 1));
  if (index >= std::size(kNotes))
    return arg.substr(1);
  const auto& text = kNotes[index];
  return std::string(language == UiLanguage::Chinese ? text.zh : text.en);
}

std::string format_with(std::string_view pattern, const std::vector<std::string>& args,
                        UiLanguage language) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& arg : args)
    store.push_back(resolve_arg(arg, language));
  // Patterns come from our own table, but an argument count mismatch must never crash.
  try {
    return fmt::vformat(fmt::string_view(pattern.data(), pattern.size()), store);
  } catch (const fmt::format_error&) {
    return std::string(pattern);
  }
}

}  // namespace

std::string translated_arg(NoteId id) {
  return std::string(1, kTranslatedMarker) + std::to_string(static_cast<int>(id));
}

std::span<const CodeInfo> all_codes() {
  return kCodes;
}

const CodeInfo& info(Code code) {
  return kCodes[static_cast<std::size_t>(code)];
}

const CodeInfo* find_code(std::string_view id_or_name) {
  for (const auto& entry : kCodes) {
    if (entry.id == id_or_name || entry.name == id_or_name)
      return &entry;
  }
  return nullptr;
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Note:
      return "note";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "note" || text == "info")
    return Severity::Note;
  if (text == "warning")
    return Severity::Warning;
  if (text == "error")
    return Severity::Error;
  return std::nullopt;
}

std::string format_message(const Diagnostic& diagnostic, UiLanguage language) {
  const auto& entry = info(diagnostic.code);
  return format_with(language == UiLanguage::Chinese ? entry.message_zh : entry.message_en,
                     diagnostic.args, language);
}

std::string format_message(const Message& message, UiLanguage language) {
  const auto& text = kNotes[static_cast<std::size_t>(message.id)];
  return format_with(language == UiLanguage::Chinese ? text.zh : text.en, message.args, language);
}

}  // namespace replyc
