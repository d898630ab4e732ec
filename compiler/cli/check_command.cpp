#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "compiler/base/date.hpp"
#include "compiler/cli/commands.hpp"
#include "compiler/cli/compile_inputs.hpp"
#include "compiler/cli/project_setup.hpp"
#include "compiler/diag/render.hpp"

namespace replyc::cli {

int run_check(const CommonOptions& common, const CheckOptions& options) {
  CompiledInputs compiled = compile_inputs(common, options.paths);
  if (!compiled.compilation)
    return compiled.exit_code;
  const ProjectSetup& setup = compiled.setup;
  const Compilation& compilation = *compiled.compilation;

  const auto& diagnostics = compilation.diagnostics();
  const Severity fail_on = options.fail_on.value_or(setup.config.fail_on.value_or(Severity::Error));
  if (options.format == "json") {
    std::cout << render_json_report(diagnostics, compilation.sources(), compiled.files.size(),
                                    setup.language)
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    HumanStyle style;
    style.language = setup.language;
    style.color =
        common.color == Color::Always ||
        (common.color == Color::Auto && ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"));
    for (const auto& d : diagnostics)
      std::cout << render_human(d, compilation.sources(), style) << "\n";
    if (!options.quiet) {
      std::cout << render_summary(summarize(diagnostics, compiled.files.size()), style);
    }
  }
  std::cout.flush();
  for (const auto& d : diagnostics) {
    if (d.severity >= fail_on)
      return 1;
  }
  return 0;
}

}  // namespace replyc::cli
