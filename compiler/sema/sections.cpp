#include "compiler/sema/sections.hpp"

namespace replyc::sema {

const std::vector<std::string>& required_sections(ast::BlockKind kind) {
  static const std::vector<std::string> kTemplate = {"greeting", "confirm", "solution",
                                                     "next_steps", "closing"};
  static const std::vector<std::string> kSnippet = {"text"};
  return kind == ast::BlockKind::Template ? kTemplate : kSnippet;
}

}  // namespace replyc::sema
