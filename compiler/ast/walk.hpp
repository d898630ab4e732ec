#pragma once
// Visits every text part of a section, depth first, with the chain of enclosing choices.
#include <functional>
#include <vector>

#include "compiler/ast/ast.hpp"

namespace replyc::ast {

struct Enclosing {
  const TextPart* choice;
  const Branch* branch;
};

template <typename Visitor>
void walk(const Text& text, Visitor&& visit, std::vector<Enclosing>& stack) {
  for (const auto& part : text) {
    visit(part, stack);
    for (const auto& branch : part.branches) {
      stack.push_back({&part, &branch});
      walk(branch.body, visit, stack);
      stack.pop_back();
    }
  }
}

template <typename Visitor>
void walk(const Text& text, Visitor&& visit) {
  std::vector<Enclosing> stack;
  walk(text, visit, stack);
}

}  // namespace replyc::ast
