// replyc's command line. CLI11 is used here and nowhere else.
#include <CLI/CLI.hpp>
#include <iostream>

#include "compiler/base/date.hpp"
#include "compiler/cli/commands.hpp"

#ifndef REPLYC_VERSION
#define REPLYC_VERSION "0.0.0"
#endif

namespace {

using replyc::cli::Color;

std::optional<replyc::Severity> severity_option(const std::string& text) {
  if (text.empty())
    return std::nullopt;
  return replyc::parse_severity(text);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"replyc: compiler, linter and language server for customer-service reply templates"};
  app.set_version_flag("--version", REPLYC_VERSION);
  app.require_subcommand(1);

  replyc::cli::CommonOptions common;
  std::string lang, color = "auto";
  auto add_common = [&](CLI::App* command) {
    command
        ->add_option("--lang", lang,
                     "Message language: en or zh-CN (default: replyc.json, then the environment)")
        ->check(CLI::IsMember({"en", "zh", "zh-CN"}));
    command->add_option("--color", color, "Colour output: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    command->add_option("--root", common.root,
                        "Project root (default: nearest folder with replyc.json)");
    command->add_option("--today", common.today,
                        "Date for validity windows, YYYY-MM-DD (default: today)");
  };

  replyc::cli::CheckOptions check;
  std::string fail_on;
  auto* check_command = app.add_subcommand("check", "Check templates and report problems");
  check_command->add_option("paths", check.paths, "Files or folders (searched for *.reply)")
      ->required();
  check_command->add_option("--format", check.format, "Output: human or json")
      ->check(CLI::IsMember({"human", "json"}));
  check_command
      ->add_option("--fail-on", fail_on, "Exit 1 on findings at or above: error, warning or note")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  check_command->add_flag("-q,--quiet", check.quiet, "No summary line");
  add_common(check_command);

  std::string code;
  auto* explain_command = app.add_subcommand("explain", "Explain a diagnostic code, e.g. RC1001");
  explain_command->add_option("code", code, "A code (RC1001) or name (missing-section)")
      ->required();
  add_common(explain_command);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int status = app.exit(error);
    return status == 0 ? 0 : 2;
  }
  if (!lang.empty())
    common.language = replyc::parse_ui_language(lang);
  common.color = color == "always" ? Color::Always : color == "never" ? Color::Never : Color::Auto;
  if (!common.today.empty() && !replyc::parse_iso_date(common.today)) {
    std::cerr << "replyc: error: --today must be a date in YYYY-MM-DD form\n";
    return 2;
  }

  try {
    if (*check_command) {
      check.fail_on = severity_option(fail_on);
      return replyc::cli::run_check(common, check);
    }
    if (*explain_command)
      return replyc::cli::run_explain(common, code);
  } catch (const std::exception& error) {
    std::cerr << "replyc: internal error: " << error.what() << "\n";
    return 2;
  }
  return 2;
}
