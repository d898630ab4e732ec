#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "compiler/ast/walk.hpp"
#include "compiler/base/spelling.hpp"
#include "compiler/checks/context.hpp"

namespace replyc::checks {
namespace {

using Kind = ast::TextPart::Kind;

// What check_reference needs of the block and module it is called for, computed once: a
// thousand references must not each rebuild it.
struct ReferenceScope {
  std::map<std::string_view, const ast::ParamDecl*> params;  // the block's, by name
  std::optional<std::vector<std::string>> ids;               // visible snippets, when needed
  // (locale, snippet) pairs already checked: a snippet used twice in one locale is checked once.
  std::set<std::pair<const ast::LocaleBlock*, std::string_view>> checked;
};

void check_reference(const sema::Module& module, const ast::Block& block,
                     const ast::LocaleBlock& locale, const ast::TextPart& part, Context& context,
                     ReferenceScope& scope) {
  const Location where{module.file, part.name.range};
  const auto* snippet = context.project.find_snippet(module, part.name.text);
  if (snippet == nullptr) {
    auto d = make_diagnostic(Code::UnknownSnippet, where, {part.name.text});
    if (!scope.ids)
      scope.ids = context.project.visible_snippet_ids(module);
    const auto& ids = *scope.ids;
    if (auto guess = context.suggest(part.name.text, ids)) {
      d.fixes.push_back(make_fix(NoteId::DidYouMean, {*guess}, where, *guess));
    }
    if (!ids.empty() && ids.size() <= 20)
      d.notes.push_back(make_note(NoteId::AvailableSnippets, {join(ids)}));
    context.report(std::move(d));
    return;
  }
  if (const auto* candidates = context.project.ambiguous_snippet(module, part.name.text)) {
    auto d = make_diagnostic(Code::AmbiguousSnippet, where, {part.name.text});
    for (const auto& candidate : *candidates) {
      d.notes.push_back(make_note(NoteId::SnippetDefinedHere, {},
                                  {candidate.module->file, candidate.block->id.range}));
    }
    d.notes.push_back(make_note(NoteId::UsingFirst, {}));
    context.report(std::move(d));
  }
  if (!scope.checked.emplace(&locale, part.name.text).second)
    return;
  const Location definition{snippet->module->file, snippet->block->id.range};
  if (sema::find_locale(*snippet->block, locale.tag.text) == nullptr) {
    auto d = make_diagnostic(Code::SnippetLocaleMissing, where, {part.name.text, locale.tag.text});
    d.notes.push_back(make_note(NoteId::SnippetDefinedHere, {}, definition));
    context.report(std::move(d));
  }
  for (const auto& needed : snippet->block->params) {
    const auto found = scope.params.find(needed.name.text);
    const ast::ParamDecl* have = found == scope.params.end() ? nullptr : found->second;
    if (have == nullptr) {
      auto d = make_diagnostic(Code::SnippetParamMissing, where,
                               {part.name.text, needed.name.text, block.id.text});
      d.notes.push_back(make_note(NoteId::SnippetDefinedHere, {}, definition));
      const std::string line =
          block.params_keyword.text.empty()
              ? "\n  params:\n    " + needed.name.text + ": " + needed.type.text + " required"
              : "\n    " + needed.name.text + ": " + needed.type.text + " required";
      d.fixes.push_back(make_fix(NoteId::DeclareParam, {needed.name.text},
                                 {module.file, block.header_end}, line));
      context.report(std::move(d));
    } else if (have->type.text != needed.type.text) {
      auto d =
          make_diagnostic(Code::SnippetTypeMismatch, {module.file, have->type.range},
                          {part.name.text, needed.name.text, needed.type.text, have->type.text});
      d.notes.push_back(make_note(NoteId::SnippetDefinedHere, {}, definition));
      context.report(std::move(d));
    }
  }
}

// Depth-first search over snippet references; reports each cycle once, at the snippet it closes on.
class CycleFinder {
 public:
  explicit CycleFinder(Context& context) : context_(context) {}

  void visit(const sema::Module& module, const ast::Block& block) {
    if (done_.count(&block))
      return;
    const auto on_path = std::find(path_.begin(), path_.end(), &block);
    if (on_path != path_.end()) {
      std::string chain;
      for (auto it = on_path; it != path_.end(); ++it)
        chain += (*it)->id.text + " -> ";
      chain += block.id.text;
      if (reported_.insert(&block).second) {
        context_.report(make_diagnostic(
            Code::SnippetCycle, {modules_[&block]->file, block.id.range}, {block.id.text, chain}));
      }
      return;
    }
    modules_[&block] = &module;
    path_.push_back(&block);
    for (const auto& locale : block.locales) {
      for (const auto& section : locale.sections) {
        ast::walk(section.text, [&](const ast::TextPart& part, const std::vector<ast::Enclosing>&) {
          if (part.kind != Kind::Snippet)
            return;
          if (const auto* target = context_.project.find_snippet(module, part.name.text))
            visit(*target->module, *target->block);
        });
      }
    }
    path_.pop_back();
    done_.insert(&block);
  }

 private:
  Context& context_;
  std::vector<const ast::Block*> path_;
  std::set<const ast::Block*> done_, reported_;
  std::map<const ast::Block*, const sema::Module*> modules_;
};

}  // namespace

void check_snippets(const sema::Module& module, Context& context) {
  std::map<std::string, const ast::Block*> defined;
  CycleFinder cycles(context);
  for (const auto& block : module.ast.blocks) {
    if (block.kind == ast::BlockKind::Snippet) {
      const auto [it, inserted] = defined.emplace(block.id.text, &block);
      if (!inserted) {
        auto d =
            make_diagnostic(Code::DuplicateSnippet, {module.file, block.id.range}, {block.id.text});
        d.notes.push_back(
            make_note(NoteId::FirstDefinedHere, {}, {module.file, it->second->id.range}));
        context.report(std::move(d));
      }
      cycles.visit(module, block);
    }
    ReferenceScope scope;
    for (const auto& param : block.params)
      scope.params[param.name.text] = &param;  // the last declaration wins, as before
    for (const auto& locale : block.locales) {
      for (const auto& section : locale.sections) {
        ast::walk(section.text, [&](const ast::TextPart& part, const std::vector<ast::Enclosing>&) {
          if (part.kind == Kind::Snippet)
            check_reference(module, block, locale, part, context, scope);
        });
      }
    }
  }
}

void check_project(Context& context) {
  std::map<std::string, std::pair<const sema::Module*, const ast::Block*>> seen;
  for (const auto& module : context.project.modules) {
    for (const auto& block : module->ast.blocks) {
      if (block.kind != ast::BlockKind::Template || block.id.text.empty())
        continue;
      const auto [it, inserted] = seen.emplace(block.id.text, std::make_pair(module.get(), &block));
      if (inserted)
        continue;
      auto d =
          make_diagnostic(Code::DuplicateTemplate, {module->file, block.id.range}, {block.id.text});
      d.notes.push_back(make_note(NoteId::FirstDefinedHere, {},
                                  {it->second.first->file, it->second.second->id.range}));
      context.report(std::move(d));
    }
  }
}

}  // namespace replyc::checks
