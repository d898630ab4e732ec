// `replyc build`: the same compilation as `replyc check`, then lowering to a bundle written
// atomically. A build with error-level findings writes nothing.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "compiler/cli/commands.hpp"
#include "compiler/cli/compile_inputs.hpp"
#include "compiler/cli/project_setup.hpp"
#include "compiler/codegen/atomic_file.hpp"
#include "compiler/codegen/bundle_json.hpp"
#include "compiler/codegen/lower.hpp"
#include "compiler/diag/render.hpp"

namespace replyc::cli {

int run_build(const CommonOptions& common, const BuildOptions& options) {
  if (options.output.empty()) {
    std::cerr << "replyc: error: build needs an output file: -o out.bundle.json\n";
    return 2;
  }
  CompiledInputs compiled = compile_inputs(common, options.paths);
  if (!compiled.compilation)
    return compiled.exit_code;
  const ProjectSetup& setup = compiled.setup;
  const Compilation& compilation = *compiled.compilation;

  const auto& diagnostics = compilation.diagnostics();
  HumanStyle style;
  style.language = setup.language;
  style.color =
      common.color == Color::Always ||
      (common.color == Color::Auto && ::isatty(STDERR_FILENO) && !std::getenv("NO_COLOR"));
  std::size_t errors = 0;
  for (const auto& d : diagnostics) {
    if (d.severity >= Severity::Error) {
      std::cerr << render_human(d, compilation.sources(), style) << "\n";
      ++errors;
    }
  }
  if (errors > 0) {
    std::cerr << render_summary(summarize(diagnostics, compiled.files.size()), style);
    std::cerr << "replyc: error: " << errors << (errors == 1 ? " error" : " errors")
              << "; nothing written to '" << options.output << "'\n";
    return 1;
  }

  codegen::LowerOptions lower_options;
  lower_options.root = setup.options.root;
  lower_options.today = setup.options.today;
  auto lowered = codegen::lower(compilation.project(), compilation.sources(), lower_options);
  if (auto* problems = std::get_if<std::vector<std::string>>(&lowered)) {
    for (const auto& problem : *problems)
      std::cerr << "replyc: error: " << problem << "\n";
    std::cerr << "replyc: error: nothing written to '" << options.output << "'\n";
    return 2;
  }
  const auto& bundle = std::get<codegen::Bundle>(lowered);
  if (auto error = codegen::write_file_atomically(options.output, codegen::write_bundle(bundle))) {
    std::cerr << "replyc: error: " << *error << "\n";
    return 2;
  }
  if (!options.quiet) {
    std::size_t locales = 0;
    for (const auto& templ : bundle.templates)
      locales += templ.locales.size();
    const Summary summary = summarize(diagnostics, compiled.files.size());
    std::cerr << "wrote " << options.output << ": " << bundle.templates.size()
              << (bundle.templates.size() == 1 ? " template" : " templates") << ", " << locales
              << (locales == 1 ? " locale" : " locales");
    if (!bundle.excluded.empty())
      std::cerr << ", " << bundle.excluded.size() << " excluded by their valid window";
    if (summary.warnings > 0)
      std::cerr << "; " << summary.warnings << (summary.warnings == 1 ? " warning" : " warnings")
                << " (see replyc check)";
    std::cerr << "\n";
    for (const auto& item : bundle.excluded)
      std::cerr << "  excluded " << item.id << ": " << item.reason << " (valid " << item.valid.from
                << " .. " << item.valid.until << ", today " << setup.options.today << ")\n";
  }
  return 0;
}

}  // namespace replyc::cli
