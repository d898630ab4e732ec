#include <algorithm>
#include <map>

#include "compiler/base/spelling.hpp"
#include "compiler/checks/context.hpp"
#include "compiler/sema/sections.hpp"

namespace replyc::checks {
namespace {

std::ptrdiff_t rank(const std::vector<std::string>& order, const std::string& name) {
  const auto it = std::find(order.begin(), order.end(), name);
  return it == order.end() ? -1 : it - order.begin();
}

bool is_blank_text(const ast::Text& text) {
  for (const auto& part : text) {
    if (part.kind != ast::TextPart::Kind::Literal)
      return false;
    if (part.text.find_first_not_of(" \t") != std::string::npos)
      return false;
  }
  return true;
}

// Where a missing section goes: after the nearest earlier section in the canonical order.
ByteRange insertion_point(const ast::LocaleBlock& locale, const std::vector<std::string>& order,
                          std::ptrdiff_t missing_rank) {
  std::uint32_t at = locale.header_range.end;
  for (const auto& section : locale.sections) {
    const auto r = rank(order, section.name.text);
    if (r >= 0 && r < missing_rank)
      at = std::max(at, section.range.end);
  }
  return {at, at};
}

void check_locale(const sema::Module& module, const ast::Block& block,
                  const ast::LocaleBlock& locale, Context& context) {
  const auto& order = sema::required_sections(block.kind);
  std::map<std::string, const ast::Section*> seen;
  std::ptrdiff_t last_rank = -1;
  const ast::Section* last_section = nullptr;
  for (const auto& section : locale.sections) {
    const Location where{module.file, section.name.range};
    const auto r = rank(order, section.name.text);
    if (r < 0) {
      auto d = make_diagnostic(Code::UnknownSection, where, {section.name.text});
      if (auto guess = closest_match(section.name.text, order)) {
        d.fixes.push_back(make_fix(NoteId::DidYouMean, {*guess}, where, *guess));
      }
      d.notes.push_back(make_note(NoteId::SectionOrder, {join(order)}));
      context.report(std::move(d));
      continue;
    }
    const auto [it, inserted] = seen.emplace(section.name.text, &section);
    if (!inserted) {
      auto d = make_diagnostic(Code::DuplicateSection, where, {section.name.text, locale.tag.text});
      d.notes.push_back(
          make_note(NoteId::FirstDefinedHere, {}, {module.file, it->second->name.range}));
      context.report(std::move(d));
      continue;
    }
    // A section whose text did not parse is not empty, only broken: that is reported already.
    if (is_blank_text(section.text) && !locale.has_syntax_errors) {
      context.report(make_diagnostic(Code::EmptySection, where, {section.name.text}));
    }
    if (r < last_rank && last_section != nullptr) {
      auto d = make_diagnostic(Code::SectionOutOfOrder, where,
                               {section.name.text, last_section->name.text});
      d.notes.push_back(make_note(NoteId::SectionOrder, {join(order)}));
      context.report(std::move(d));
    } else {
      last_rank = r;
      last_section = &section;
    }
  }
  if (locale.has_syntax_errors)
    return;  // a section may be missing only because it did not parse
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (seen.count(order[i]))
      continue;
    auto d = make_diagnostic(Code::MissingSection, {module.file, locale.header_range},
                             {locale.tag.text, block.id.text, order[i]});
    const auto at = insertion_point(locale, order, static_cast<std::ptrdiff_t>(i));
    d.fixes.push_back(
        make_fix(NoteId::AddSection, {order[i]}, {module.file, at}, "\n" + order[i] + " = "));
    context.report(std::move(d));
  }
}

}  // namespace

void check_structure(const sema::Module& module, Context& context) {
  for (const auto& block : module.ast.blocks) {
    if (block.locales.empty() && !block.id.text.empty()) {
      context.report(
          make_diagnostic(Code::NoLocales, {module.file, block.id.range}, {block.id.text}));
    }
    for (const auto& locale : block.locales)
      check_locale(module, block, locale, context);
  }
}

}  // namespace replyc::checks
