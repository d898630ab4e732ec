#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "compiler/ast/walk.hpp"
#include "compiler/base/spelling.hpp"
#include "compiler/checks/context.hpp"
#include "compiler/sema/locale.hpp"
#include "compiler/sema/types.hpp"

namespace replyc::checks {
namespace {

using Kind = ast::TextPart::Kind;
using ParamSet = std::set<std::string>;

struct Scope {
  const sema::Module& module;
  const ast::Block& block;
  std::map<std::string, const ast::ParamDecl*> params;
  std::vector<std::string> names;
  Context& context;
  // Computed once per snippet and per text: a block with thousands of snippet references or
  // choices must not redo them for every reference, choice and param.
  mutable std::map<std::string, ParamSet, std::less<>> snippet_cache;
  mutable std::map<const ast::Text*, ParamSet> always_cache, ever_cache;
};

const ParamSet& snippet_params(const Scope& scope, const ast::TextPart& part) {
  const auto cached = scope.snippet_cache.find(part.name.text);
  if (cached != scope.snippet_cache.end())
    return cached->second;
  ParamSet result;
  if (const auto* snippet = scope.context.project.find_snippet(scope.module, part.name.text)) {
    for (const auto& param : snippet->block->params)
      result.insert(param.name.text);
  }
  return scope.snippet_cache.emplace(part.name.text, std::move(result)).first->second;
}

// Params that appear in every rendering of `text` (each choice contributes what all its branches
// share, plus its selector).
const ParamSet& always_present(const Scope& scope, const ast::Text& text) {
  if (const auto cached = scope.always_cache.find(&text); cached != scope.always_cache.end())
    return cached->second;
  ParamSet present;
  std::set<std::string_view> snippets;  // each snippet's params are added once
  for (const auto& part : text) {
    if (part.kind == Kind::Param)
      present.insert(part.name.text);
    if (part.kind == Kind::Snippet && snippets.insert(part.name.text).second) {
      const ParamSet& params = snippet_params(scope, part);
      present.insert(params.begin(), params.end());
    }
    if (part.kind != Kind::Choice)
      continue;
    present.insert(part.name.text);
    std::optional<ParamSet> shared;
    for (const auto& branch : part.branches) {
      ParamSet in_branch = always_present(scope, branch.body);
      if (!shared) {
        shared = std::move(in_branch);
      } else {
        ParamSet both;
        std::set_intersection(shared->begin(), shared->end(), in_branch.begin(), in_branch.end(),
                              std::inserter(both, both.begin()));
        shared = std::move(both);
      }
    }
    if (shared)
      present.merge(*shared);
  }
  return scope.always_cache.emplace(&text, std::move(present)).first->second;
}

const ParamSet& ever_present(const Scope& scope, const ast::Text& text) {
  if (const auto cached = scope.ever_cache.find(&text); cached != scope.ever_cache.end())
    return cached->second;
  ParamSet used;
  std::set<std::string_view> snippets;  // each snippet's params are added once
  ast::walk(text, [&](const ast::TextPart& part, const std::vector<ast::Enclosing>&) {
    if (part.kind == Kind::Param || part.kind == Kind::Choice)
      used.insert(part.name.text);
    if (part.kind == Kind::Snippet && snippets.insert(part.name.text).second) {
      const ParamSet& params = snippet_params(scope, part);
      used.insert(params.begin(), params.end());
    }
  });
  return scope.ever_cache.emplace(&text, std::move(used)).first->second;
}

void report_unknown(Scope& scope, const ast::Name& name) {
  const Location where{scope.module.file, name.range};
  auto d = make_diagnostic(Code::UnknownParam, where, {name.text});
  if (auto guess = scope.context.suggest(name.text, scope.names)) {
    d.fixes.push_back(make_fix(NoteId::DidYouMean, {*guess}, where, *guess));
  }
  if (scope.block.kind == ast::BlockKind::Template || !scope.block.params.empty() ||
      !scope.block.params_keyword.text.empty()) {
    const std::string line = scope.block.params_keyword.text.empty()
                                 ? "\n  params:\n    " + name.text + ": text required"
                                 : "\n    " + name.text + ": text required";
    std::uint32_t at = scope.block.header_end.begin;
    d.fixes.push_back(
        make_fix(NoteId::DeclareParam, {name.text}, {scope.module.file, {at, at}}, line));
  }
  scope.context.report(std::move(d));
}

bool guarded(const ast::TextPart& part, const std::vector<ast::Enclosing>& stack) {
  for (const auto& enclosing : stack) {
    if (enclosing.choice->choice == ast::ChoiceKind::Select &&
        enclosing.choice->name.text == part.name.text && enclosing.branch->key.text != "none")
      return true;
  }
  return false;
}

void check_param_part(Scope& scope, const ast::TextPart& part,
                      const std::vector<ast::Enclosing>& stack) {
  const auto it = scope.params.find(part.name.text);
  if (it == scope.params.end()) {
    report_unknown(scope, part.name);
    return;
  }
  const ast::ParamDecl& decl = *it->second;
  const auto* type = sema::find_type(decl.type.text);
  if (!part.style.text.empty() && type != nullptr) {
    const auto& styles = type->styles;
    if (std::find(styles.begin(), styles.end(), part.style.text) == styles.end()) {
      const Location where{scope.module.file, part.style.range};
      auto d = make_diagnostic(Code::StyleNotAllowed, where, {part.style.text, decl.type.text});
      std::vector<std::string> allowed(styles.begin(), styles.end());
      if (auto guess = closest_match(part.style.text, allowed)) {
        d.fixes.push_back(make_fix(NoteId::DidYouMean, {*guess}, where, *guess));
      }
      d.notes.push_back(make_note(NoteId::AllowedStyles,
                                  {decl.type.text, allowed.empty() ? "-" : join(allowed)}));
      scope.context.report(std::move(d));
    }
  }
  if (!decl.required && !guarded(part, stack)) {
    auto d = make_diagnostic(Code::OptionalParamUnguarded, {scope.module.file, part.range},
                             {part.name.text});
    d.notes.push_back(make_note(NoteId::GuardOptional, {part.name.text}));
    d.notes.push_back(make_note(NoteId::Declared, {}, {scope.module.file, decl.name.range}));
    scope.context.report(std::move(d));
  }
}

void check_choice_part(Scope& scope, const ast::TextPart& part, const ast::LocaleBlock& locale,
                       const std::vector<ast::Enclosing>& stack) {
  const auto it = scope.params.find(part.name.text);
  if (it == scope.params.end()) {
    report_unknown(scope, part.name);
  }
  const ast::ParamDecl* decl = it == scope.params.end() ? nullptr : it->second;
  const bool plural = part.choice == ast::ChoiceKind::Plural;
  // An absent count has no plural form: a plural on an optional param needs a select around it.
  if (plural && decl != nullptr && !decl->required && !guarded(part, stack)) {
    auto d = make_diagnostic(Code::OptionalParamUnguarded, {scope.module.file, part.name.range},
                             {part.name.text});
    d.notes.push_back(make_note(NoteId::Declared, {}, {scope.module.file, decl->name.range}));
    scope.context.report(std::move(d));
  }
  if (plural && decl != nullptr) {
    const auto* type = sema::find_type(decl->type.text);
    if (type != nullptr && !type->plural_selector) {
      scope.context.report(make_diagnostic(Code::PluralNeedsCount,
                                           {scope.module.file, part.name.range},
                                           {part.name.text, decl->type.text}));
    }
  }
  const auto categories =
      plural ? sema::plural_categories(locale.tag.text) : std::vector<std::string>{};
  std::map<std::string, const ast::Branch*> seen;
  bool has_other = false;
  for (const auto& branch : part.branches) {
    const Location where{scope.module.file, branch.key.range};
    const auto [first, inserted] = seen.emplace(branch.key.text, &branch);
    if (!inserted) {
      auto d = make_diagnostic(Code::DuplicateBranch, where, {branch.key.text});
      d.notes.push_back(
          make_note(NoteId::FirstDefinedHere, {}, {scope.module.file, first->second->key.range}));
      scope.context.report(std::move(d));
    }
    has_other = has_other || branch.key.text == "other";
    if (plural && !branch.key.text.starts_with("=") &&
        std::find(categories.begin(), categories.end(), branch.key.text) == categories.end()) {
      auto d =
          make_diagnostic(Code::InvalidPluralCategory, where, {branch.key.text, locale.tag.text});
      if (auto guess = closest_match(branch.key.text, categories)) {
        d.fixes.push_back(make_fix(NoteId::DidYouMean, {*guess}, where, *guess));
      }
      d.notes.push_back(make_note(NoteId::ValidCategories, {locale.tag.text, join(categories)}));
      scope.context.report(std::move(d));
    }
    if (!plural && branch.key.text == "none" && decl != nullptr && decl->required) {
      scope.context.report(make_diagnostic(Code::SelectNoneOnRequired, where, {part.name.text}));
    }
  }
  if (!has_other) {
    auto d = make_diagnostic(Code::MissingOtherBranch, {scope.module.file, part.name.range},
                             {translated_arg(plural ? NoteId::WordPlural : NoteId::WordSelect)});
    d.notes.push_back(make_note(NoteId::AddOtherBranch));
    scope.context.report(std::move(d));
  }
}

// A required param that some branches of a choice carry and others do not.
void check_branches_carry(Scope& scope, const ast::Text& text, const std::string& param) {
  ast::walk(text, [&](const ast::TextPart& part, const std::vector<ast::Enclosing>&) {
    if (part.kind != Kind::Choice || part.name.text == param)
      return;
    bool some = false;
    for (const auto& branch : part.branches)
      some = some || ever_present(scope, branch.body).count(param);
    if (!some)
      return;
    for (const auto& branch : part.branches) {
      if (always_present(scope, branch.body).count(param))
        continue;
      if (ever_present(scope, branch.body).count(param))
        continue;  // reported deeper down
      scope.context.report(make_diagnostic(Code::RequiredParamMissingInBranch,
                                           {scope.module.file, branch.key.range},
                                           {param, branch.key.text}));
    }
  });
}

void check_block(const sema::Module& module, const ast::Block& block, Context& context) {
  Scope scope{module, block, {}, {}, context, {}, {}, {}};
  for (const auto& param : block.params) {
    scope.params.emplace(param.name.text, &param);
    scope.names.push_back(param.name.text);
  }
  ParamSet used_anywhere;
  std::map<std::string, std::pair<const ast::LocaleBlock*, ByteRange>> first_use;
  for (const auto& locale : block.locales) {
    ParamSet present, used;
    for (const auto& section : locale.sections) {
      ast::walk(section.text,
                [&](const ast::TextPart& part, const std::vector<ast::Enclosing>& stack) {
                  if (part.kind == Kind::Param)
                    check_param_part(scope, part, stack);
                  if (part.kind == Kind::Choice)
                    check_choice_part(scope, part, locale, stack);
                  if (part.kind == Kind::Param || part.kind == Kind::Choice)
                    first_use.try_emplace(part.name.text, &locale, part.name.range);
                });
      const ParamSet& always = always_present(scope, section.text);
      const ParamSet& ever = ever_present(scope, section.text);
      present.insert(always.begin(), always.end());
      used.insert(ever.begin(), ever.end());
    }
    used_anywhere.insert(used.begin(), used.end());
    if (locale.has_syntax_errors || block.kind != ast::BlockKind::Template)
      continue;
    for (const auto& param : block.params) {
      if (!param.required || present.count(param.name.text))
        continue;
      if (used.count(param.name.text)) {
        for (const auto& section : locale.sections)
          check_branches_carry(scope, section.text, param.name.text);
        continue;
      }
      auto d = make_diagnostic(Code::RequiredParamMissing, {module.file, locale.header_range},
                               {param.name.text, locale.tag.text});
      const auto use = first_use.find(param.name.text);
      if (use != first_use.end() && use->second.first != &locale) {
        d.notes.push_back(make_note(NoteId::UsedInLocale, {use->second.first->tag.text},
                                    {module.file, use->second.second}));
      }
      context.report(std::move(d));
    }
  }
  if (block.has_syntax_errors)
    return;
  for (const auto& param : block.params) {
    if (used_anywhere.count(param.name.text))
      continue;
    auto d = make_diagnostic(Code::UnusedParam, {module.file, param.name.range}, {param.name.text});
    // Remove the whole declaration line, newline included.
    const std::string_view text = context.sources.file(module.file).text;
    std::uint32_t begin = param.range.begin, end = param.range.end;
    while (begin > 0 && text[begin - 1] != '\n')
      --begin;
    while (end < text.size() && text[end] != '\n')
      ++end;
    if (end < text.size())
      ++end;
    d.fixes.push_back(make_fix(NoteId::RemoveIt, {}, {module.file, {begin, end}}, ""));
    context.report(std::move(d));
  }
}

}  // namespace

void check_params(const sema::Module& module, Context& context) {
  for (const auto& block : module.ast.blocks)
    check_block(module, block, context);
}

}  // namespace replyc::checks
