#pragma once
// The sections a block must have, in order.
#include <string>
#include <vector>

#include "compiler/ast/ast.hpp"

namespace replyc::sema {

// greeting, confirm, solution, next_steps, closing for templates; text for snippets.
const std::vector<std::string>& required_sections(ast::BlockKind kind);

}  // namespace replyc::sema
