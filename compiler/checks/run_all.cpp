#include "compiler/checks/context.hpp"

namespace replyc::checks {

void run_all(Context& context) {
  using Pass = void (*)(const sema::Module&, Context&);
  static constexpr Pass kPasses[] = {check_headers, check_structure, check_params, check_locales,
                                     check_snippets};
  for (const auto& module : context.project.modules) {
    for (Pass pass : kPasses)
      pass(*module, context);
  }
  check_project(context);
}

}  // namespace replyc::checks
