#include "compiler/cli/compile_inputs.hpp"

#include <iostream>

#include "compiler/cli/input_files.hpp"

namespace replyc::cli {

CompiledInputs compile_inputs(const CommonOptions& common, const std::vector<std::string>& paths) {
  CompiledInputs result;
  InputFiles inputs = collect_inputs(paths);
  for (const auto& error : inputs.errors)
    std::cerr << "replyc: error: " << error << "\n";
  if (!inputs.errors.empty()) {
    result.exit_code = 2;
    return result;
  }
  result.files = std::move(inputs.files);
  result.setup = prepare_project(common, result.files.front());
  const ProjectSetup& setup = result.setup;
  auto compilation = std::make_unique<Compilation>(setup.options);
  if (!setup.config.error.empty()) {
    compilation->report_config_problem(*setup.config.file, setup.config.text,
                                       setup.config.error_offset, setup.config.error);
  }
  for (const auto& file : result.files) {
    if (auto error = compilation->add_input(file)) {
      std::cerr << "replyc: error: cannot read '" << display_path(file, setup.options.display_base)
                << "': " << *error << "\n";
      result.exit_code = 2;
      return result;
    }
  }
  compilation->run();
  result.compilation = std::move(compilation);
  return result;
}

}  // namespace replyc::cli
