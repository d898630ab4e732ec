#pragma once
// The first half of `check` and `build`: the command-line paths expanded into .reply files, the
// project set up from the first of them, and one compilation of them all.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "compiler/cli/commands.hpp"
#include "compiler/cli/project_setup.hpp"
#include "compiler/driver/compilation.hpp"

namespace replyc::cli {

struct CompiledInputs {
  std::vector<std::filesystem::path> files;  // what was compiled, sorted
  ProjectSetup setup;
  std::unique_ptr<Compilation> compilation;  // null when exit_code is set
  int exit_code = 0;                         // 2 after a usage or I/O error, printed on stderr
};

CompiledInputs compile_inputs(const CommonOptions& common, const std::vector<std::string>& paths);

}  // namespace replyc::cli
