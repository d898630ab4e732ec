#pragma once
// One run of the compiler over a set of input files: load and parse them and what they import,
// resolve names, run every check, and keep the results. The CLI and the language server both
// use this class; anything they report differently is a bug.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/source_manager.hpp"
#include "compiler/checks/context.hpp"
#include "compiler/diag/diagnostic.hpp"
#include "compiler/driver/file_system.hpp"
#include "compiler/sema/project.hpp"

namespace replyc {

struct CompileOptions {
  std::filesystem::path root;          // imports may not leave this folder
  std::filesystem::path display_base;  // printed paths are relative to this folder
  std::string today;                   // YYYY-MM-DD, for `valid:` windows
  const FileSystem* files = nullptr;
  // Passes beyond the core checks (the policy engine), run after them on the same project.
  std::vector<std::function<void(checks::Context&)>> extra_passes;
  // Rule ids that suppressions may name beyond the diagnostic table.
  std::function<bool(std::string_view)> is_known_rule;
};

class Compilation {
 public:
  explicit Compilation(CompileOptions options);

  // Queues a file to check. Returns why it cannot be read (a usage or I/O error), if it cannot.
  std::optional<std::string> add_input(const std::filesystem::path& path);
  // Reports a problem in the project's replyc.json as an RC0013 finding pointing into it.
  void report_config_problem(const std::filesystem::path& path, std::string text,
                             std::uint32_t offset, std::string message);
  void run();

  const SourceManager& sources() const { return sources_; }
  const sema::Project& project() const { return project_; }
  // Sorted by file, position and code; identical findings appear once.
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  const CompileOptions& options() const { return options_; }
  std::optional<FileId> file_id(const std::filesystem::path& path) const;

 private:
  sema::Module* load_path(const std::filesystem::path& path, bool is_input, std::string* error);
  sema::Module* load_text(std::filesystem::path path, std::string display, std::string text,
                          bool is_stdlib);
  void resolve_imports();
  void report_import_cycles();
  void report_duplicate_import(const sema::Module& module, const sema::Module& target,
                               const ast::Use& use);
  std::string display_name(const std::filesystem::path& path) const;

  CompileOptions options_;
  SourceManager sources_;
  sema::Project project_;
  std::map<std::filesystem::path, sema::Module*> by_path_;
  std::vector<Diagnostic> diagnostics_;
  // For each module, the `use` line that produced each resolved import (same order as imports).
  std::map<const sema::Module*, std::vector<const ast::Use*>> import_sites_;
};

// Paths relative to `base` when below it, else absolute; always with '/' separators.
std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base);

}  // namespace replyc
