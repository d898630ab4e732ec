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

  replyc::cli::BuildOptions build;
  auto* build_command = app.add_subcommand("build", "Compile templates into a JSON bundle");
  build_command->add_option("paths", build.paths, "Files or folders (searched for *.reply)")
      ->required();
  build_command->add_option("-o,--output", build.output, "The bundle file to write")->required();
  build_command->add_flag("-q,--quiet", build.quiet, "No summary line");
  add_common(build_command);

  replyc::cli::RenderOptions render;
  auto* render_command = app.add_subcommand("render", "Render one message from a bundle");
  render_command->add_option("bundle", render.bundle, "A bundle from replyc build")->required();
  render_command->add_option("--template", render.template_id, "Template id")->required();
  render_command->add_option("--locale", render.locale, "Locale tag, e.g. de")->required();
  render_command->add_option("--param", render.params, "A param value: name=value (repeatable)");
  render_command->add_option("--params", render.params_file, "A JSON object of param values");
  render_command->add_option("--format", render.format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  add_common(render_command);

  replyc::cli::ExportOptions export_options;
  auto* export_command =
      app.add_subcommand("export", "Export a bundle's texts for ERP and helpdesk tools");
  export_command->add_option("bundle", export_options.bundle, "A bundle from replyc build")
      ->required();
  export_command->add_option("--format", export_options.format, "csv or json")
      ->check(CLI::IsMember({"csv", "json"}));
  export_command->add_option(
      "--placeholders", export_options.placeholders,
      "braces {x}, double-braces {{x}}, brackets [x], percent %%x%% or map:FILE");
  export_command->add_option("-o,--output", export_options.output, "The file to write")->required();
  export_command->add_flag("--skip-unexpressible", export_options.skip_unexpressible,
                           "Leave out texts the placeholder spelling cannot express");
  add_common(export_command);

  auto* lsp_command = app.add_subcommand("lsp", "Run the language server (LSP over stdin/stdout)");
  bool lsp_stdio = false;  // accepted for clients that pass it; stdio is the only transport
  lsp_command->add_flag("--stdio", lsp_stdio, "Talk over stdin/stdout (the default)");
  add_common(lsp_command);

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
    if (*lsp_command)
      return replyc::cli::run_lsp(common);
    if (*build_command)
      return replyc::cli::run_build(common, build);
    if (*render_command)
      return replyc::cli::run_render(common, render);
    if (*export_command)
      return replyc::cli::run_export(common, export_options);
  } catch (const std::exception& error) {
    std::cerr << "replyc: internal error: " << error.what() << "\n";
    return 2;
  }
  return 2;
}
