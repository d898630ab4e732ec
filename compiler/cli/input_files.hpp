#pragma once
// Expands command-line paths into the .reply files to check.
#include <filesystem>
#include <string>
#include <vector>

namespace replyc::cli {

struct InputFiles {
  std::vector<std::filesystem::path> files;  // sorted, unique
  std::vector<std::string> errors;           // paths that do not exist or hold no .reply file
};

// Directories are searched recursively for *.reply (hidden folders, node_modules and nested
// projects — folders below with their own replyc.json — skipped);
// files are taken as given, whatever their extension.
InputFiles collect_inputs(const std::vector<std::string>& paths);

}  // namespace replyc::cli
