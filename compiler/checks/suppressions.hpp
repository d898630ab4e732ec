#pragma once
// `# replyc: allow RULE -- reason`: drops matching findings inside the section or block that
// follows, and reports suppressions that are unused, unexplained or name no rule.
#include <functional>
#include <string_view>
#include <vector>

#include "compiler/diag/diagnostic.hpp"
#include "compiler/sema/project.hpp"

namespace replyc::checks {

// `is_known_rule` accepts rule ids beyond the diagnostic table (the policy engine's).
void apply_suppressions(const sema::Project& project, std::vector<Diagnostic>& diagnostics,
                        const std::function<bool(std::string_view)>& is_known_rule);

}  // namespace replyc::checks
