#pragma once
// Lowers a checked project to the bundle: templates of the input files with their snippets inlined
// per locale, sorted; templates outside their `valid` window set aside as excluded.
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "compiler/base/source_manager.hpp"
#include "compiler/codegen/model.hpp"
#include "compiler/sema/project.hpp"

namespace replyc::codegen {

struct LowerOptions {
  std::filesystem::path root;  // source paths in the hash are relative to it
  std::string today;           // YYYY-MM-DD, for `valid:` windows
  std::string compiler_version = std::string(replyc::codegen::compiler_version());
};

// Expects a project without error-level findings; anything it still cannot lower (a snippet that
// does not resolve) is returned as messages instead of a bundle.
std::variant<Bundle, std::vector<std::string>> lower(const sema::Project& project,
                                                     const SourceManager& sources,
                                                     const LowerOptions& options);

// SHA-256 over every loaded file, sorted by path relative to the root: for each file
// "<path>\n<byte length>\n<bytes>". Returned as "sha256:<64 hex digits>".
std::string source_hash(const sema::Project& project, const SourceManager& sources,
                        const std::filesystem::path& root);

// Fills in each text's ICU pattern from its parts (used by lower and by tests).
void write_patterns(Template& templ);

}  // namespace replyc::codegen
