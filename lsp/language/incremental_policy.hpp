#pragma once
// The policy pass (compiler/driver/policy_pass.hpp) made incremental for the editor. It scans
// the same expanded variants with the same engine and reports the same findings, but keeps the
// findings of each template and snippet between compilations and replays them while nothing they
// depend on changed: the block's own bytes, and every snippet in the project (text and place).
// A keystroke then re-scans one block instead of the whole project.
//
// The per-locale scan repeats what make_policy_pass does (it is not exposed block by block); a
// test compares the two on edited documents so that they cannot drift apart.
#include <functional>
#include <memory>
#include <vector>

#include "compiler/checks/context.hpp"
#include "compiler/driver/compilation.hpp"
#include "compiler/policy/engine.hpp"

namespace replyc::lsp::language {

using Pass = std::function<void(checks::Context&)>;

// A pass equivalent to make_policy_pass(engine). Copies share one cache.
Pass make_incremental_policy_pass(std::shared_ptr<const policy::Engine> engine);

// Whether `pass` was made by make_policy_pass.
bool is_policy_pass(const Pass& pass);

// Replaces each policy pass in `passes` by one incremental pass over `engine`, which must hold the
// same rule packs and project overrides (load_policy() of the same replyc.json).
void make_policy_incremental(std::vector<Pass>& passes,
                             std::shared_ptr<const policy::Engine> engine);

}  // namespace replyc::lsp::language
