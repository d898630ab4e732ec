#pragma once
// The project's replyc.json: it marks the project root and holds project settings.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "compiler/diag/diagnostic.hpp"

namespace replyc {

struct ProjectConfig {
  std::filesystem::path root;  // the folder holding replyc.json (or the fallback root)
  std::optional<std::filesystem::path> file;  // replyc.json itself, when there is one
  std::optional<Severity> fail_on;
  std::optional<std::string> language;  // UI language for messages
  nlohmann::json policy;                // the "policy" object, handed to the policy engine
  std::string text;                     // replyc.json itself, to point into when it is wrong
  std::string error;                    // why the file could not be used; empty when fine
  std::uint32_t error_offset = 0;       // byte in `text` where the problem is
};

// The nearest folder at or above `start` that holds replyc.json.
std::optional<std::filesystem::path> find_project_root(const std::filesystem::path& start);

// Reads `<root>/replyc.json` if present. Never throws; problems land in `error`.
ProjectConfig load_project_config(const std::filesystem::path& root);

}  // namespace replyc
