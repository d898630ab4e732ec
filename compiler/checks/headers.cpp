#include <algorithm>
#include <array>
#include <map>

#include "compiler/base/date.hpp"
#include "compiler/base/spelling.hpp"
#include "compiler/checks/context.hpp"
#include "compiler/sema/marketplaces.hpp"
#include "compiler/sema/scenarios.hpp"
#include "compiler/sema/types.hpp"

namespace replyc::checks {
namespace {

const std::vector<std::string> kTemplateFields = {"title", "scenario", "kind", "marketplaces",
                                                  "valid"};
const std::vector<std::string> kRequiredTemplateFields = {"title", "scenario", "marketplaces"};

void check_field_names(const sema::Module& module, const ast::Block& block, Context& context) {
  const bool is_template = block.kind == ast::BlockKind::Template;
  const std::vector<std::string> known = is_template ? kTemplateFields : std::vector<std::string>{};
  std::map<std::string, const ast::HeaderField*> seen;
  for (const auto& field : block.fields) {
    const Location where{module.file, field.key.range};
    if (std::find(known.begin(), known.end(), field.key.text) == known.end()) {
      auto d = make_diagnostic(Code::UnknownHeaderField, where,
                               {field.key.text, translated_arg(is_template ? NoteId::WordTemplate
                                                                           : NoteId::WordSnippet)});
      if (auto guess = closest_match(field.key.text, known)) {
        d.fixes.push_back(make_fix(NoteId::DidYouMean, {*guess}, where, *guess));
      }
      context.report(std::move(d));
      continue;
    }
    const auto [it, inserted] = seen.emplace(field.key.text, &field);
    if (!inserted) {
      auto d = make_diagnostic(Code::DuplicateHeaderField, where, {field.key.text});
      d.notes.push_back(
          make_note(NoteId::FirstDefinedHere, {}, {module.file, it->second->key.range}));
      context.report(std::move(d));
    }
  }
  if (!is_template)
    return;
  for (const auto& name : kRequiredTemplateFields) {
    const auto present = seen.find(name);
    if (present != seen.end() && present->second->words.empty()) {
      // `title:` with nothing after it is as good as no title.
      context.report(make_diagnostic(Code::MissingHeaderField,
                                     {module.file, present->second->key.range},
                                     {block.id.text, name}));
      continue;
    }
    if (present == seen.end()) {
      auto d = make_diagnostic(Code::MissingHeaderField, {module.file, block.id.range},
                               {block.id.text, name});
      d.fixes.push_back(make_fix(NoteId::InsertField, {name}, {module.file, block.header_end},
                                 "\n  " + name + ": "));
      context.report(std::move(d));
    }
  }
}

const ast::HeaderField* field(const ast::Block& block, std::string_view key) {
  for (const auto& f : block.fields) {
    if (f.key.text == key)
      return &f;
  }
  return nullptr;
}

void check_kind(const sema::Module& module, const ast::Block& block, Context& context) {
  const auto* kind = field(block, "kind");
  if (kind == nullptr)
    return;
  const std::string value = kind->words.empty() ? std::string() : kind->words[0].text;
  if (kind->words.size() == 1 && (value == "reply" || value == "proactive"))
    return;
  auto d = make_diagnostic(Code::InvalidHeaderValue, {module.file, kind->value_range},
                           {value, translated_arg(NoteId::WordKind)});
  if (auto guess = closest_match(value, std::vector<std::string>{"reply", "proactive"})) {
    d.fixes.push_back(
        make_fix(NoteId::DidYouMean, {*guess}, {module.file, kind->value_range}, *guess));
  }
  context.report(std::move(d));
}

void check_scenario(const sema::Module& module, const ast::Block& block, Context& context) {
  const auto* scenario = field(block, "scenario");
  if (scenario == nullptr)
    return;
  const std::string value = scenario->words.empty() ? std::string() : scenario->words[0].text;
  if (scenario->words.size() == 1 && sema::find_scenario(value))
    return;
  auto d = make_diagnostic(Code::UnknownScenario, {module.file, scenario->value_range}, {value});
  const auto names = sema::scenario_names();
  if (auto guess = closest_match(value, names)) {
    d.fixes.push_back(
        make_fix(NoteId::DidYouMean, {*guess}, {module.file, scenario->value_range}, *guess));
  }
  context.report(std::move(d));
}

void check_marketplaces(const sema::Module& module, const ast::Block& block, Context& context) {
  const auto* marketplaces = field(block, "marketplaces");
  if (marketplaces == nullptr)
    return;
  const auto codes = sema::marketplace_codes();
  for (const auto& word : marketplaces->words) {
    if (sema::find_marketplace(word.text))
      continue;
    const Location where{module.file, word.range};
    auto d = make_diagnostic(Code::UnknownMarketplace, where, {word.text});
    std::string upper = word.text;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    // Amazon's UK marketplace is often written with the ISO code GB.
    if (upper == "GB")
      upper = "UK";
    const auto guess = sema::find_marketplace(upper) ? std::optional<std::string>(upper)
                                                     : closest_match(upper, codes);
    if (guess)
      d.fixes.push_back(make_fix(NoteId::DidYouMean, {*guess}, where, *guess));
    d.notes.push_back(make_note(NoteId::KnownMarketplaces, {join(codes, " ")}));
    context.report(std::move(d));
  }
}

void check_valid_window(const sema::Module& module, const ast::Block& block, Context& context) {
  const auto* valid = field(block, "valid");
  if (valid == nullptr)
    return;
  std::string joined;
  for (const auto& word : valid->words)
    joined += word.text;
  const Location where{module.file, valid->value_range};
  const auto dots = joined.find("..");
  std::optional<CivilDate> start, end;
  if (dots != std::string::npos) {
    start = parse_iso_date(std::string_view(joined).substr(0, dots));
    end = parse_iso_date(std::string_view(joined).substr(dots + 2));
  }
  std::string written;
  for (const auto& word : valid->words)
    written += (written.empty() ? "" : " ") + word.text;
  if (!start || !end || *end < *start) {
    context.report(make_diagnostic(Code::InvalidValidWindow, where, {written}));
    return;
  }
  const auto today = parse_iso_date(context.today);
  if (!today)
    return;
  if (*end < *today) {
    context.report(
        make_diagnostic(Code::TemplateExpired, where, {block.id.text, end->to_string()}));
  } else if (*today < *start) {
    context.report(
        make_diagnostic(Code::TemplateNotYetValid, where, {block.id.text, start->to_string()}));
  }
}

void check_param_decls(const sema::Module& module, const ast::Block& block, Context& context) {
  std::map<std::string, const ast::ParamDecl*> seen;
  const auto types = sema::type_names();
  for (const auto& param : block.params) {
    const auto [it, inserted] = seen.emplace(param.name.text, &param);
    if (!inserted) {
      auto d =
          make_diagnostic(Code::DuplicateParam, {module.file, param.name.range}, {param.name.text});
      d.notes.push_back(
          make_note(NoteId::FirstDefinedHere, {}, {module.file, it->second->name.range}));
      context.report(std::move(d));
    }
    if (param.type.text.empty() || sema::find_type(param.type.text))
      continue;
    const Location where{module.file, param.type.range};
    auto d = make_diagnostic(Code::UnknownType, where, {param.type.text});
    if (auto guess = closest_match(param.type.text, types)) {
      d.fixes.push_back(make_fix(NoteId::DidYouMean, {*guess}, where, *guess));
    }
    d.notes.push_back(make_note(NoteId::KnownTypes, {join(types)}));
    context.report(std::move(d));
  }
}

}  // namespace

void check_headers(const sema::Module& module, Context& context) {
  for (const auto& block : module.ast.blocks) {
    check_field_names(module, block, context);
    check_param_decls(module, block, context);
    if (block.kind != ast::BlockKind::Template)
      continue;
    check_kind(module, block, context);
    check_scenario(module, block, context);
    check_marketplaces(module, block, context);
    check_valid_window(module, block, context);
  }
}

}  // namespace replyc::checks
