#include "compiler/checks/suppressions.hpp"

#include <algorithm>

#include "compiler/diag/make.hpp"

namespace replyc::checks {
namespace {

struct Scoped {
  const ast::Suppression* suppression;
  FileId file;
  ByteRange scope;
  bool used = false;
};

bool matches(const ast::Suppression& suppression, const Diagnostic& diagnostic) {
  const auto& code = info(diagnostic.code);
  const std::string& rule = suppression.rule.text;
  return rule == code.id || rule == code.name ||
         (!diagnostic.rule.empty() && rule == diagnostic.rule);
}

}  // namespace

void apply_suppressions(const sema::Project& project, std::vector<Diagnostic>& diagnostics,
                        const std::function<bool(std::string_view)>& is_known_rule) {
  std::vector<Scoped> scoped;
  std::vector<Diagnostic> extra;
  for (const auto& module : project.modules) {
    for (const auto& block : module->ast.blocks) {
      for (const auto& s : block.suppressions)
        scoped.push_back({&s, module->file, block.range});
      for (const auto& locale : block.locales) {
        for (const auto& section : locale.sections) {
          for (const auto& s : section.suppressions)
            scoped.push_back({&s, module->file, section.range});
        }
      }
    }
    for (const auto& s : module->ast.stray_suppressions) {
      extra.push_back(
          make_diagnostic(Code::UnusedSuppression, {module->file, s.range}, {s.rule.text}));
    }
  }
  std::erase_if(diagnostics, [&](const Diagnostic& diagnostic) {
    // Errors that stop a file from being read cannot be waived.
    if (diagnostic.code == Code::SyntaxError || diagnostic.code == Code::BinaryFile ||
        diagnostic.code == Code::InvalidUtf8)
      return false;
    bool suppressed = false;
    for (auto& entry : scoped) {
      if (entry.file != diagnostic.where.file || !matches(*entry.suppression, diagnostic))
        continue;
      if (diagnostic.where.range.begin < entry.scope.begin ||
          diagnostic.where.range.begin > entry.scope.end)
        continue;
      entry.used = true;
      suppressed = true;
    }
    return suppressed;
  });
  for (const auto& entry : scoped) {
    const auto& s = *entry.suppression;
    const Location where{entry.file, s.range};
    const bool known = find_code(s.rule.text) != nullptr || is_known_rule(s.rule.text);
    if (!known) {
      extra.push_back(
          make_diagnostic(Code::UnknownRule, {entry.file, s.rule.range}, {s.rule.text}));
      continue;
    }
    if (s.reason.empty()) {
      auto d = make_diagnostic(Code::SuppressionWithoutReason, where, {s.rule.text});
      d.fixes.push_back(
          make_fix(NoteId::AddReason, {}, {entry.file, {s.range.end, s.range.end}}, " -- "));
      extra.push_back(std::move(d));
    }
    if (!entry.used) {
      auto d = make_diagnostic(Code::UnusedSuppression, where, {s.rule.text});
      d.fixes.push_back(make_fix(NoteId::RemoveIt, {}, where, ""));
      extra.push_back(std::move(d));
    }
  }
  for (auto& d : extra)
    diagnostics.push_back(std::move(d));
}

}  // namespace replyc::checks
