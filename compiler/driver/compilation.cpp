#include "compiler/driver/compilation.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "compiler/checks/source.hpp"
#include "compiler/checks/suppressions.hpp"
#include "compiler/diag/make.hpp"
#include "compiler/driver/stdlib.hpp"
#include "grammar/parse.hpp"

namespace replyc {
namespace {

bool is_within(const std::filesystem::path& path, const std::filesystem::path& root) {
  const auto relative = path.lexically_relative(root);
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base) {
  if (!base.empty() && is_within(path, base))
    return path.lexically_relative(base).generic_string();
  return path.generic_string();
}

Compilation::Compilation(CompileOptions options) : options_(std::move(options)) {}

std::string Compilation::display_name(const std::filesystem::path& path) const {
  return display_path(path, options_.display_base);
}

std::optional<FileId> Compilation::file_id(const std::filesystem::path& path) const {
  const auto it = by_path_.find(path);
  if (it == by_path_.end())
    return std::nullopt;
  return it->second->file;
}

sema::Module* Compilation::load_text(std::filesystem::path path, std::string display,
                                     std::string text, bool is_stdlib) {
  const FileId id = sources_.add(path, std::move(display), std::move(text));
  auto module = std::make_unique<sema::Module>();
  module->file = id;
  module->is_stdlib = is_stdlib;
  const std::string_view source = sources_.file(id).text;
  if (checks::check_source(id, source, diagnostics_)) {
    auto parsed = grammar::parse(id, source);
    module->ast = std::move(parsed.file);
    for (auto& d : parsed.diagnostics)
      diagnostics_.push_back(std::move(d));
  } else {
    module->ast.file = id;
  }
  auto* raw = module.get();
  project_.modules.push_back(std::move(module));
  by_path_[path] = raw;
  return raw;
}

sema::Module* Compilation::load_path(const std::filesystem::path& path, bool is_input,
                                     std::string* error) {
  if (const auto it = by_path_.find(path); it != by_path_.end()) {
    it->second->is_input = it->second->is_input || is_input;
    return it->second;
  }
  auto result = options_.files->read(path);
  if (const auto* failure = std::get_if<ReadFailure>(&result)) {
    if (error)
      *error = failure->message;
    return nullptr;
  }
  auto* module =
      load_text(path, display_name(path), std::move(std::get<std::string>(result)), false);
  module->is_input = is_input;
  return module;
}

std::optional<std::string> Compilation::add_input(const std::filesystem::path& path) {
  std::error_code ec;
  const auto absolute = std::filesystem::weakly_canonical(std::filesystem::absolute(path), ec);
  if (ec)
    return ec.message();
  std::string error;
  if (load_path(absolute, true, &error) == nullptr)
    return error;
  return std::nullopt;
}

void Compilation::report_config_problem(const std::filesystem::path& path, std::string text,
                                        std::uint32_t offset, std::string message) {
  const FileId id = sources_.add(path, display_name(path), std::move(text));
  const auto size = static_cast<std::uint32_t>(sources_.file(id).text.size());
  const std::uint32_t begin = std::min(offset, size);
  const std::uint32_t end = begin < size ? begin + 1 : begin;
  diagnostics_.push_back(
      make_diagnostic(Code::InvalidConfig, {id, {begin, end}}, {std::move(message)}));
}

void Compilation::resolve_imports() {
  // Modules are appended while we walk, so iterate by index.
  for (std::size_t i = 0; i < project_.modules.size(); ++i) {
    sema::Module* module = project_.modules[i].get();
    const auto& importer_path = sources_.file(module->file).path;
    std::set<const sema::Module*> seen;
    for (const auto& use : module->ast.uses) {
      const Location where{module->file, use.module.range};
      sema::Module* target = nullptr;
      if (!use.is_path) {
        const auto virtual_path = stdlib_virtual_path(use.module.text);
        if (const auto it = by_path_.find(virtual_path); it != by_path_.end()) {
          target = it->second;
        } else if (const auto text = find_stdlib_module(use.module.text)) {
          target = load_text(virtual_path, virtual_path, std::string(*text), true);
        }
        if (target == nullptr) {
          diagnostics_.push_back(make_diagnostic(Code::UnknownModule, where, {use.module.text}));
          continue;
        }
      } else {
        const std::filesystem::path written(use.module.text);
        std::error_code ec;
        const auto resolved =
            std::filesystem::weakly_canonical(importer_path.parent_path() / written, ec);
        if (module->is_stdlib || written.is_absolute() || ec ||
            !is_within(resolved, options_.root)) {
          auto d = make_diagnostic(Code::ImportOutsideRoot, where, {use.module.text});
          d.notes.push_back(make_note(NoteId::ProjectRoot, {options_.root.generic_string()}));
          diagnostics_.push_back(std::move(d));
          continue;
        }
        target = load_path(resolved, false, nullptr);
        if (target == nullptr) {
          diagnostics_.push_back(make_diagnostic(Code::UnknownModule, where, {use.module.text}));
          continue;
        }
      }
      if (target == module) {
        diagnostics_.push_back(make_diagnostic(Code::ImportCycle, where,
                                               {sources_.file(module->file).display_name + " -> " +
                                                sources_.file(module->file).display_name}));
        continue;
      }
      if (!seen.insert(target).second) {
        report_duplicate_import(*module, *target, use);
        continue;
      }
      module->imports.push_back(target);
      import_sites_[module].push_back(&use);
    }
  }
}

void Compilation::report_duplicate_import(const sema::Module& module, const sema::Module& target,
                                          const ast::Use& use) {
  const std::string_view text = sources_.file(module.file).text;
  // The fix removes the whole line, its line break included.
  std::uint32_t line_end = use.range.end;
  while (line_end < text.size() && text[line_end] != '\n')
    ++line_end;
  if (line_end < text.size())
    ++line_end;
  std::uint32_t line_begin = use.range.begin;
  while (line_begin > 0 && text[line_begin - 1] != '\n')
    --line_begin;
  auto d =
      make_diagnostic(Code::DuplicateImport, {module.file, use.module.range}, {use.module.text});
  const auto& imports = module.imports;
  const auto& sites = import_sites_[&module];
  for (std::size_t k = 0; k < imports.size() && k < sites.size(); ++k) {
    if (imports[k] == &target) {
      d.notes.push_back(
          make_note(NoteId::FirstImportedHere, {}, {module.file, sites[k]->module.range}));
    }
  }
  d.fixes.push_back(make_fix(NoteId::RemoveLine, {}, {module.file, {line_begin, line_end}}, ""));
  diagnostics_.push_back(std::move(d));
}

void Compilation::report_import_cycles() {
  enum class Mark { New, Active, Done };
  std::map<const sema::Module*, Mark> marks;
  std::vector<const sema::Module*> path;
  std::function<void(const sema::Module*)> visit = [&](const sema::Module* module) {
    marks[module] = Mark::Active;
    path.push_back(module);
    const auto& sites = import_sites_[module];
    for (std::size_t k = 0; k < module->imports.size(); ++k) {
      const sema::Module* next = module->imports[k];
      if (marks[next] == Mark::Active) {
        std::string chain;
        const auto start = std::find(path.begin(), path.end(), next);
        for (auto it = start; it != path.end(); ++it)
          chain += sources_.file((*it)->file).display_name + " -> ";
        chain += sources_.file(next->file).display_name;
        diagnostics_.push_back(
            make_diagnostic(Code::ImportCycle, {module->file, sites[k]->module.range}, {chain}));
      } else if (marks[next] == Mark::New) {
        visit(next);
      }
    }
    path.pop_back();
    marks[module] = Mark::Done;
  };
  for (const auto& module : project_.modules) {
    if (marks[module.get()] == Mark::New)
      visit(module.get());
  }
}

void Compilation::run() {
  resolve_imports();
  // A stable order for everything that follows: by printed path, the standard library last.
  std::stable_sort(project_.modules.begin(), project_.modules.end(),
                   [&](const auto& a, const auto& b) {
                     return std::make_tuple(a->is_stdlib, sources_.file(a->file).display_name) <
                            std::make_tuple(b->is_stdlib, sources_.file(b->file).display_name);
                   });
  report_import_cycles();
  project_.index_snippets();

  for (const auto& module : project_.modules) {
    if (module->is_stdlib || !module->ast.blocks.empty())
      continue;
    const bool unreadable =
        std::any_of(diagnostics_.begin(), diagnostics_.end(), [&](const auto& d) {
          return d.where.file == module->file &&
                 (d.code == Code::BinaryFile || d.code == Code::FileTooLarge ||
                  d.code == Code::LineTooLong);
        });
    if (!unreadable)
      diagnostics_.push_back(make_diagnostic(Code::EmptyFile, {module->file, {0, 0}}));
  }

  checks::Context context{sources_, project_, options_.today, diagnostics_};
  checks::run_all(context);
  for (const auto& pass : options_.extra_passes)
    pass(context);
  checks::apply_suppressions(project_, diagnostics_, [&](std::string_view rule) {
    return options_.is_known_rule && options_.is_known_rule(rule);
  });

  auto key = [&](const Diagnostic& d) {
    const bool has_file = d.where.file != kNoFile;
    return std::make_tuple(has_file ? sources_.file(d.where.file).display_name : std::string(),
                           d.where.range.begin, d.where.range.end, info(d.code).id, d.rule, d.args);
  };
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  diagnostics_.erase(
      std::unique(diagnostics_.begin(), diagnostics_.end(),
                  [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
      diagnostics_.end());
}

}  // namespace replyc
