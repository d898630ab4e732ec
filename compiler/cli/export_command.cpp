// `replyc export`: flat texts for ERP and helpdesk tools, as CSV or JSON.
#include <fstream>
#include <iostream>
#include <sstream>

#include "compiler/cli/commands.hpp"
#include "compiler/codegen/atomic_file.hpp"
#include "compiler/codegen/bundle_json.hpp"
#include "compiler/codegen/export.hpp"

namespace replyc::cli {

int run_export(const CommonOptions&, const ExportOptions& options) {
  if (options.output.empty()) {
    std::cerr << "replyc: error: export needs an output file: -o FILE\n";
    return 2;
  }
  codegen::ExportOptions export_options;
  export_options.format =
      options.format == "json" ? codegen::ExportFormat::Json : codegen::ExportFormat::Csv;
  export_options.skip_unexpressible = options.skip_unexpressible;
  std::variant<codegen::PlaceholderSpelling, std::string> spelling;
  if (options.placeholders.rfind("map:", 0) == 0) {
    const std::string path = options.placeholders.substr(4);
    std::ifstream in(path, std::ios::binary);
    if (path.empty() || !in) {
      std::cerr << "replyc: error: cannot read the mapping file '" << path << "'\n";
      return 2;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    spelling = codegen::parse_mapping(bytes.str());
    if (auto* error = std::get_if<std::string>(&spelling)) {
      std::cerr << "replyc: error: mapping file '" << path << "': " << *error << "\n";
      return 2;
    }
  } else {
    spelling = codegen::placeholder_spelling(options.placeholders);
    if (auto* error = std::get_if<std::string>(&spelling)) {
      std::cerr << "replyc: error: " << *error << "\n";
      return 2;
    }
  }
  export_options.placeholders = std::get<codegen::PlaceholderSpelling>(spelling);

  auto loaded = codegen::read_bundle_file(options.bundle);
  if (auto* errors = std::get_if<std::vector<codegen::BundleError>>(&loaded)) {
    std::cerr << "replyc: error: '" << options.bundle << "' is not a usable bundle:\n";
    for (const auto& error : *errors)
      std::cerr << "  " << error.to_string() << "\n";
    return 2;
  }
  const auto result = codegen::export_bundle(std::get<codegen::Bundle>(loaded), export_options);
  if (!result.errors.empty()) {
    std::cerr << "replyc: error: the " << export_options.placeholders.name
              << " placeholder spelling cannot express these texts:\n";
    for (const auto& error : result.errors)
      std::cerr << "  " << error << "\n";
    std::cerr << "replyc: error: nothing written to '" << options.output
              << "' (--skip-unexpressible leaves such rows out instead)\n";
    return 2;
  }
  for (const auto& skipped : result.skipped)
    std::cerr << "replyc: warning: " << skipped << "\n";
  if (auto error = codegen::write_file_atomically(options.output, result.content)) {
    std::cerr << "replyc: error: " << *error << "\n";
    return 2;
  }
  return 0;
}

}  // namespace replyc::cli
