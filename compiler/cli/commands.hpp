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

// `replyc build PATH... -o FILE`: compile into a bundle (docs/bundle.md).
struct BuildOptions {
  std::vector<std::string> paths;
  std::string output;  // the bundle file, written atomically
  bool quiet = false;
};
int run_build(const CommonOptions& common, const BuildOptions& options);

// `replyc render BUNDLE --template ID --locale TAG --param k=v... [--params FILE]`.
struct RenderOptions {
  std::string bundle;
  std::string template_id;
  std::string locale;
  std::vector<std::string> params;  // "name=value"
  std::string params_file;          // a JSON object of name -> value
  std::string format = "text";      // text | json
};
int run_render(const CommonOptions& common, const RenderOptions& options);

// `replyc export BUNDLE --format csv|json --placeholders SPELLING -o FILE`.
struct ExportOptions {
  std::string bundle;
  std::string format = "csv";           // csv | json
  std::string placeholders = "braces";  // braces | double-braces | brackets | percent | map:FILE
  std::string output;
  bool skip_unexpressible = false;
};
int run_export(const CommonOptions& common, const ExportOptions& options);

// `replyc lsp`: the language server, LSP 3.17 over stdin/stdout (docs/lsp.md).
int run_lsp(const CommonOptions& common);

}  // namespace replyc::cli
