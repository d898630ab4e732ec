#pragma once
// Runs the policy engine over every locale of every template and snippet, on each expanded
// variant of the text, and reports findings at the source bytes they came from.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "compiler/checks/context.hpp"
#include "compiler/driver/compilation.hpp"
#include "compiler/policy/engine.hpp"

namespace replyc {

// The findings of one locale block: each expanded variant scanned, each finding placed at the
// source bytes it came from (or the locale header for one about the whole message). The pass
// reports them; the language server keeps them per block between keystrokes.
std::vector<Diagnostic> scan_locale(const policy::Engine& engine, const sema::Module& module,
                                    const ast::Block& block, const ast::LocaleBlock& locale,
                                    const checks::Context& context);

std::function<void(checks::Context&)> make_policy_pass(
    std::shared_ptr<const policy::Engine> engine);

struct PolicySetup {
  std::shared_ptr<const policy::Engine> engine;  // null when the packs could not be loaded
  std::vector<std::string> errors;               // "where: message"
};

// Loads the built-in packs with the project's "policy" overrides (from replyc.json).
PolicySetup load_policy(const nlohmann::json& project_policy);

// Adds the policy pass to a compilation and lets suppressions name the engine's rule ids.
void enable_policy(CompileOptions& options, std::shared_ptr<const policy::Engine> engine);

}  // namespace replyc
