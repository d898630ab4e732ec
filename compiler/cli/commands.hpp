#pragma once
// The subcommands, each a plain function of already-parsed options so that only main.cpp knows
// CLI11. Each returns the process exit code: 0 clean, 1 findings, 2 usage or I/O error.
#include <optional>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.hpp"
#include "compiler/diag/language.hpp"

namespace replyc::cli {

enum class Color { Auto, Always, Never };

struct CommonOptions {
  std::optional<UiLanguage> language;  // --lang; else the project config, else the environment
  Color color = Color::Auto;
  std::string root;   // --root; else the nearest replyc.json upwards
  std::string today;  // --today; else REPLYC_TODAY, else the system date
};

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "human";  // human | json
  std::optional<Severity> fail_on;
  bool quiet = false;
};

int run_check(const CommonOptions& common, const CheckOptions& options);
int run_explain(const CommonOptions& common, const std::string& code);

}  // namespace replyc::cli
