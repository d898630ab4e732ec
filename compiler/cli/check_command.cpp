#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "compiler/base/date.hpp"
#include "compiler/cli/commands.hpp"
#include "compiler/cli/input_files.hpp"
#include "compiler/cli/project_setup.hpp"
#include "compiler/diag/render.hpp"

namespace replyc::cli {

int run_check(const CommonOptions& common, const CheckOptions& options) {
  const InputFiles inputs = collect_inputs(options.paths);
  for (const auto& error : inputs.errors)
    std::cerr << "replyc: error: " << error << "\n";
  if (!inputs.errors.empty())
    return 2;

  ProjectSetup setup = prepare_project(common, inputs.files.front());
  Compilation compilation(setup.options);
  if (!setup.config.error.empty()) {
    compilation.report_config_problem(*setup.config.file, setup.config.text,
                                      setup.config.error_offset, setup.config.error);
  }
  for (const auto& file : inputs.files) {
    if (auto error = compilation.add_input(file)) {
      std::cerr << "replyc: error: cannot read '" << display_path(file, setup.options.display_base)
                << "': " << *error << "\n";
      return 2;
    }
  }
  compilation.run();

  const auto& diagnostics = compilation.diagnostics();
  const Severity fail_on = options.fail_on.value_or(setup.config.fail_on.value_or(Severity::Error));
  if (options.format == "json") {
    std::cout << render_json_report(diagnostics, compilation.sources(), inputs.files.size(),
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
      std::cout << render_summary(summarize(diagnostics, inputs.files.size()), style);
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
