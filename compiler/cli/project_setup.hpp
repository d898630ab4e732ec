#pragma once
// Everything a command needs before compiling: the project root and its replyc.json, the
// message language, today's date, and the compile options built from them.
#include <filesystem>
#include <memory>
#include <string>

#include "compiler/cli/commands.hpp"
#include "compiler/driver/compilation.hpp"
#include "compiler/driver/config.hpp"

namespace replyc::cli {

struct ProjectSetup {
  ProjectConfig config;
  CompileOptions options;
  UiLanguage language = UiLanguage::English;
  std::shared_ptr<FileSystem> files;
};

ProjectSetup prepare_project(const CommonOptions& common, const std::filesystem::path& first_input);

}  // namespace replyc::cli
