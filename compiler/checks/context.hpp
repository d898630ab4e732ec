#pragma once
// What every check pass gets: the project, the sources, and where to put its findings.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source_manager.hpp"
#include "compiler/base/spelling.hpp"
#include "compiler/diag/diagnostic.hpp"
#include "compiler/diag/make.hpp"
#include "compiler/sema/project.hpp"

namespace replyc::checks {

struct Context {
  const SourceManager& sources;
  const sema::Project& project;
  std::string today;  // YYYY-MM-DD, fixed for the whole run
  std::vector<Diagnostic>& out;

  // A did-you-mean compares the word with every candidate: thousands of unknown names against
  // thousands of params or snippets would take quadratic time. Past this many comparisons in
  // one run, no further suggestions are made (docs/limits.md).
  std::size_t suggestion_budget = 100'000;

  void report(Diagnostic diagnostic) { out.push_back(std::move(diagnostic)); }

  // closest_match() within the budget above, for candidate lists that grow with the input.
  std::optional<std::string> suggest(std::string_view word,
                                     std::span<const std::string> candidates) {
    if (candidates.size() > suggestion_budget) {
      suggestion_budget = 0;
      return std::nullopt;
    }
    suggestion_budget -= candidates.size();
    return closest_match(word, candidates);
  }
};

// Template and snippet headers: fields, params, types, scenario, marketplaces, valid window.
void check_headers(const sema::Module& module, Context& context);
// Sections per locale: missing, duplicate, out of order, empty, unknown.
void check_structure(const sema::Module& module, Context& context);
// Placeholder use: unknown, unused, styles, choices, required params per locale and branch.
void check_params(const sema::Module& module, Context& context);
// Locale tags, duplicate blocks, marketplaces without a block in their language.
void check_locales(const sema::Module& module, Context& context);
// Snippet references, their params and locales, and snippets that include themselves.
void check_snippets(const sema::Module& module, Context& context);
// Across files: duplicate template ids.
void check_project(Context& context);

// Runs every pass above over every module of the project.
void run_all(Context& context);

}  // namespace replyc::checks
