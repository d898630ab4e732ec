#pragma once
// The front end's one entry point: bytes in, syntax tree and syntax diagnostics out.
#include <string_view>
#include <vector>

#include "compiler/ast/ast.hpp"
#include "compiler/diag/diagnostic.hpp"

namespace replyc::grammar {

struct ParseResult {
  ast::File file;
  std::vector<Diagnostic> diagnostics;
};

// Choices nest at most this deep; deeper input is reported, never recursed into.
inline constexpr std::size_t kMaxChoiceDepth = 8;

// Never throws on any input; bytes that are not UTF-8 are treated as text (the caller reports
// them).
ParseResult parse(FileId file, std::string_view text);

// Number of problems PEGTL's grammar analysis finds (rules that may loop without progress); 0.
std::size_t analyze_grammar();

}  // namespace replyc::grammar
