#pragma once
// A diagnostic is data: a code from the table, the arguments of its message, where it points,
// and notes and fixes. Passes append diagnostics; only renderers turn them into text.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/range.hpp"

namespace replyc {

enum class Severity : std::uint8_t { Note, Warning, Error };

enum class Code : std::uint16_t {
#define DIAG(Enum, CodeText, Name, Sev, En, Zh) Enum,
#include "compiler/diag/codes.def"
#undef DIAG
};

enum class NoteId : std::uint16_t {
#define NOTE(Enum, En, Zh) Enum,
#include "compiler/diag/notes.def"
#undef NOTE
};

// A message from the catalog with its arguments; rendered in the user's language.
struct Message {
  NoteId id;
  std::vector<std::string> args;
};

// One text replacement. An empty range inserts.
struct Edit {
  Location where;
  std::string replacement;
};

struct Fix {
  Message label;
  std::vector<Edit> edits;
};

struct Note {
  Message message;
  Location where;  // may be invalid: a note without a place
};

struct Diagnostic {
  Code code;
  Severity severity;
  Location where;
  std::vector<std::string> args;  // see translated_arg()
  std::vector<Note> notes;
  std::vector<Fix> fixes;
  // For checks on a particular rendered variant or rule (the policy engine), a sub-rule id.
  std::string rule;
};

// An argument that the renderer replaces by the catalog text of `id` in the output language.
std::string translated_arg(NoteId id);

struct CodeInfo {
  Code code;
  std::string_view id;    // "RC1001"
  std::string_view name;  // "missing-section"
  Severity default_severity;
  std::string_view message_en;
  std::string_view message_zh;
};

std::span<const CodeInfo> all_codes();
const CodeInfo& info(Code code);
// Looks up "RC1001" or "missing-section".
const CodeInfo* find_code(std::string_view id_or_name);

std::string_view severity_name(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

}  // namespace replyc
