#pragma once
// Small helpers for passes that build diagnostics.
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.hpp"

namespace replyc {

inline Diagnostic make_diagnostic(Code code, Location where, std::vector<std::string> args = {}) {
  return Diagnostic{code, info(code).default_severity, where, std::move(args), {}, {}, {}};
}

inline Note make_note(NoteId id, std::vector<std::string> args = {}, Location where = {}) {
  return Note{Message{id, std::move(args)}, where};
}

inline Fix make_fix(NoteId label, std::vector<std::string> label_args, Location where,
                    std::string replacement) {
  return Fix{Message{label, std::move(label_args)}, {Edit{where, std::move(replacement)}}};
}

inline std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0)
      out += separator;
    out += items[i];
  }
  return out;
}

}  // namespace replyc
